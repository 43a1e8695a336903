import { type ReactNode, useId } from 'react';
import { TableScroll } from '../../layout/TableScroll.js';

/** A small table of the review: a caption, column heads, rows (the first cell of each heads its row). */
export function ReviewTable({
  caption,
  head,
  rows,
  className,
}: {
  caption: string;
  head: readonly string[];
  rows: readonly { key: string; cells: readonly ReactNode[] }[];
  className?: string;
}) {
  const id = useId();
  return (
    <TableScroll labelledBy={id}>
      <table className={['table', className].filter(Boolean).join(' ')}>
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, i) =>
                i === 0 ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional.
                  <th key={i} scope="row">
                    {cell}
                  </th>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional.
                  <td key={i}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
