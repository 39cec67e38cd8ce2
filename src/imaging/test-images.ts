// Test-only helpers: generated images (no external or sensitive material), a minimal PNG writer
// for cases sharp will not produce (16-bit samples, forged dimensions), and forged JPEG headers.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

export function tempDir(prefix = 'icse-imaging-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Deterministic, asymmetric RGB test pattern (gradients, a disc, stripes, noise). */
export function patternRgb(width: number, height: number, seed = 1): Uint8Array {
  let s = seed >>> 0;
  const rnd = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const px = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const disc = Math.hypot(x - width * 0.3, y - height * 0.35) < Math.min(width, height) * 0.2 ? 90 : 0;
      const stripe = x > width * 0.6 && Math.floor(y / Math.max(1, height / 12)) % 2 === 0 ? 60 : 0;
      const i = (y * width + x) * 3;
      px[i] = Math.min(255, (x * 200) / width + disc + rnd() * 20);
      px[i + 1] = Math.min(255, (y * 180) / height + stripe + rnd() * 20);
      px[i + 2] = Math.min(255, 255 - (x * 120) / width - (y * 60) / height + rnd() * 20);
    }
  }
  return px;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Encode a PNG from raw scanlines (filter type 0). colorType: 0 grey, 2 RGB, 4 grey+alpha,
 * 6 RGBA; bitDepth 8 or 16 (16-bit samples big-endian in `samples` order).
 */
export function encodePng(width: number, height: number, bitDepth: 8 | 16, colorType: 0 | 2 | 4 | 6, samples: ArrayLike<number>): Buffer {
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType];
  const bps = bitDepth / 8;
  const rowBytes = width * channels * bps;
  const raw = Buffer.alloc((rowBytes + 1) * height);
  for (let y = 0; y < height; y++) {
    const o = y * (rowBytes + 1) + 1;
    for (let i = 0; i < width * channels; i++) {
      const v = samples[y * width * channels + i]!;
      if (bitDepth === 16) raw.writeUInt16BE(v, o + 2 * i);
      else raw[o + i] = v;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bitDepth;
  ihdr[9] = colorType;
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A small PNG whose header claims width x height (a decompression-bomb stand-in: a few KB on disk). */
export function forgedPngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  // A few rows of zeros, compressed; the rest of the image is "missing".
  const idat = zlib.deflateSync(Buffer.alloc(Math.min(width * 3 + 1, 1 << 20) * 4));
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

/** Rewrite the SOF dimensions of a baseline/progressive JPEG (forged header, tiny file). */
export function forgeJpegDimensions(jpeg: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(jpeg);
  let i = 2;
  while (i + 9 < out.length) {
    if (out[i] !== 0xff) {
      i++;
      continue;
    }
    const marker = out[i + 1]!;
    const len = out.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      out.writeUInt16BE(height, i + 5);
      out.writeUInt16BE(width, i + 7);
      return out;
    }
    i += 2 + len;
  }
  throw new Error('no SOF marker found');
}

/** Minimal little-endian uncompressed RGB TIFF with Make/Model/DateTime tags in IFD0. */
export function encodeTiffRgb(width: number, height: number, rgb: Uint8Array, tags: { make: string; model: string; dateTime: string }): Buffer {
  const ascii = (s: string): Buffer => Buffer.from(`${s}\0`, 'latin1');
  const extras = [ascii(tags.make), ascii(tags.model), ascii(tags.dateTime), Buffer.from([8, 0, 8, 0, 8, 0])];
  const entries = 12;
  const ifdSize = 2 + entries * 12 + 4;
  let off = 8 + ifdSize;
  const at: number[] = [];
  for (const e of extras) {
    at.push(off);
    off += e.length + (e.length & 1);
  }
  const pixelsAt = off;
  const ifd = Buffer.alloc(ifdSize);
  ifd.writeUInt16LE(entries, 0);
  let i = 0;
  const put = (tag: number, type: number, count: number, value: number): void => {
    const o = 2 + 12 * i++;
    ifd.writeUInt16LE(tag, o);
    ifd.writeUInt16LE(type, o + 2);
    ifd.writeUInt32LE(count, o + 4);
    if (type === 3 && count === 1) ifd.writeUInt16LE(value, o + 8);
    else ifd.writeUInt32LE(value, o + 8);
  };
  // Tags in ascending order, as TIFF requires.
  put(256, 4, 1, width);
  put(257, 4, 1, height);
  put(258, 3, 3, at[3]!);
  put(259, 3, 1, 1);
  put(262, 3, 1, 2);
  put(271, 2, extras[0]!.length, at[0]!);
  put(272, 2, extras[1]!.length, at[1]!);
  put(273, 4, 1, pixelsAt);
  put(277, 3, 1, 3);
  put(278, 4, 1, height);
  put(279, 4, 1, width * height * 3);
  put(306, 2, extras[2]!.length, at[2]!);
  const parts: Buffer[] = [Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]), ifd];
  for (const e of extras) parts.push(e, Buffer.alloc(e.length & 1));
  parts.push(Buffer.from(rgb.buffer, rgb.byteOffset, width * height * 3));
  return Buffer.concat(parts);
}

