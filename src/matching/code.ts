// PDQ codes as 8 x Uint32 words. Word j holds hex digits [8j, 8j+8) so that
// codeToHex(codeFromHex(h)) === h. Hamming distance does not depend on the packing.

/** A 256-bit PDQ code: Uint32Array of length 8 (or an 8-word window of a larger array). */
export type PdqCode = Uint32Array;

export const CODE_WORDS = 8;
export const CODE_BITS = 256;

const HEX_RE = /^[0-9a-fA-F]{64}$/;

export function isPdqHex(hex: unknown): hex is string {
  return typeof hex === 'string' && HEX_RE.test(hex);
}

const HEX_VAL = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX_VAL['0123456789abcdef'.charCodeAt(i)] = i;
  HEX_VAL['0123456789ABCDEF'.charCodeAt(i)] = i;
}

/** Parse into out[outOff..outOff+8); false (out partly written) if hex is not 64 hex digits. */
export function parseHexInto(hex: string, out: Uint32Array, outOff = 0): boolean {
  if (typeof hex !== 'string' || hex.length !== 64) return false;
  for (let j = 0; j < CODE_WORDS; j++) {
    let w = 0;
    for (let k = 8 * j; k < 8 * j + 8; k++) {
      const c = hex.charCodeAt(k),
        v = c < 128 ? HEX_VAL[c] : -1;
      if (v < 0) return false;
      w = (w << 4) | v;
    }
    out[outOff + j] = w;
  }
  return true;
}

/** Parse a 64-char hex PDQ hash (case-insensitive). Throws on malformed input. */
export function codeFromHex(hex: string, out: Uint32Array = new Uint32Array(CODE_WORDS), outOff = 0): Uint32Array {
  if (!parseHexInto(hex, out, outOff)) throw new TypeError(`not a 64-digit hex PDQ hash: ${String(hex).slice(0, 80)}`);
  return out;
}

export function codeToHex(code: Uint32Array, off = 0): string {
  let s = '';
  for (let j = 0; j < CODE_WORDS; j++) s += (code[off + j] >>> 0).toString(16).padStart(8, '0');
  return s;
}

/** Accept a hex string or a code; always returns an 8-word array. */
export function toCode(c: string | Uint32Array): Uint32Array {
  if (typeof c === 'string') return codeFromHex(c);
  if (!(c instanceof Uint32Array) || c.length < CODE_WORDS) throw new TypeError('PDQ code must be a 64-digit hex string or Uint32Array(8)');
  return c.length === CODE_WORDS ? c : c.subarray(0, CODE_WORDS);
}

/** Popcount of a 32-bit integer (SWAR; V8 has no popcnt intrinsic). */
export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Hamming distance between a[aOff..aOff+8) and b[bOff..bOff+8). */
export function hamming(a: Uint32Array, b: Uint32Array, aOff = 0, bOff = 0): number {
  let d = 0;
  for (let j = 0; j < CODE_WORDS; j++) d += popcount32(a[aOff + j] ^ b[bOff + j]);
  return d;
}

export function hammingHex(a: string, b: string): number {
  return hamming(codeFromHex(a), codeFromHex(b));
}

export function codesEqual(a: Uint32Array, aOff: number, b: Uint32Array, bOff: number): boolean {
  for (let j = 0; j < CODE_WORDS; j++) if (a[aOff + j] !== b[bOff + j]) return false;
  return true;
}

/** Radius must be an integer in [0, 256]; 31 is the usual PDQ match threshold. */
export function checkRadius(r: number): number {
  if (!Number.isInteger(r) || r < 0 || r > CODE_BITS) throw new RangeError(`radius must be an integer in [0, 256], got ${r}`);
  return r;
}

/** Ids are positive safe integers (database ids). */
export function checkId(id: number): number {
  if (!Number.isSafeInteger(id) || id <= 0) throw new RangeError(`id must be a positive safe integer, got ${id}`);
  return id;
}

/** PDQ's match threshold: two codes at most this many bits apart are the same picture (ThreatExchange, HMA). */
export const PDQ_MATCH_THRESHOLD = 31;
