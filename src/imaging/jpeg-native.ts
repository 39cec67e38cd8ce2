// The native JPEG decoder (native/jpeg, built by scripts/build-native.mjs against the system's libjpeg-turbo):
// the same pixels as sharp for 8-bit grey/YCbCr/RGB JPEGs at about half the CPU (README, "JPEG decode").
// Absent (no compiler or headers at install) or switched off with ICSE_JPEG_DECODER=sharp, decoding stays
// with sharp. Loaded once per thread; N-API addons load in worker threads too.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface NativeJpegImage {
  /** Interleaved RGB, 3 bytes per pixel (grey JPEGs come out with R = G = B, as sharp gives them). */
  pixels: Buffer;
  width: number;
  height: number;
  /** Components in the file: 1 (grey) or 3. */
  components: 1 | 3;
  hasIcc: boolean;
  /** The APP1 "Exif\0\0…" payload, as sharp's metadata gives it. */
  exif?: Buffer;
}

interface Addon {
  decode(bytes: Uint8Array, maxPixels: number): Promise<NativeJpegImage | { error: string }>;
}

const ADDON_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../native/jpeg/build/icse_jpeg.node');

let addon: Addon | null | undefined;

function load(): Addon | null {
  if (addon !== undefined) return addon;
  addon = null;
  if (process.env.ICSE_JPEG_DECODER === 'sharp') return addon;
  try {
    addon = createRequire(import.meta.url)(ADDON_PATH) as Addon;
  } catch {
    addon = null; // not built here: sharp decodes
  }
  return addon;
}

/** Which decoder JPEGs go through in this thread ('libjpeg-turbo' or 'sharp'). */
export function jpegDecoderName(): 'libjpeg-turbo' | 'sharp' {
  return load() ? 'libjpeg-turbo' : 'sharp';
}

/**
 * Decode a JPEG natively, or return null: decoder absent, or a file it leaves to sharp (CMYK, 12-bit,
 * over `maxPixels`, any libjpeg warning or error), so broken and unusual files are judged as before.
 */
export async function decodeJpegNative(bytes: Uint8Array, maxPixels: number): Promise<NativeJpegImage | null> {
  const a = load();
  if (!a) return null;
  const r = await a.decode(bytes, maxPixels);
  return 'error' in r ? null : r;
}

/** EXIF orientation (tag 0x0112 in IFD0) from an APP1 "Exif\0\0" payload; 1 when absent or invalid. */
export function exifOrientation(exif: Uint8Array | undefined): number {
  if (!exif || exif.length < 14) return 1;
  const view = new DataView(exif.buffer, exif.byteOffset, exif.byteLength);
  const tiff = 6;
  const order = view.getUint16(tiff);
  if (order !== 0x4949 && order !== 0x4d4d) return 1;
  const le = order === 0x4949;
  const ifd = tiff + view.getUint32(tiff + 4, le);
  if (ifd + 2 > exif.length) return 1;
  const count = view.getUint16(ifd, le);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > exif.length) return 1;
    if (view.getUint16(entry, le) !== 0x0112) continue;
    const type = view.getUint16(entry + 2, le);
    const value = type === 3 ? view.getUint16(entry + 8, le) : type === 4 ? view.getUint32(entry + 8, le) : 0;
    return value >= 1 && value <= 8 ? value : 1;
  }
  return 1;
}
