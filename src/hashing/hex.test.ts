import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  HashFormatError,
  formatHashBytes,
  formatPdqWords,
  isHashHex,
  parseHashHex,
  parseMd5Hex,
  parsePdqHex,
  parsePdqWords,
  parseSha1Hex,
  parseSha256Hex,
  pdqBit,
  pdqDistance,
  pdqFromRgb,
  pdqFromWords,
  pdqToWords,
  popcount32,
} from './index.js';
import { PDQ_DATA_DIR, hasTestData, parseCsv } from './test-vectors.js';

const PDQ = 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22';

describe('hash hex parsing', () => {
  it('accepts valid hashes of each kind and normalises case and surrounding space', () => {
    expect(parsePdqHex(`  ${PDQ.toUpperCase()}\n`)).toBe(PDQ);
    expect(parseMd5Hex('D41D8CD98F00B204E9800998ECF8427E')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(parseSha1Hex('da39a3ee5e6b4b0d3255bfef95601890afd80709')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(parseSha256Hex('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')).toHaveLength(64);
  });

  it.each([
    ['pdq', PDQ.slice(1), /PDQ hash must be 64 hex characters, got 63/],
    ['pdq', `${PDQ}0`, /must be 64 hex characters, got 65/],
    ['pdq', '', /got 0/],
    ['pdq', `${PDQ.slice(0, 63)}g`, /non-hex character "g"/],
    ['pdq', PDQ.slice(0, 32) + ' ' + PDQ.slice(33), /non-hex character " "/],
    ['md5', 'd41d8cd98f00b204e9800998ecf8427', /MD5 hash must be 32 hex characters, got 31/],
    ['sha1', '0x39a3ee5e6b4b0d3255bfef95601890afd80709', /SHA-1 hash contains a non-hex character "x"/],
    ['sha256', 'abc', /SHA-256 hash must be 64 hex characters, got 3/],
  ] as const)('%s %j is rejected with HashFormatError', (kind, value, message) => {
    expect(() => parseHashHex(kind, value)).toThrow(HashFormatError);
    expect(() => parseHashHex(kind, value)).toThrow(message);
    expect(isHashHex(kind, value)).toBe(false);
  });

  it('rejects non-strings clearly', () => {
    expect(() => parsePdqHex(42)).toThrow(/PDQ hash must be a string of 64 hex characters, got a number/);
    expect(() => parseSha256Hex(null)).toThrow(/got a null/);
    try {
      parseMd5Hex(undefined);
    } catch (e) {
      expect(e).toBeInstanceOf(HashFormatError);
      expect((e as HashFormatError).kind).toBe('md5');
    }
  });

  it('pdqDistance and pdqToWords validate their inputs', () => {
    expect(() => pdqDistance(PDQ, 'abc')).toThrow(HashFormatError);
    expect(() => pdqToWords('z'.repeat(64))).toThrow(HashFormatError);
  });

  it('formats digest bytes with a length check', () => {
    expect(formatHashBytes('md5', new Uint8Array(16).fill(0xab))).toBe('ab'.repeat(16));
    expect(() => formatHashBytes('sha1', new Uint8Array(16))).toThrow(/SHA-1 digest must be 20 bytes, got 16/);
  });
});

describe('PDQ bit order (upstream Hash256::format)', () => {
  it('word 0 is printed last; bit k is (w[k>>4] >> (k&15)) & 1', () => {
    const w = new Uint16Array(16);
    w[0] = 0x0001; // bit 0
    w[15] = 0x8000; // bit 255
    const hex = formatPdqWords(w);
    expect(hex).toBe('8000' + '0'.repeat(56) + '0001');
    expect(pdqBit(hex, 0)).toBe(1);
    expect(pdqBit(hex, 255)).toBe(1);
    expect(pdqBit(hex, 1)).toBe(0);
    expect(parsePdqWords(hex)).toEqual(w);
    // bit k = 16*i + j: coefficient (i=2, j=5) is bit 37, word 2 bit 5
    const v = new Uint16Array(16);
    v[2] = 1 << 5;
    expect(pdqBit(formatPdqWords(v), 37)).toBe(1);
  });

  it('pdqToWords / pdqFromWords round-trip; word i holds bits 32i..32i+31', () => {
    const words = pdqToWords(PDQ);
    expect(words).toHaveLength(8);
    expect(pdqFromWords(words)).toBe(PDQ);
    for (let k = 0; k < 256; k += 7) expect((words[k >> 5]! >>> (k & 31)) & 1).toBe(pdqBit(PDQ, k));
  });

  it('a hashed image has 128 bits set (strict > median, distinct coefficients)', () => {
    const w = 120,
      h = 90;
    const px = new Uint8Array(w * h * 3).map((_, i) => (Math.sin(i * 0.01) * 100 + 120 + (i % 17)) | 0);
    const hex = pdqFromRgb(px, w, h).hash;
    let n = 0;
    for (let k = 0; k < 256; k++) n += pdqBit(hex, k);
    expect(n).toBe(128);
  });

  it('images under 5 px in either dimension give the cleared hash with quality 0', () => {
    const zero = '0'.repeat(64);
    expect(pdqFromRgb(new Uint8Array(4 * 100 * 3).fill(200), 4, 100)).toEqual({ hash: zero, quality: 0 });
    expect(pdqFromRgb(new Uint8Array(100 * 4 * 3).fill(7), 100, 4)).toEqual({ hash: zero, quality: 0 });
    expect(pdqFromRgb(new Uint8Array(0), 0, 0)).toEqual({ hash: zero, quality: 0 });
  });
});

describe('Hamming distance', () => {
  it('counts differing bits', () => {
    expect(pdqDistance(PDQ, PDQ)).toBe(0);
    const inv = pdqFromWords(pdqToWords(PDQ).map((x) => ~x >>> 0));
    expect(pdqDistance(PDQ, inv)).toBe(256);
    expect(pdqDistance('0'.repeat(64), '0'.repeat(63) + 'f')).toBe(4);
    expect(pdqDistance('1' + '0'.repeat(63), '0'.repeat(64))).toBe(1);
    expect(popcount32(0xffffffff)).toBe(32);
    expect(popcount32(0x80000001)).toBe(2);
  });

  it.skipIf(!hasTestData())('reproduces needles-vs-haystack-d32.csv by brute force (250 pairs)', () => {
    const read = (f: string) =>
      readFileSync(path.join(PDQ_DATA_DIR, 'data/reg-test-input', f), 'utf8')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
        .map((l) => l.split(/[,\s]/)[0]!);
    const needles = read('needles.txt');
    const haystack = read('haystack.txt');
    expect([needles.length, haystack.length]).toEqual([100, 1350]);
    const hw = haystack.map(pdqToWords);
    const found: string[] = [];
    needles.forEach((n, i) => {
      const nw = pdqToWords(n);
      hw.forEach((h, j) => {
        let d = 0;
        for (let k = 0; k < 8; k++) d += popcount32((nw[k]! ^ h[k]!) >>> 0);
        if (d <= 32) found.push(`${i},${j},${d}`);
      });
    });
    const expected = parseCsv(readFileSync(path.join(PDQ_DATA_DIR, 'expected/needles-vs-haystack-d32.csv'), 'utf8')).map(
      (r) => `${r.needle_index},${r.haystack_index},${r.distance}`,
    );
    expect(found.sort()).toEqual(expected.sort());
    expect(pdqDistance(needles[0]!, haystack[Number(expected[0]!.split(',')[1])]!)).toBe(Number(expected[0]!.split(',')[2]));
  });
});
