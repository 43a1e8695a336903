import type { ReactNode } from 'react';

export type Level = 2 | 3 | 4 | 5;

/** A heading at the level its place asks for: the same review reads under the ending page's and a document's heads. */
export function Heading({ level, children, id }: { level: Level; children: ReactNode; id?: string }) {
  const H = `h${level}` as const;
  return <H id={id}>{children}</H>;
}

export const below = (level: Level): Level => Math.min(level + 1, 5) as Level;
