// Property tests: PdqIndex must return exactly what a brute-force scan returns.
import { describe, expect, it } from 'vitest';
import { codeToHex } from './code.js';
import type { LayoutSpec } from './layout.js';
import { PdqIndex, type PdqIndexOptions } from './pdq-index.js';
import { Prng } from './prng.js';
import { makeCodes, makeQuery, oracle, oracleDihedral, oracleRadii, type DataKind } from './testutil.js';

const RADII = [0, 1, 31, 32, 63];

function got(index: PdqIndex, q: Uint32Array, r: number): string[] {
  return index
    .query(q, r)
    .map((m) => `${m.id}:${m.distance}`)
    .sort();
}

function checkQueries(index: PdqIndex, model: Map<number, Uint32Array>, rng: Prng, codes: Uint32Array, n: number, count: number): void {
  for (let k = 0; k < count; k++) {
    const q = makeQuery(rng, codes, n, 40);
    const expected = oracleRadii(model, q, 0, RADII);
    for (const r of RADII) expect(got(index, q, r), `query ${codeToHex(q)} r=${r}`).toEqual(expected.get(r));
  }
}

const layouts: [string, PdqIndexOptions][] = [
  ['auto', {}],
  ['m16 P8', { layout: { m: 16, prefixBits: 8 } }],
  ['m11 P9 (inline suffix)', { layout: { m: 11, prefixBits: 9 } }],
  ['m8 P16 (32-bit substrings)', { layout: { m: 8, prefixBits: 16 } }],
  ['m11 P20 (the 10M layout: 3-4 inline bits)', { layout: { m: 11, prefixBits: 20 } }],
  ['m23 P6', { layout: { m: 23, prefixBits: 6 } }],
  ['always fall back to scan', { layout: { m: 12, prefixBits: 8 }, fallbackRatio: 0 }],
  ['never fall back', { layout: { m: 12, prefixBits: 8 }, fallbackRatio: Infinity }],
];

describe('PdqIndex static build vs brute force', () => {
  for (const kind of ['random', 'clustered', 'skewed'] as DataKind[]) {
    for (const [name, opts] of layouts) {
      it(`${kind} data, ${name}`, () => {
        const rng = new Prng(kind.length * 1000 + name.length);
        const n = 3000;
        const codes = makeCodes(rng, kind, n);
        // Exact duplicates: some ids share a code.
        for (let i = 0; i < 100; i++) codes.copyWithin((n - 1 - i) * 8, rng.int(n - 200) * 8, 0 + rng.int(n - 200) * 8 + 8);
        const ids = Array.from({ length: n }, (_, i) => 1 + i * 7);
        const index = PdqIndex.build(ids, codes, opts);
        const model = new Map(ids.map((id, i) => [id, codes.slice(i * 8, i * 8 + 8)]));
        expect(index.size).toBe(n);
        checkQueries(index, model, rng, codes, n, 40);
      });
    }
  }

  it('large random index with the automatic layout (inline suffix path)', () => {
    const rng = new Prng(99);
    const n = 60_000;
    const codes = makeCodes(rng, 'random', n);
    const ids = Array.from({ length: n }, (_, i) => i + 1);
    const index = PdqIndex.build(ids, codes);
    expect(index.stats().segments[0].m).toBeGreaterThan(0);
    const model = new Map(ids.map((id, i) => [id, codes.slice(i * 8, i * 8 + 8)]));
    checkQueries(index, model, rng, codes, n, 15);
  });
});

