// Brute-force range search over a packed code array: the plain-JS reference the index is
// checked and measured against, usable on its own for small sets. The index's own scan path
// runs in WebAssembly when the codes live in a wasm memory (wasm-scan.ts); scanCodes here
// picks that path for any such array.
import { checkRadius, hamming, PDQ_MATCH_THRESHOLD, toCode } from './code.js';
import { wasmScan } from './wasm-scan.js';

export interface ScanHit {
  index: number;
  distance: number;
}

function pc(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Every code i in codes[8i..8i+8) within `radius` of the query, in index order. */
export function bruteForce(codes: Uint32Array, query: string | Uint32Array, radius = PDQ_MATCH_THRESHOLD, count = codes.length >>> 3): ScanHit[] {
  const q = toCode(query),
    r = checkRadius(radius);
  const q0 = q[0],
    q1 = q[1],
    q2 = q[2],
    q3 = q[3],
    q4 = q[4],
    q5 = q[5],
    q6 = q[6],
    q7 = q[7];
  const out: ScanHit[] = [];
  for (let i = 0, b = 0; i < count; i++, b += 8) {
    let d = pc(codes[b] ^ q0) + pc(codes[b + 1] ^ q1) + pc(codes[b + 2] ^ q2) + pc(codes[b + 3] ^ q3);
    if (d > r) continue;
    d += pc(codes[b + 4] ^ q4) + pc(codes[b + 5] ^ q5) + pc(codes[b + 6] ^ q6) + pc(codes[b + 7] ^ q7);
    if (d <= r) out.push({ index: i, distance: d });
  }
  return out;
}

/** As bruteForce, through the WebAssembly scan when the codes are in a wasm memory (codeArray). */
export function scanCodes(codes: Uint32Array, query: string | Uint32Array, radius = PDQ_MATCH_THRESHOLD, count = codes.length >>> 3): ScanHit[] {
  const q = toCode(query),
    r = checkRadius(radius),
    out: ScanHit[] = [];
  const viaWasm = wasmScan(codes, count, q, 0, r, (s) => out.push({ index: s, distance: hamming(codes, q, s * 8) }));
  return viaWasm ? out : bruteForce(codes, q, r, count);
}
