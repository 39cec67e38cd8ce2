// The WebAssembly scan must find exactly what the plain-JS reference scan finds, for code
// arrays in wasm memory on this thread, after a snapshot round trip, and on worker threads.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compileWat } from '../../scripts/wat.js';
import { bruteForce } from './brute.js';
import { batchMatches, ParallelMatcher } from './parallel.js';
import { PdqIndex } from './pdq-index.js';
import { Prng } from './prng.js';
import { WASM_BASE64 } from './scan.wasm.js';
import { codeArray, memoryOf, WASM_MIN_CODES, wasmScan } from './wasm-scan.js';
import { makeCodes, makeQuery } from './testutil.js';

const n = WASM_MIN_CODES + 1234;

function viaWasm(codes: Uint32Array, q: Uint32Array, r: number): number[] {
  const out: number[] = [];
  expect(wasmScan(codes, codes.length / 8, q, 0, r, (s) => out.push(s))).toBe(true);
  return out;
}

describe('wasm scan', () => {
  const rng = new Prng(2718);
  const codes = codeArray(n * 8);
  codes.set(makeCodes(rng, 'clustered', n));

  it('large code arrays live in a wasm memory; small ones stay plain', () => {
    expect(memoryOf(codes)).not.toBeNull();
    expect(memoryOf(codeArray(n * 8, false))).toBeNull();
    const small = codeArray(8 * 100);
    expect(memoryOf(small)).toBeNull();
    expect(wasmScan(small, 100, codes, 0, 31, () => undefined)).toBe(false);
  });

  it('finds exactly the reference scan hits, in slot order, at every radius', () => {
    for (let k = 0; k < 25; k++) {
      const q = makeQuery(rng, codes, n, 40);
      for (const r of [0, 1, 17, 31, 63, 128, 256]) {
        expect(viaWasm(codes, q, r), `query ${k} r=${r}`).toEqual(bruteForce(codes, q, r).map((h) => h.index));
      }
    }
    expect(viaWasm(codes, codes.subarray(8 * 7, 8 * 8), 0)).toContain(7); // a stored code finds itself
  });

  it('the embedded module is scan.wat compiled (run npm run build:wasm after editing it)', async () => {
    const wat = fs.readFileSync(fileURLToPath(new URL('./scan.wat', import.meta.url)), 'utf8');
    expect(Buffer.from(await compileWat(wat, 'scan.wat')).toString('base64')).toBe(WASM_BASE64);
  });
});

describe('indexes scanning in wasm', () => {
  const rng = new Prng(1414);
  const n2 = Math.round(WASM_MIN_CODES * 1.2); // clustered data has some exact duplicates: stay above the wasm minimum
  const codes = makeCodes(rng, 'clustered', n2);
  const ids = Array.from({ length: n2 }, (_, i) => i + 1);
  // A scan-only segment: every query goes through the scan path.
  const index = PdqIndex.build(ids, codes, { layout: 'scan', wasmCodes: true });
  const matcher = new ParallelMatcher(index, { threads: 2 });
  afterAll(() => matcher.close());
  const Q = 60,
    qs = new Uint32Array(Q * 8);
  for (let q = 0; q < Q; q++) qs.set(makeQuery(rng, codes, n2, 35), q * 8);
  const expected = (q: number, r: number) =>
    bruteForce(codes, qs.subarray(q * 8, q * 8 + 8), r)
      .map((h) => ({ id: h.index + 1, distance: h.distance }))
      .sort((a, b) => a.distance - b.distance || a.id - b.id);

  it('on this thread and after a snapshot round trip (wasmCodes)', () => {
    expect(memoryOf(index.allSegments()[0].codes)).not.toBeNull();
    const back = PdqIndex.deserialize(index.serialize(), { wasmCodes: true });
    expect(memoryOf(PdqIndex.deserialize(index.serialize()).allSegments()[0].codes)).toBeNull();
    expect(memoryOf(back.allSegments()[0].codes)).not.toBeNull();
    for (let q = 0; q < Q; q++) {
      expect(index.query(qs.subarray(q * 8, q * 8 + 8), 31)).toEqual(expected(q, 31));
      expect(back.query(qs.subarray(q * 8, q * 8 + 8), 31)).toEqual(expected(q, 31));
    }
  });

  it('on worker threads sharing the memory', async () => {
    const res = await matcher.queryBatch(qs, { radius: 40 });
    for (let q = 0; q < Q; q++) expect(batchMatches(res, q)).toEqual(expected(q, 40));
  });
});
