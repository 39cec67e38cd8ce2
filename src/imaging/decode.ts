// Image decoding with sharp into the exact pixels the PDQ reference vectors were made from:
// sharp(input).removeAlpha().toColourspace('srgb').raw(), EXIF orientation NOT applied here
// (hash-image.ts applies it in JS so one decode serves both the upright and the as-stored hash).

import sharp, { type Metadata } from 'sharp';
import { ImageDecodeError } from './errors.js';
import { sniffMedia, SNIFF_BYTES } from './sniff.js';
import { decodeBmp } from './bmp.js';
import { decodeJpegNative, exifOrientation } from './jpeg-native.js';

/** BMP through the small reader in bmp.ts (libvips has no BMP decoder); no EXIF in BMP. */
function decodeBmpImage(bytes: Uint8Array, maxPixels: number): DecodedImage {
  const img = decodeBmp(bytes, maxPixels);
  return {
    pixels: img.pixels,
    width: img.width,
    height: img.height,
    channels: 3,
    format: 'bmp',
    orientation: 1,
    info: { space: 'srgb', depth: 'uchar', channels: 3, hasAlpha: false, hasProfile: false, isPalette: false, pages: 1 },
  };
}

/** Default decompression-bomb guard: 100 megapixels. */
export const DEFAULT_MAX_PIXELS = 100_000_000;

export interface DecodeOptions {
  /** Refuse images with more pixels than this (checked on the header before decoding). */
  maxPixels?: number;
}

export interface DecodedImage {
  /** Interleaved 8-bit samples, row-major, `channels` per pixel (1 = grey, 3 = sRGB). */
  pixels: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3;
  /** sharp's decoder name: jpeg, png, webp, gif, tiff, heif, jp2k. */
  format: string;
  /** EXIF orientation 1..8 (1 when absent or invalid). */
  orientation: number;
  /** Raw EXIF blob from the container (JPEG, PNG, WebP, HEIF/AVIF), if any. */
  exif?: Uint8Array;
  /** Header facts worth recording. */
  info: { space: string; depth: string; channels: number; hasAlpha: boolean; hasProfile: boolean; isPalette: boolean; pages: number };
}

// Decoders we allow. Everything else (svg, pdf, magick, openslide, fits, vips, raw…) is refused:
// content that can reference other files or run large parsers has no place in this pipeline.
const ALLOWED_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'tiff', 'heif', 'jp2k']);

function formatPixels(n: number): string {
  return String(Math.round(n));
}

