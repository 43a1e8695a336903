import { MeasureLinkParams } from '@ipt/contract';
import { describe, expect, it } from 'vitest';
import { isLinkToken } from './link-token.js';

describe('a link token, checked in the page without zod', () => {
  it('is well formed exactly when the contract says so', () => {
    const good = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ-_01234';
    const tokens = [good, good.slice(1), `${good}x`, `${good.slice(1)}=`, `${good.slice(1)}+`, '', 'a'.repeat(43)];
    for (const token of tokens) {
      expect(isLinkToken(token), token).toBe(MeasureLinkParams.safeParse({ token }).success);
    }
    expect(isLinkToken(good)).toBe(true);
  });
});
