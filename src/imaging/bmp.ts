// A small BMP reader (libvips, and so sharp, has no BMP decoder; peers hash BMP files: Pillow in HMA and
// python-threatexchange, CImg in the C++ PDQ tools). Pure, no I/O. Reads the forms scanners and cameras
// write: BITMAPINFOHEADER and later headers (V4/V5: the colour-space fields are ignored, as peers do),
// 1/4/8-bit palettes, 16-bit (5-5-5 or bit fields), 24-bit, 32-bit (BGRX or bit fields), bottom-up or
// top-down rows. RLE-compressed and embedded JPEG/PNG BMPs are refused with a clear error.
import { ImageDecodeError } from './errors.js';

export interface BmpImage {
  width: number;
  height: number;
  pixels: Uint8Array;
  channels: 3;
}

const BI_RGB = 0,
  BI_BITFIELDS = 3,
  BI_ALPHABITFIELDS = 6;

/** Dimensions only (for the pixel-limit check before decoding). */
export function bmpHeader(b: Uint8Array): {
  width: number;
  height: number;
  bits: number;
  compression: number;
  dataOffset: number;
  headerSize: number;
  topDown: boolean;
} {
  if (b.length < 26 || b[0] !== 0x42 || b[1] !== 0x4d) throw new ImageDecodeError('corrupt', 'not a BMP file (no BM signature)');
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const dataOffset = v.getUint32(10, true);
  const headerSize = v.getUint32(14, true);
  if (headerSize === 12) {
    // OS/2 BITMAPCOREHEADER: 16-bit sizes, no compression.
    return {
      width: v.getUint16(18, true),
      height: v.getUint16(20, true),
      bits: v.getUint16(24, true),
      compression: BI_RGB,
      dataOffset,
      headerSize,
      topDown: false,
    };
  }
  if (headerSize < 40 || b.length < 14 + 40)
    throw new ImageDecodeError(b.length < 54 ? 'truncated' : 'corrupt', `BMP header of ${headerSize} bytes is not one this reader knows`);
  const width = v.getInt32(18, true);
  const rawHeight = v.getInt32(22, true);
  return {
    width,
    height: Math.abs(rawHeight),
    bits: v.getUint16(28, true),
    compression: v.getUint32(30, true),
    dataOffset,
    headerSize,
    topDown: rawHeight < 0,
  };
}

function maskShift(mask: number): { shift: number; max: number } {
  if (mask === 0) return { shift: 0, max: 0 };
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  return { shift, max: mask >>> shift };
}

/** Decodes a BMP to 8-bit RGB. Throws ImageDecodeError (unsupported, truncated, corrupt, too_large). */
export function decodeBmp(b: Uint8Array, maxPixels = Infinity): BmpImage {
  const h = bmpHeader(b);
  const { width, height, bits, compression } = h;
  if (!(width > 0) || !(height > 0)) throw new ImageDecodeError('corrupt', `BMP header gives invalid dimensions ${width}x${height}`);
  if (width * height > maxPixels) throw new ImageDecodeError('too_large', `image ${width}x${height} exceeds the ${Math.round(maxPixels)}-pixel limit`);
  if (compression !== BI_RGB && compression !== BI_BITFIELDS && compression !== BI_ALPHABITFIELDS) {
    throw new ImageDecodeError('unsupported', `cannot decode this BMP variant (compression ${compression}: RLE or embedded JPEG/PNG)`);
  }
  if (![1, 4, 8, 16, 24, 32].includes(bits)) throw new ImageDecodeError('unsupported', `cannot decode this BMP variant (${bits} bits per pixel)`);
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);

  // Palette (1/4/8 bits): after the info header, 4 bytes per entry (3 for OS/2 headers).
  let palette: Uint8Array | null = null;
  if (bits <= 8) {
    const entry = h.headerSize === 12 ? 3 : 4;
    const declared = h.headerSize >= 40 ? v.getUint32(46, true) : 0;
    const count = declared > 0 && declared <= 1 << bits ? declared : 1 << bits;
    const start = 14 + h.headerSize;
    palette = new Uint8Array((1 << bits) * 3);
    for (let i = 0; i < count; i++) {
      const o = start + i * entry;
      if (o + 3 > b.length) break;
      palette[i * 3] = b[o + 2]!;
      palette[i * 3 + 1] = b[o + 1]!;
      palette[i * 3 + 2] = b[o]!;
    }
  }
  // Channel masks for 16/32-bit images.
  let masks: number[] | null = null;
  if (bits === 16 || bits === 32) {
    if (compression === BI_RGB) masks = bits === 16 ? [0x7c00, 0x03e0, 0x001f] : [0x00ff0000, 0x0000ff00, 0x000000ff];
    else {
      // In the V2+ header, or right after a 40-byte header.
      const at = 14 + 40;
      if (at + 12 > b.length) throw new ImageDecodeError('truncated', 'truncated BMP file: the data ends before the colour masks');
      masks = [v.getUint32(at, true), v.getUint32(at + 4, true), v.getUint32(at + 8, true)];
    }
  }
  const stride = Math.floor((bits * width + 31) / 32) * 4;
  if (h.dataOffset + stride * height > b.length)
    throw new ImageDecodeError('truncated', `truncated BMP file: the data ends before the image does (${b.length} of ${h.dataOffset + stride * height} bytes)`);

  const out = new Uint8Array(width * height * 3);
  const ms = masks?.map(maskShift);
  for (let y = 0; y < height; y++) {
    const row = h.dataOffset + (h.topDown ? y : height - 1 - y) * stride;
    let d = y * width * 3;
    for (let x = 0; x < width; x++, d += 3) {
      if (palette) {
        const bitPos = x * bits;
        const byte = b[row + (bitPos >> 3)]!;
        const idx = bits === 8 ? byte : (byte >> (8 - bits - (bitPos & 7))) & ((1 << bits) - 1);
        out[d] = palette[idx * 3]!;
        out[d + 1] = palette[idx * 3 + 1]!;
        out[d + 2] = palette[idx * 3 + 2]!;
      } else if (bits === 24) {
        const o = row + x * 3;
        out[d] = b[o + 2]!;
        out[d + 1] = b[o + 1]!;
        out[d + 2] = b[o]!;
      } else {
        const px = bits === 16 ? v.getUint16(row + x * 2, true) : v.getUint32(row + x * 4, true);
        for (let c = 0; c < 3; c++) {
          const { shift, max } = ms![c]!;
          out[d + c] = max === 0 ? 0 : max === 255 ? (px >>> shift) & 255 : Math.round((((px >>> shift) & max) * 255) / max);
        }
      }
    }
  }
  return { width, height, pixels: out, channels: 3 };
}
