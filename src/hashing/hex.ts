// Hash string formats: PDQ (256-bit), MD5, SHA-1, SHA-256 as lowercase hex.
// PDQ hex follows upstream Hash256::format(): words w[15]..w[0], 4 hex digits each,
// so bit k of the hash is (w[k>>4] >> (k&15)) & 1, i.e. the hex is a big-endian 256-bit integer.

import { hamming } from '../matching/code.js';

export type HashKind = 'pdq' | 'md5' | 'sha1' | 'sha256';

export const HASH_HEX_LENGTH: Readonly<Record<HashKind, number>> = { pdq: 64, md5: 32, sha1: 40, sha256: 64 };

const KIND_LABEL: Readonly<Record<HashKind, string>> = { pdq: 'PDQ', md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256' };

export class HashFormatError extends Error {
  readonly kind: HashKind;
  constructor(kind: HashKind, message: string) {
    super(message);
    this.name = 'HashFormatError';
    this.kind = kind;
  }
}

const HEX_RE = /^[0-9a-fA-F]*$/;

function describe(value: unknown): string {
  if (typeof value !== 'string') return `a ${value === null ? 'null' : typeof value}`;
  const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
  return JSON.stringify(shown);
}

/**
 * Validate and normalise a hex hash: surrounding whitespace is trimmed and upper case accepted,
 * the result is lowercase. Throws HashFormatError on wrong type, length or characters.
 */
export function parseHashHex(kind: HashKind, value: unknown): string {
  const label = KIND_LABEL[kind];
  const want = HASH_HEX_LENGTH[kind];
  if (typeof value !== 'string') throw new HashFormatError(kind, `${label} hash must be a string of ${want} hex characters, got ${describe(value)}`);
  const s = value.trim();
  if (!HEX_RE.test(s)) {
    const bad = [...s].find((c) => !/[0-9a-fA-F]/.test(c)) ?? '';
    throw new HashFormatError(kind, `${label} hash contains a non-hex character ${JSON.stringify(bad)}: ${describe(value)}`);
  }
  if (s.length !== want) throw new HashFormatError(kind, `${label} hash must be ${want} hex characters, got ${s.length}: ${describe(value)}`);
  return s.toLowerCase();
}

export function isHashHex(kind: HashKind, value: unknown): boolean {
  return typeof value === 'string' && value.length === HASH_HEX_LENGTH[kind] && HEX_RE.test(value);
}

export const parsePdqHex = (v: unknown): string => parseHashHex('pdq', v);
export const parseMd5Hex = (v: unknown): string => parseHashHex('md5', v);
export const parseSha1Hex = (v: unknown): string => parseHashHex('sha1', v);
export const parseSha256Hex = (v: unknown): string => parseHashHex('sha256', v);

/** Hex of raw digest bytes (e.g. node:crypto output), validated for the kind's length. */
export function formatHashBytes(kind: HashKind, bytes: Uint8Array): string {
  if (bytes.length * 2 !== HASH_HEX_LENGTH[kind]) {
    throw new HashFormatError(kind, `${KIND_LABEL[kind]} digest must be ${HASH_HEX_LENGTH[kind] / 2} bytes, got ${bytes.length}`);
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');
}

/** Two hex digits per byte value (formatPdqWords runs 8 times per region of every robust signature). */
const HEX_BYTE = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** Upstream-format hex from the sixteen 16-bit words (w[0] = bits 0..15). */
export function formatPdqWords(words: Uint16Array): string {
  if (words.length !== 16) throw new HashFormatError('pdq', `PDQ hash has 16 words, got ${words.length}`);
  let s = '';
  for (let i = 15; i >= 0; i--) s += HEX_BYTE[words[i]! >> 8]! + HEX_BYTE[words[i]! & 255]!;
  return s;
}

/** Sixteen 16-bit words of a PDQ hex hash (w[0] = bits 0..15). */
export function parsePdqWords(hex: string): Uint16Array {
  const s = parsePdqHex(hex);
  const words = new Uint16Array(16);
  for (let i = 0; i < 16; i++) words[15 - i] = parseInt(s.slice(4 * i, 4 * i + 4), 16);
  return words;
}

/** PDQ hash as eight 32-bit words for popcount distance; word i holds bits 32i..32i+31. */
export function pdqToWords(hex: string): Uint32Array {
  const s = parsePdqHex(hex);
  const out = new Uint32Array(8);
  for (let i = 0; i < 8; i++) out[7 - i] = parseInt(s.slice(8 * i, 8 * i + 8), 16);
  return out;
}

/** Inverse of pdqToWords. */
export function pdqFromWords(words: Uint32Array): string {
  if (words.length !== 8) throw new HashFormatError('pdq', `PDQ hash has 8 32-bit words, got ${words.length}`);
  let s = '';
  for (let i = 7; i >= 0; i--) s += words[i]!.toString(16).padStart(8, '0');
  return s;
}

/** Bit k of a PDQ hash (k = 16*i + j is DCT coefficient (i, j)). */
export function pdqBit(hex: string, k: number): 0 | 1 {
  if (!Number.isInteger(k) || k < 0 || k > 255) throw new RangeError(`PDQ bit index must be 0..255, got ${k}`);
  const s = parsePdqHex(hex);
  const nibble = parseInt(s[63 - (k >> 2)]!, 16);
  return ((nibble >> (k & 3)) & 1) as 0 | 1;
}

// The one PDQ Hamming distance is the matching library's (src/matching/code.ts); these names keep the word form.
export { popcount32 } from '../matching/code.js';

/** Hamming distance between word forms (no validation; for hot loops). */
export function pdqWordsDistance(a: Uint32Array, b: Uint32Array): number {
  return hamming(a, b);
}

/** Hamming distance (0..256) between two PDQ hex hashes. */
export function pdqDistance(hexA: string, hexB: string): number {
  return pdqWordsDistance(pdqToWords(hexA), pdqToWords(hexB));
}
