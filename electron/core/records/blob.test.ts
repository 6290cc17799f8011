import { describe, expect, it } from 'vitest';
import { buildBlob, markHits } from './blob';

describe('markHits', () => {
  it('marks each record containing the needle once, never across records', () => {
    const blob = buildBlob([' dupont marie', '', ' martin marc', ' ma', ' dupont']);
    const hits = new Uint8Array(5);
    markHits(blob, ' ma', hits);
    expect([...hits]).toEqual([1, 0, 1, 1, 0]);
    const none = new Uint8Array(5);
    markHits(blob, ' zz', none);
    expect([...none]).toEqual([0, 0, 0, 0, 0]);
  });
});
