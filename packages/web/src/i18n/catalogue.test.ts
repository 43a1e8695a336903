import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The English catalogue is spread together from several files (en-*.ts) (en.ts spreads the others in): a key written in two of
 * them is silently won by the last, as the safety review's heading once read "Progress review". Every key is written
 * once.
 */
describe('the message catalogue', () => {
  it('names each key in one place only', () => {
    const files = readdirSync(new URL('.', import.meta.url)).filter((f) => /^en(-[a-z]+)?\.ts$/.test(f));
    expect(files).toContain('en.ts');
    const seen = new Map<string, string[]>();
    for (const file of files) {
      const text = readFileSync(new URL(file, import.meta.url), 'utf8');
      for (const m of text.matchAll(/^\s+'([a-zA-Z0-9_.-]+)':/gm)) {
        const key = m[1] ?? '';
        seen.set(key, [...(seen.get(key) ?? []), file]);
      }
    }
    expect(seen.size).toBeGreaterThan(300);
    const twice = [...seen]
      .filter(([, where]) => where.length > 1)
      .map(([key, where]) => `${key}: ${where.join(', ')}`);
    expect(twice).toEqual([]);
  });
});