/** Classify a sharp/libvips failure. */
function classifySharpError(err: unknown, bytes: Uint8Array, format: string): ImageDecodeError {
  const raw = err instanceof Error ? err.message : String(err);
  // libvips repeats lines; keep each once, on one line.
  const msg = [
    ...new Set(
      raw
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  ]
    .join('; ')
    .slice(0, 300);
  const lower = msg.toLowerCase();
  const FMT = format.toUpperCase();
  if (/unsupported image format/.test(lower)) return new ImageDecodeError('unsupported', 'not an image (unrecognised format)', { cause: err });
  if (/exceeds pixel limit/.test(lower)) return new ImageDecodeError('too_large', `image exceeds the pixel limit (${msg})`, { cause: err });
  if (/input buffer is empty/.test(lower)) return new ImageDecodeError('empty', 'zero-byte file', { cause: err });
  const endsEarly = /premature end|truncated|unexpected end|end of (file|stream|data)|not enough (data|image data)|short read/.test(lower);
  const noImage = /contains no image|corrupt header/.test(lower);
  if (looksTruncated(bytes, format) || (endsEarly && !noImage)) {
    return new ImageDecodeError('truncated', `truncated ${FMT} file: the data ends before the image does (${msg})`, { cause: err });
  }
  if (/unsupported|no decoder|not supported|compression format has not been built in/.test(lower)) {
    return new ImageDecodeError('unsupported', `cannot decode this ${FMT} variant (${msg})`, { cause: err });
  }
  return new ImageDecodeError('corrupt', `corrupt ${FMT} data (${msg})`, { cause: err });
}

/** Container-level check for a missing end marker, used to tell truncation from other corruption. */
function looksTruncated(b: Uint8Array, format: string): boolean {
  const n = b.length;
  if (format === 'png') {
    // IEND chunk: length 0, "IEND", CRC ae426082
    for (let i = Math.max(0, n - 64); i + 8 <= n; i++) {
      if (b[i] === 0x49 && b[i + 1] === 0x45 && b[i + 2] === 0x4e && b[i + 3] === 0x44) return false;
    }
    return true;
  }
  if (format === 'jpeg') {
    // EOI marker somewhere in the tail (trailing padding after it is common).
    for (let i = Math.max(0, n - 65536); i + 1 < n; i++) if (b[i] === 0xff && b[i + 1] === 0xd9) return false;
    return true;
  }
  if (format === 'gif') return n === 0 || b[n - 1] !== 0x3b;
  return false;
}

/**
 * Decode the first frame of an image to 8-bit sRGB (or clipped grey for 16-bit single-channel
 * images), EXIF orientation not applied. Throws ImageDecodeError.
 */
export async function decodeImage(bytes: Uint8Array, options: DecodeOptions = {}): Promise<DecodedImage> {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  if (bytes.length === 0) throw new ImageDecodeError('empty', 'zero-byte file');
  const sniff = sniffMedia(bytes.subarray(0, SNIFF_BYTES));
  if (sniff.kind === 'video') throw new ImageDecodeError('unsupported', `not an image: ${sniff.format.toUpperCase()} video container`);
  if (sniff.kind !== 'image') throw new ImageDecodeError('unsupported', 'not an image (unrecognised format)');
  if (sniff.format === 'bmp') return decodeBmpImage(bytes, maxPixels);
  if (!sniff.decodable) throw new ImageDecodeError('unsupported', `${sniff.format.toUpperCase()} images are not supported by the decoder`);
  if (sniff.format === 'jpeg') {
    // The common JPEGs through libjpeg-turbo directly: the same pixels as below at about half the CPU.
    const native = await decodeJpegNative(bytes, maxPixels);
    if (native) {
      const grey = native.components === 1;
      return {
        pixels: native.pixels,
        width: native.width,
        height: native.height,
        channels: 3,
        format: 'jpeg',
        orientation: exifOrientation(native.exif),
        ...(native.exif && native.exif.length > 0 ? { exif: native.exif } : {}),
        info: {
          space: grey ? 'b-w' : 'srgb',
          depth: 'uchar',
          channels: native.components,
          hasAlpha: false,
          hasProfile: native.hasIcc,
          isPalette: false,
          pages: 1,
        },
      };
    }
  }
  const input = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);

  // Header only: cheap even for a bomb, so the limit check gives exact dimensions in the message.
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false, failOn: 'error' }).metadata();
  } catch (err) {
    throw classifySharpError(err, bytes, sniff.format);
  }
  if (!ALLOWED_FORMATS.has(meta.format)) throw new ImageDecodeError('unsupported', `${String(meta.format).toUpperCase()} images are not accepted`);
  const width = meta.width;
  const height = meta.pageHeight ?? meta.height;
  if (!(width > 0) || !(height > 0)) throw new ImageDecodeError('corrupt', `image header gives invalid dimensions ${width}x${height}`);
  if (width * height > maxPixels) {
    throw new ImageDecodeError('too_large', `image ${width}x${height} exceeds the ${formatPixels(maxPixels)}-pixel limit`);
  }

  // 16-bit single-channel images are scaled to 8 bits (docs/interop.md, decided with the C++ PDQ core as
  // arbiter): Pillow (pytx/HMA) clips them to 0..255 (mostly white: quality 36 on pytx's I16.png), CImg (the
  // C++ tools' loader) keeps the low byte (noise); scaling keeps the picture (quality 100).
  const grey16 = meta.depth === 'ushort' && meta.channels === 1;
  // An embedded ICC profile is ignored, as every peer decoder does (Pillow without ImageCms, CImg, ffmpeg):
  // converting through it moves PDQ by up to 36 bits (skimage color.png). CMYK still needs its profile to
  // become RGB at all, so it keeps it.
  const ignoreIcc = meta.space !== 'cmyk';
  const decoder = sharp(input, { limitInputPixels: Math.max(1, Math.floor(maxPixels)), sequentialRead: true, failOn: 'error', ignoreIcc });
  let pixels: Uint8Array;
  let channels: 1 | 3;
  let outW: number;
  let outH: number;
  try {
    if (grey16) {
      const { data, info } = await decoder.toColourspace('grey16').raw({ depth: 'ushort' }).toBuffer({ resolveWithObject: true });
      if (info.channels !== 1) throw new Error(`expected 1 channel from a grey16 image, got ${info.channels}`);
      const u16 = new Uint16Array(data.buffer, data.byteOffset, data.length >> 1);
      pixels = new Uint8Array(u16.length);
      for (let i = 0; i < u16.length; i++) pixels[i] = Math.round(u16[i]! / 257);
      channels = 1;
      outW = info.width;
      outH = info.height;
    } else {
      const { data, info } = await decoder.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
      if (info.channels !== 3) throw new Error(`expected 3 channels after sRGB conversion, got ${info.channels}`);
      pixels = data;
      channels = 3;
      outW = info.width;
      outH = info.height;
    }
  } catch (err) {
    if (err instanceof ImageDecodeError) throw err;
    throw classifySharpError(err, bytes, sniff.format);
  }
  const orientation = meta.orientation !== undefined && meta.orientation >= 1 && meta.orientation <= 8 ? meta.orientation : 1;
  return {
    pixels,
    width: outW,
    height: outH,
    channels,
    format: meta.format,
    orientation,
    ...(meta.exif && meta.exif.length > 0 ? { exif: meta.exif } : {}),
    info: {
      space: meta.space,
      depth: meta.depth,
      channels: meta.channels,
      hasAlpha: meta.hasAlpha,
      hasProfile: meta.hasProfile,
      isPalette: meta.isPalette,
      pages: meta.pages ?? 1,
    },
  };
}
