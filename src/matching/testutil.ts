// Test helpers: an independent brute-force oracle and data generators (seeded).
import { Prng } from './prng.js';

/** Popcount by clearing the lowest set bit (deliberately unlike the SWAR used by the index). */
export function slowDistance(a: Uint32Array, ao: number, b: Uint32Array, bo: number): number {
  let d = 0;
  for (let j = 0; j < 8; j++) for (let x = (a[ao + j] ^ b[bo + j]) >>> 0; x !== 0; x = (x & (x - 1)) >>> 0) d++;
  return d;
}

/** Bits set per byte value: the oracles count by table lookup (again unlike the index's SWAR). */
const BYTE_BITS = Uint8Array.from({ length: 256 }, (_, v) => {
  let c = 0;
  for (let x = v; x !== 0; x &= x - 1) c++;
  return c;
});

/**
 * The distance, stopped once it passes `cap` (returns cap + 1): the oracles only need distances up to the
 * radius, and a random pair differs in ~128 bits, so counting all of them was most of the property tests' time.
 */
function cappedDistance(a: Uint32Array, ao: number, b: Uint32Array, bo: number, cap: number): number {
  let d = 0;
  for (let j = 0; j < 8; j++) {
    const x = (a[ao + j]! ^ b[bo + j]!) >>> 0;
    d += BYTE_BITS[x & 255]! + BYTE_BITS[(x >>> 8) & 255]! + BYTE_BITS[(x >>> 16) & 255]! + BYTE_BITS[x >>> 24]!;
    if (d > cap) return cap + 1;
  }
  return d;
}

/** Expected matches as sorted "id:distance" strings. */
export function oracle(model: Map<number, Uint32Array>, q: Uint32Array, qOff: number, r: number): string[] {
  return oracleRadii(model, q, qOff, [r]).get(r)!;
}

/** oracle() for several radii of one query: each distance is counted once, up to the largest radius. */
export function oracleRadii(model: Map<number, Uint32Array>, q: Uint32Array, qOff: number, radii: readonly number[]): Map<number, string[]> {
  const cap = Math.max(...radii);
  const within: [number, number][] = [];
  for (const [id, c] of model) {
    const d = cappedDistance(c, 0, q, qOff, cap);
    if (d <= cap) within.push([id, d]);
  }
  return new Map(
    radii.map((r) => [
      r,
      within
        .filter(([, d]) => d <= r)
        .map(([id, d]) => `${id}:${d}`)
        .sort(),
    ]),
  );
}

export function oracleDihedral(model: Map<number, Uint32Array>, q8: Uint32Array, r: number): string[] {
  const out: string[] = [];
  for (const [id, c] of model) {
    let best = r + 1,
      bv = -1;
    // Only a variant strictly closer than the best so far (and within r) matters: count up to that.
    for (let v = 0; v < 8 && best > 0; v++) {
      const d = cappedDistance(c, 0, q8, v * 8, best - 1);
      if (d < best) {
        best = d;
        bv = v;
      }
    }
    if (bv >= 0) out.push(`${id}:${best}:${bv}`);
  }
  return out.sort();
}

export type DataKind = 'random' | 'clustered' | 'skewed';

/** n codes of the given kind. clustered: families of a base with 0..40 bit flips; skewed: sparse, shared prefixes. */
export function makeCodes(rng: Prng, kind: DataKind, n: number): Uint32Array {
  const out = rng.codes(n);
  if (kind === 'clustered') {
    let i = 0;
    while (i < n) {
      const base = i,
        fam = 1 + rng.int(24);
      for (let k = 1; k < fam && i + k < n; k++) {
        out.copyWithin((i + k) * 8, base * 8, base * 8 + 8);
        rng.flip(out, (i + k) * 8, rng.int(41));
      }
      i += fam;
    }
  } else if (kind === 'skewed') {
    const shared = rng.codes(1);
    for (let i = 0; i < n; i++) {
      const mode = rng.int(3);
      for (let j = 0; j < 8; j++) {
        const w = out[i * 8 + j];
        if (mode === 0)
          out[i * 8 + j] = w & rng.u32() & rng.u32() & rng.u32(); // mostly zero bits
        else if (mode === 1 && j < 5)
          out[i * 8 + j] = shared[j]; // identical first 160 bits
        else if (mode === 2) out[i * 8 + j] = j % 2 ? 0 : w & 0xff; // almost all zero
      }
    }
  }
  return out;
}

/** A query near an existing code (up to maxFlips flips) or a fresh random one. */
export function makeQuery(rng: Prng, codes: Uint32Array, n: number, maxFlips: number): Uint32Array {
  if (n === 0 || rng.int(5) === 0) return rng.codes(1);
  const b = rng.int(n) * 8;
  const q = codes.slice(b, b + 8);
  rng.flip(q, 0, rng.int(maxFlips + 1));
  return q;
}
