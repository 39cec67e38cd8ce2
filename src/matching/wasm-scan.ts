// Code arrays in shared WebAssembly memories, so a brute-force scan runs in WebAssembly with
// i64.popcnt: 4-6x the plain-JS scan here (10 M codes: 17 ms against 97 ms a pass). The
// memory is shared, so worker threads see the same codes without a copy.
// Opt-in for an index (wasmCodes): V8 maps wasm memory in 4 KiB pages, never transparent huge
// pages, and the MIH verify step reads codes at random, so at 10 M codes queries ran 12 %
// slower (A/B in one process: 273.7 against 244.1 us per query). Worth it where scans are
// frequent: heavily clustered data whose queries fall back to a scan.
import { sharedU32 } from './hits.js';
import { WASM_BASE64 } from './scan.wasm.js';

type ScanFn = (from: number, to: number, q0: bigint, q1: bigint, q2: bigint, q3: bigint, r: bigint) => number;

const PAGE = 65536;
/** A wasm32 memory holds at most 4 GiB: 134 M codes. Larger code arrays stay plain. */
const MAX_PAGES = 65536;
const module = new WebAssembly.Module(Uint8Array.from(atob(WASM_BASE64), (c) => c.charCodeAt(0)));
const memories = new WeakMap<ArrayBufferLike, WebAssembly.Memory>();
const scanners = new WeakMap<WebAssembly.Memory, ScanFn>();

/**
 * Arrays of fewer codes stay plain SharedArrayBuffers (their JS scan takes microseconds), so
 * the append buffer and small segments do not each reserve a wasm memory's address space.
 */
export const WASM_MIN_CODES = 1 << 16;

/**
 * A zeroed Uint32Array of nWords (a SharedArrayBuffer view), in its own shared wasm memory
 * when wasm is set and the array is large.
 */
export function codeArray(nWords: number, wasm = true): Uint32Array {
  const pages = Math.ceil((nWords * 4) / PAGE);
  if (!wasm || nWords < WASM_MIN_CODES * 8 || pages > MAX_PAGES) return sharedU32(nWords);
  const mem = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  memories.set(mem.buffer, mem);
  return new Uint32Array(mem.buffer, 0, nWords);
}

/** The wasm memory behind a code array made by codeArray (to send to a worker), or null. */
export function memoryOf(codes: Uint32Array): WebAssembly.Memory | null {
  return memories.get(codes.buffer) ?? null;
}

/** Make a memory received from another thread usable for scans here. */
export function adoptMemory(mem: WebAssembly.Memory): void {
  memories.set(mem.buffer, mem);
}

function scannerFor(codes: Uint32Array): ScanFn | null {
  if (codes.byteOffset !== 0) return null;
  const mem = memories.get(codes.buffer);
  if (!mem) return null;
  let fn = scanners.get(mem);
  if (!fn) {
    fn = new WebAssembly.Instance(module, { env: { codes: mem } }).exports.scan as ScanFn;
    scanners.set(mem, fn);
  }
  return fn;
}

const lo = (q: Uint32Array, o: number) => BigInt(q[o]) | (BigInt(q[o + 1]) << 32n);

/**
 * Calls hit(s) for every code s in [0, n) within distance r of q[qOff..qOff+8), in order.
 * Returns false (and does nothing) when the codes are not in a wasm memory.
 */
export function wasmScan(codes: Uint32Array, n: number, q: Uint32Array, qOff: number, r: number, hit: (s: number) => void): boolean {
  const scan = scannerFor(codes);
  if (!scan) return false;
  const q0 = lo(q, qOff),
    q1 = lo(q, qOff + 2),
    q2 = lo(q, qOff + 4),
    q3 = lo(q, qOff + 6),
    rr = BigInt(r);
  for (let s = scan(0, n, q0, q1, q2, q3, rr); s < n; s = scan(s + 1, n, q0, q1, q2, q3, rr)) hit(s);
  return true;
}