describe('PdqIndex incremental add/remove vs brute force', () => {
  const cases: [string, PdqIndexOptions, DataKind][] = [
    ['auto, random', { bufferSize: 64 }, 'random'],
    ['auto, clustered', { bufferSize: 100 }, 'clustered'],
    ['m16 P6, skewed', { bufferSize: 50, layout: { m: 16, prefixBits: 6 } }, 'skewed'],
    ['m11 P8, clustered', { bufferSize: 80, layout: { m: 11, prefixBits: 8 } as LayoutSpec }, 'clustered'],
  ];
  for (const [name, opts, kind] of cases) {
    it(name, () => {
      const rng = new Prng(name.length * 31 + 7);
      const pool = makeCodes(rng, kind, 4000);
      const index = new PdqIndex(opts);
      const model = new Map<number, Uint32Array>();
      let nextId = 1;
      const liveIds = () => [...model.keys()];
      for (let step = 0; step < 6000; step++) {
        const op = rng.int(100);
        if (op < 55 || model.size === 0) {
          // new id: fresh pool code, an exact duplicate of a stored code, or a near duplicate
          const id = nextId++ * 3;
          let c: Uint32Array;
          const kindOp = rng.int(10);
          if (kindOp < 2 && model.size > 0) c = model.get(liveIds()[rng.int(model.size)])!.slice();
          else if (kindOp < 4) {
            c = pool.slice(rng.int(4000) * 8, 0);
            c = pool
              .slice(rng.int(4000) * 8)
              .subarray(0, 8)
              .slice();
            rng.flip(c, 0, rng.int(8));
          } else {
            const p = rng.int(4000) * 8;
            c = pool.slice(p, p + 8);
          }
          index.add(id, rng.int(2) ? c : codeToHex(c));
          model.set(id, c);
        } else if (op < 80) {
          const id = liveIds()[rng.int(model.size)];
          expect(index.remove(id)).toBe(true);
          model.delete(id);
          expect(index.remove(id)).toBe(false);
        } else if (op < 85) {
          // move an existing id to another code (upsert)
          const id = liveIds()[rng.int(model.size)];
          const p = rng.int(4000) * 8;
          const c = pool.slice(p, p + 8);
          index.add(id, c);
          model.set(id, c);
        } else if (op < 97) {
          const q = makeQuery(rng, pool, 4000, 40);
          const r = RADII[rng.int(RADII.length)];
          expect(got(index, q, r)).toEqual(oracle(model, q, 0, r));
        } else {
          const q8 = new Uint32Array(64);
          for (let v = 0; v < 8; v++) q8.set(makeQuery(rng, pool, 4000, 40), v * 8);
          const r = RADII[rng.int(RADII.length)];
          const res = index
            .queryDihedral(q8, r)
            .map((m) => `${m.id}:${m.distance}:${m.variant}`)
            .sort();
          expect(res).toEqual(oracleDihedral(model, q8, r));
        }
        if (step % 1500 === 0) {
          expect(index.size).toBe(model.size);
          for (const id of liveIds().slice(0, 50)) expect(index.has(id)).toBe(true);
          expect(index.has(nextId * 3 + 1)).toBe(false);
        }
      }
      expect(index.size).toBe(model.size);
      for (const [id, c] of [...model].slice(0, 200)) expect(codeToHex(index.codeOf(id)!)).toBe(codeToHex(c));
      // Compaction and a snapshot round trip keep the answers.
      index.compact();
      expect(index.stats().segments.filter((s) => s.slots > 0).length).toBeLessThanOrEqual(1);
      const back = PdqIndex.deserialize(index.serialize());
      for (let k = 0; k < 30; k++) {
        const q = makeQuery(rng, pool, 4000, 40);
        const expected = oracleRadii(model, q, 0, [0, 31, 63]);
        for (const r of [0, 31, 63]) {
          const exp = expected.get(r);
          expect(got(index, q, r)).toEqual(exp);
          expect(got(back, q, r)).toEqual(exp);
        }
      }
    });
  }
});

describe('PdqIndex API', () => {
  it('dihedral: min distance per id and the lowest variant achieving it', () => {
    const rng = new Prng(5);
    const codes = rng.codes(8);
    const index = PdqIndex.build([10, 20], codes.slice(0, 16));
    const q = codes.slice();
    q.set(codes.subarray(0, 8), 24); // variant 3 equals id 10's code
    q.set(codes.subarray(0, 8), 40); // variant 5 too: tie, lowest wins
    q.set(codes.subarray(8, 16), 56); // variant 7 equals id 20's code
    q.set(codes.subarray(8, 16), 8); // variant 1 too
    const res = index.queryDihedral(
      Array.from({ length: 8 }, (_, v) => codeToHex(q, v * 8)),
      31,
    );
    expect(res).toEqual([
      { id: 10, distance: 0, variant: 0 },
      { id: 20, distance: 0, variant: 1 },
    ]);
    expect(() => index.queryDihedral([codeToHex(q)])).toThrow();
  });

  it('validates ids, codes and radii; identical codes share a slot', () => {
    const index = new PdqIndex();
    const hex = 'a'.repeat(64);
    expect(() => index.add(0, hex)).toThrow();
    expect(() => index.add(1.5, hex)).toThrow();
    expect(() => index.add(2 ** 53, hex)).toThrow();
    expect(() => index.add(1, 'zz')).toThrow();
    index.add(2 ** 53 - 1, hex);
    index.add(7, hex);
    index.add(8, hex);
    expect(index.size).toBe(3);
    expect(index.codeCount).toBe(1);
    expect(index.query(hex, 0)).toEqual([
      { id: 7, distance: 0 },
      { id: 8, distance: 0 },
      { id: 2 ** 53 - 1, distance: 0 },
    ]);
    expect(() => index.query(hex, -1)).toThrow();
    expect(() => index.query(hex, 1.5)).toThrow();
    index.remove(7);
    index.add(8, hex); // same code again: no-op
    expect(index.size).toBe(2);
    expect(() => PdqIndex.build([1, 1], 'b'.repeat(128).match(/.{64}/g)!)).toThrow(/duplicate id/);
    expect(() => PdqIndex.build([1, 1], ['b'.repeat(64), 'c'.repeat(64)])).toThrow(/duplicate id/);
  });

  it('memory stays under 100 bytes per hash for a large index', () => {
    const rng = new Prng(11);
    const n = 200_000;
    const index = PdqIndex.build(
      Array.from({ length: n }, (_, i) => i + 1),
      rng.codes(n),
    );
    expect(index.memoryBytes() / n).toBeLessThan(100);
  });
});

describe('forced layouts are really used', () => {
  it('makeLayout accepts the layouts the property tests force', async () => {
    const { makeLayout } = await import('./layout.js');
    for (const [, opts] of layouts) {
      if (opts.layout && opts.layout !== 'scan') expect(makeLayout(opts.layout, 3000), JSON.stringify(opts.layout)).not.toBeNull();
    }
  });
});