/** A BMP written independently of the reader (src/imaging/bmp.ts): 24-bit, 32-bit BI_BITFIELDS, or 8-bit palette; bottom-up unless topDown. */
export function writeBmp(px: Uint8Array, w: number, h: number, o: { bits: 8 | 24 | 32; topDown?: boolean }): Buffer {
  const palette: number[] = [];
  const index = new Map<number, number>();
  if (o.bits === 8)
    for (let i = 0; i < w * h; i++) {
      const k = (px[i * 3]! << 16) | (px[i * 3 + 1]! << 8) | px[i * 3 + 2]!;
      if (!index.has(k)) {
        index.set(k, palette.length);
        palette.push(k);
      }
    }
  if (palette.length > 256) throw new Error('too many colours for a palette');
  const stride = Math.ceil((o.bits * w) / 32) * 4;
  const masks = o.bits === 32 ? 12 : 0;
  const pal = o.bits === 8 ? 256 * 4 : 0;
  const off = 14 + 40 + masks + pal;
  const b = Buffer.alloc(off + stride * h);
  b.write('BM', 0, 'latin1');
  b.writeUInt32LE(b.length, 2);
  b.writeUInt32LE(off, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(w, 18);
  b.writeInt32LE(o.topDown ? -h : h, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(o.bits, 28);
  b.writeUInt32LE(o.bits === 32 ? 3 : 0, 30);
  b.writeUInt32LE(stride * h, 34);
  b.writeUInt32LE(o.bits === 8 ? 256 : 0, 46);
  if (o.bits === 32) {
    b.writeUInt32LE(0x00ff0000, 54);
    b.writeUInt32LE(0x0000ff00, 58);
    b.writeUInt32LE(0x000000ff, 62);
  }
  palette.forEach((k, i) => {
    b[54 + i * 4] = k & 255;
    b[55 + i * 4] = (k >> 8) & 255;
    b[56 + i * 4] = k >> 16;
  });
  for (let y = 0; y < h; y++) {
    const row = off + (o.topDown ? y : h - 1 - y) * stride;
    for (let x = 0; x < w; x++) {
      const [r, g, bl] = [px[(y * w + x) * 3]!, px[(y * w + x) * 3 + 1]!, px[(y * w + x) * 3 + 2]!];
      if (o.bits === 24) {
        b[row + x * 3] = bl;
        b[row + x * 3 + 1] = g;
        b[row + x * 3 + 2] = r;
      } else if (o.bits === 32) b.writeUInt32LE(((r << 16) | (g << 8) | bl) >>> 0, row + x * 4);
      else b[row + x] = index.get((r << 16) | (g << 8) | bl)!;
    }
  }
  return b;
}
