// The block kernel (batch queries) must return exactly what one query at a time returns,
// and what a brute-force scan returns, on every data shape and layout.
import { describe, expect, it } from 'vitest';
import { batchMatches } from './batch-result.js';
import { MIN_BLOCK_SLOTS } from './block.js';
import type { PdqIndexOptions } from './pdq-index.js';
import { PdqIndex } from './pdq-index.js';
import { Prng } from './prng.js';
import { firstDifference } from '../testing/arrays.js';
import { makeCodes, makeQuery, oracle, oracleDihedral, oracleRadii, type DataKind } from './testutil.js';

const n = MIN_BLOCK_SLOTS + 4000;

function rows(index: PdqIndex, qs: Uint32Array, r: number, chunk?: number): string[][] {
  const res = index.queryBatch(qs, { radius: r, chunk });
  expect(res.count).toBe(qs.length / 8);
  return Array.from({ length: res.count }, (_, q) => batchMatches(res, q).map((m) => `${m.id}:${m.distance}`));
}

/** Matches as numbers (id and distance packed), for the comparisons that run over up to a million matches. */
const packed = (ms: ReadonlyArray<{ id: number; distance: number }>) => Float64Array.from(ms, (m) => m.id * 512 + m.distance);

const cases: [DataKind, string, PdqIndexOptions][] = [
  ['random', 'auto', {}],
  ['random', 'm11 P14 (8-10 inline bits)', { layout: { m: 11, prefixBits: 14 } }],
  ['clustered', 'auto', {}],
  ['clustered', 'm16 P12', { layout: { m: 16, prefixBits: 12 } }],
  ['skewed', 'auto (huge buckets, scan fallback)', {}],
  ['skewed', 'never fall back', { layout: { m: 12, prefixBits: 16 }, fallbackRatio: Infinity }],
];

describe('PdqIndex.queryBatch (block kernel)', () => {
  for (const [kind, name, opts] of cases) {
    it(`${kind} data, ${name}`, () => {
      const rng = new Prng(kind.length * 97 + name.length);
      const codes = makeCodes(rng, kind, n);
      for (let i = 0; i < 300; i++) {
        const from = rng.int(n - 400) * 8;
        codes.copyWithin((n - 1 - i) * 8, from, from + 8);
      } // exact duplicates
      codes.copyWithin((n - 1000) * 8, 0, 8); // make sure at least one duplicate exists
      const ids = Array.from({ length: n }, (_, i) => 5 + i * 3);
      const index = PdqIndex.build(ids, codes, opts);
      const Q = kind === 'skewed' ? 40 : 150; // skewed buckets make one-at-a-time queries slow
      const qs = new Uint32Array(Q * 8);
      for (let q = 0; q < Q; q++) qs.set(makeQuery(rng, codes, n, 36), q * 8);
      const model = new Map(ids.map((id, i) => [id, codes.slice(i * 8, i * 8 + 8)]));
      const radii = [0, 1, 31, 32, 63];
      const expected = new Map<number, Map<number, string[]>>(); // every 10th query against the brute-force oracle
      for (let q = 0; q < Q; q += 10) expected.set(q, oracleRadii(model, qs, q * 8, radii));
      for (const r of radii) {
        const res = index.queryBatch(qs, { radius: r, chunk: Math.ceil((Q * 2) / 3) }); // a full and a part block
        expect(res.count).toBe(Q);
        for (let q = 0; q < Q; q++) {
          const batch = batchMatches(res, q);
          const one = index.query(qs.subarray(q * 8, q * 8 + 8), r);
          expect(firstDifference(packed(batch), packed(one)), `query ${q} r=${r}: ${batch.length} batch matches, ${one.length} one at a time`).toBe(-1);
          if (q % 10 === 0) expect(batch.map((m) => `${m.id}:${m.distance}`).sort(), `oracle, query ${q} r=${r}`).toEqual(expected.get(q)!.get(r));
        }
      }
    });
  }

  it('sees removals, duplicates and the unindexed buffer; dihedral batches keep the best variant', () => {
    const rng = new Prng(4242);
    const codes = makeCodes(rng, 'clustered', n);
    const ids = Array.from({ length: n }, (_, i) => i + 1);
    const index = PdqIndex.build(ids, codes, { bufferSize: 5000 });
    const model = new Map<number, Uint32Array>(ids.map((id, i) => [id, codes.slice(i * 8, i * 8 + 8)]));
    for (let i = 0; i < 3000; i++) {
      const id = 1 + rng.int(n);
      if (index.remove(id)) model.delete(id);
    }
    for (let i = 0; i < 2000; i++) {
      const c = makeQuery(rng, codes, n, 10);
      index.add(n + 1 + i, c);
      model.set(n + 1 + i, c);
    }
    expect(index.stats().segments.some((s) => s.slots > 0 && s.m === 0)).toBe(true); // the buffer holds codes
    const Q = 120;
    const qs = new Uint32Array(Q * 8);
    for (let q = 0; q < Q; q++) qs.set(makeQuery(rng, codes, n, 30), q * 8);
    const got = rows(index, qs, 31);
    for (let q = 0; q < Q; q++) expect([...got[q]].sort(), `query ${q}`).toEqual(oracle(model, qs, q * 8, 31));

    const D = 40,
      words = new Uint32Array(D * 64);
    for (let k = 0; k < D * 8; k++) words.set(makeQuery(rng, codes, n, 30), k * 8);
    const res = index.queryBatch(words, { dihedral: true, radius: 33 });
    for (let q = 0; q < D; q++) {
      const g = batchMatches(res, q)
        .map((m) => `${m.id}:${m.distance}:${(m as { variant: number }).variant}`)
        .sort();
      expect(g).toEqual(oracleDihedral(model, words.subarray(q * 64, q * 64 + 64), 33));
    }
    expect(() => index.queryBatch(words.slice(0, 8), { dihedral: true })).toThrow(/8 codes/);
    expect(() => index.queryBatch(qs, { chunk: 2.5 })).toThrow(/chunk/);
    expect(index.queryBatch([], {}).count).toBe(0);
  });
});
