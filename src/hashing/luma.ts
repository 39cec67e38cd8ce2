// Luma for PDQ: the reference fillFloatLumaFromRGB (Y = 0.299 R + 0.587 G + 0.114 B, float32
// products and sums in that order), and row sources feeding the Jarosz downscaler.

import type { LumaRows } from './jarosz.js';

const fround = Math.fround;

// Reference coefficients are float constants; the products R*coeff are float products.
const LUMA_R = fround(0.299);
const LUMA_G = fround(0.587);
const LUMA_B = fround(0.114);
const TAB_R = new Float64Array(256);
const TAB_G = new Float64Array(256);
const TAB_B = new Float64Array(256);
for (let v = 0; v < 256; v++) {
  TAB_R[v] = fround(LUMA_R * v);
  TAB_G[v] = fround(LUMA_G * v);
  TAB_B[v] = fround(LUMA_B * v);
}

export function checkChannels(channels: number): void {
  if (!Number.isInteger(channels) || channels < 1 || channels > 4) {
    throw new RangeError(`channels must be 1..4, got ${channels}`);
  }
}

export function checkPixels(len: number, width: number, height: number, channels: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError(`invalid dimensions ${width}x${height}`);
  }
  if (len < width * height * channels) {
    throw new RangeError(`pixel buffer has ${len} bytes, ${width}x${height}x${channels} needs ${width * height * channels}`);
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** 32-bit view of the whole buffer behind `pixels` (word i = bytes 4i..4i+3), or null if unusable. */
function wordView(pixels: Uint8Array): Uint32Array | null {
  if (!LITTLE_ENDIAN || pixels.length < 64) return null;
  const buf = pixels.buffer;
  return buf instanceof ArrayBuffer ? new Uint32Array(buf, 0, buf.byteLength >> 2) : null;
}

/**
 * Luma of one pixel row into out[outOff..outOff+width). channels 1/2 = grey (+alpha) expanded
 * to R=G=B, 3/4 = RGB(+alpha). With a word view, RGB is read 4 pixels per 3 aligned 32-bit
 * loads (and RGBA one pixel per load): fewer loads and bounds checks than byte access.
 */
function lumaRow(pixels: Uint8Array, words: Uint32Array | null, off: number, width: number, channels: number, out: Float32Array, outOff: number): void {
  const end = outOff + width;
  const tr = TAB_R,
    tg = TAB_G,
    tb = TAB_B;
  let j = outOff;
  let p = off;
  if (channels === 3) {
    if (words) {
      // Byte pixels until the row position is 4-byte aligned, then groups of 4 pixels.
      const abs = pixels.byteOffset + off;
      let head = 0;
      while ((abs + 3 * head) & 3 && head < width) head++;
      for (const stop = outOff + head; j < stop; j++, p += 3) out[j] = Math.fround(tr[pixels[p]!]! + tg[pixels[p + 1]!]!) + tb[pixels[p + 2]!]!;
      let q = (pixels.byteOffset + p) >> 2;
      for (const stop = end - 3; j < stop; j += 4, p += 12, q += 3) {
        const w0 = words[q]!,
          w1 = words[q + 1]!,
          w2 = words[q + 2]!;
        out[j] = Math.fround(tr[w0 & 255]! + tg[(w0 >>> 8) & 255]!) + tb[(w0 >>> 16) & 255]!;
        out[j + 1] = Math.fround(tr[w0 >>> 24]! + tg[w1 & 255]!) + tb[(w1 >>> 8) & 255]!;
        out[j + 2] = Math.fround(tr[(w1 >>> 16) & 255]! + tg[w1 >>> 24]!) + tb[w2 & 255]!;
        out[j + 3] = Math.fround(tr[(w2 >>> 8) & 255]! + tg[(w2 >>> 16) & 255]!) + tb[w2 >>> 24]!;
      }
    }
    for (; j < end; j++, p += 3) out[j] = Math.fround(tr[pixels[p]!]! + tg[pixels[p + 1]!]!) + tb[pixels[p + 2]!]!;
  } else if (channels === 4) {
    if (words && ((pixels.byteOffset + off) & 3) === 0) {
      for (let q = (pixels.byteOffset + off) >> 2; j < end; j++, q++) {
        const w = words[q]!;
        out[j] = Math.fround(tr[w & 255]! + tg[(w >>> 8) & 255]!) + tb[(w >>> 16) & 255]!;
      }
    }
    for (p = off + (j - outOff) * 4; j < end; j++, p += 4) out[j] = Math.fround(tr[pixels[p]!]! + tg[pixels[p + 1]!]!) + tb[pixels[p + 2]!]!;
  } else {
    for (; j < end; j++, p += channels) {
      const v = pixels[p]!;
      out[j] = Math.fround(tr[v]! + tg[v]!) + tb[v]!;
    }
  }
}

/** Reference fillFloatLumaFromRGB into a new (or given) Float32Array of width*height. */
export function lumaFromRgb(pixels: Uint8Array, width: number, height: number, channels = 3, out?: Float32Array): Float32Array {
  checkChannels(channels);
  checkPixels(pixels.length, width, height, channels);
  const luma = out ?? new Float32Array(width * height);
  if (luma.length < width * height) throw new RangeError('luma output buffer too small');
  const words = wordView(pixels);
  for (let i = 0; i < height; i++) {
    lumaRow(pixels, words, i * width * channels, width, channels, luma, i * width);
  }
  return luma;
}

let rgbBlock = new Float32Array(0);

export function rgbRows(pixels: Uint8Array, width: number, channels: number): LumaRows {
  if (rgbBlock.length < 4 * width) rgbBlock = new Float32Array(4 * width);
  const block = rgbBlock;
  const stride = width * channels;
  const words = wordView(pixels);
  return {
    rows(r, count, offs) {
      for (let q = 0; q < count; q++) {
        lumaRow(pixels, words, (r + q) * stride, width, channels, block, q * width);
        offs[q] = q * width;
      }
      return block;
    },
  };
}

export function lumaRows(luma: Float32Array, width: number): LumaRows {
  return {
    rows(r, count, offs) {
      for (let q = 0; q < count; q++) offs[q] = (r + q) * width;
      return luma;
    },
  };
}
