import { afterAll, describe, expect, it } from 'vitest';
import { batchMatches, ParallelMatcher } from './parallel.js';
import { PdqIndex } from './pdq-index.js';
import { Prng } from './prng.js';
import { makeCodes, makeQuery } from './testutil.js';

describe('ParallelMatcher', () => {
  const rng = new Prng(77);
  const n = 20_000;
  const codes = makeCodes(rng, 'clustered', n);
  const index = PdqIndex.build(
    Array.from({ length: n }, (_, i) => i + 1),
    codes,
    { bufferSize: 256 },
  );
  const matcher = new ParallelMatcher(index, { threads: 2 });
  afterAll(() => matcher.close());

  it('returns the same rows as sequential queries, and follows later adds/removes', async () => {
    const Q = 300;
    const qs = new Uint32Array(Q * 8);
    for (let q = 0; q < Q; q++) qs.set(makeQuery(rng, codes, n, 35), q * 8);
    for (let round = 0; round < 2; round++) {
      const res = await matcher.queryBatch(qs, { radius: 31, chunk: 16 });
      expect(res.count).toBe(Q);
      for (let q = 0; q < Q; q++) expect(batchMatches(res, q)).toEqual(index.query(qs.subarray(q * 8, q * 8 + 8), 31));
      expect(matcher.lastWorkerStats.reduce((a, s) => a + s.queries, 0)).toBe(Q);
      // Mutate between batches: the next batch must see it.
      for (let i = 0; i < 500; i++) index.add(n + 1 + i + round * 1000, qs.subarray((i % Q) * 8, (i % Q) * 8 + 8));
      for (let i = 1; i <= 300; i++) index.remove(i * 3 + round);
    }
  });

  it('dihedral batches reduce to the best variant per id', async () => {
    const Q = 40;
    const words = new Uint32Array(Q * 64);
    for (let q = 0; q < Q; q++) for (let v = 0; v < 8; v++) words.set(makeQuery(rng, codes, n, 30), q * 64 + v * 8);
    const res = await matcher.queryBatch(words, { dihedral: true, radius: 40 });
    for (let q = 0; q < Q; q++) expect(batchMatches(res, q)).toEqual(index.queryDihedral(words.subarray(q * 64, q * 64 + 64), 40));
    await expect(matcher.queryBatch(words.subarray(0, 8), { dihedral: true })).rejects.toThrow();
    const empty = await matcher.queryBatch([], {});
    expect(empty.count).toBe(0);
  });
});
