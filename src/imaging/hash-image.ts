// hashImage: one read of the file, cryptographic digests of the bytes, one decode, PDQ of the
// pixels as stored (the default: the hash HMA, python-threatexchange and NCMEC-style lists hold, since
// their decoders ignore EXIF orientation) and of the upright image (EXIF applied), plus EXIF metadata.

import { pdqFromRgb, pdqWithDihedralFromRgb, type PdqDihedralResult, type PdqResult } from '../hashing/index.js';
import { decodeImage, DEFAULT_MAX_PIXELS, type DecodedImage } from './decode.js';
import { DEFAULT_MAX_FILE_BYTES, digestBytes, digestFile, type FileDigests } from './digest.js';
import { ImageDecodeError } from './errors.js';
import { readExifMetadata, type ExifMetadata } from './metadata.js';
import { applyOrientation } from './orientation.js';

export interface HashImageOptions {
  /** Hash the image as displayed, EXIF orientation applied (default false: the pixels as stored, as peers hash them). */
  applyExif?: boolean;
  /** Also compute the 8 dihedral PDQ hashes (default false). */
  dihedral?: boolean;
  /** Read EXIF metadata (default true). */
  metadata?: boolean;
  /** Decompression-bomb guard on width*height (default 100 MP). */
  maxPixels?: number;
  /** Refuse files larger than this many bytes (default 1 GiB). */
  maxFileBytes?: number;
}

export interface ImageMetadata extends ExifMetadata {
  /** Colour space and sample format as stored (sharp names, e.g. srgb/uchar, cmyk, grey16/ushort). */
  space: string;
  depth: string;
  channels: number;
  hasAlpha: boolean;
  hasProfile: boolean;
  pages: number;
}

export interface ImageHashResult {
  /** The path as given, for file input. */
  path?: string;
  md5: string;
  sha1: string;
  sha256: string;
  /** File size in bytes. */
  size: number;
  /** Decoder format: jpeg, png, webp, gif, tiff, heif, jp2k. */
  format: string;
  /** Stored pixel dimensions (before EXIF orientation). */
  width: number;
  height: number;
  /** EXIF orientation 1..8 (1 when absent). */
  orientation: number;
  /** PDQ of the image as hashed: as stored (default, the peers' hash), upright when applyExif. */
  pdq: PdqResult;
  /** PDQ of the pixels as stored, present when EXIF orientation was applied and is not 1. */
  pdqNoExif?: PdqResult;
  /** PDQ of the upright image, present when hashing as stored and the orientation is not 1. */
  pdqUpright?: PdqResult;
  /** The 8 dihedral hashes of the same image as `pdq` (when requested). */
  dihedral?: PdqDihedralResult;
  metadata: ImageMetadata;
}

/** PDQ (and optionally dihedral) hashes of decoded pixels, EXIF orientation applied or not. */
export function hashDecoded(
  img: DecodedImage,
  options: { applyExif?: boolean; dihedral?: boolean } = {},
): Pick<ImageHashResult, 'pdq' | 'pdqNoExif' | 'pdqUpright' | 'dihedral'> {
  const applyExif = options.applyExif ?? false;
  const oriented = applyExif && img.orientation !== 1;
  const out: Pick<ImageHashResult, 'pdq' | 'pdqNoExif' | 'pdqUpright' | 'dihedral'> = { pdq: { hash: '', quality: 0 } };
  if (oriented) out.pdqNoExif = pdqFromRgb(img.pixels, img.width, img.height, img.channels);
  else if (img.orientation !== 1) {
    const up = applyOrientation(img, img.orientation);
    out.pdqUpright = pdqFromRgb(up.pixels, up.width, up.height, up.channels);
  }
  const upright = oriented ? applyOrientation(img, img.orientation) : img;
  if (options.dihedral) {
    const both = pdqWithDihedralFromRgb(upright.pixels, upright.width, upright.height, upright.channels);
    out.pdq = both.pdq;
    out.dihedral = both.dihedral;
  } else {
    out.pdq = pdqFromRgb(upright.pixels, upright.width, upright.height, upright.channels);
  }
  return out;
}

/**
 * Hash one image file or buffer. Throws ImageDecodeError (with `path` set for file input) for
 * unreadable, empty, truncated, unsupported, oversized or corrupt input.
 */
export async function hashImage(input: string | Uint8Array, options: HashImageOptions = {}): Promise<ImageHashResult> {
  const path = typeof input === 'string' ? input : undefined;
  try {
    let digests: FileDigests;
    let bytes: Uint8Array;
    if (typeof input === 'string') {
      const read = await digestFile(input, { keepBytes: true, maxBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES });
      digests = read;
      bytes = read.bytes!;
    } else {
      const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
      if (input.length > maxBytes) throw new ImageDecodeError('too_large', `input is ${input.length} bytes, over the ${maxBytes}-byte limit`);
      digests = digestBytes(input);
      bytes = input;
    }
    if (bytes.length === 0) throw new ImageDecodeError('empty', 'zero-byte file');
    const img = await decodeImage(bytes, { maxPixels: options.maxPixels ?? DEFAULT_MAX_PIXELS });
    // TIFF keeps EXIF in its own IFDs (no separate blob): then the file itself is the TIFF to read.
    const exif = options.metadata === false ? {} : await readExifMetadata(img.exif ?? (img.format === 'tiff' ? bytes : undefined));
    const hashes = hashDecoded(img, { applyExif: options.applyExif ?? false, dihedral: options.dihedral ?? false });
    const result: ImageHashResult = {
      ...(path !== undefined ? { path } : {}),
      md5: digests.md5,
      sha1: digests.sha1,
      sha256: digests.sha256,
      size: digests.size,
      format: img.format,
      width: img.width,
      height: img.height,
      orientation: img.orientation,
      ...hashes,
      metadata: {
        ...exif,
        space: img.info.space,
        depth: img.info.depth,
        channels: img.info.channels,
        hasAlpha: img.info.hasAlpha,
        hasProfile: img.info.hasProfile,
        pages: img.info.pages,
      },
    };
    return result;
  } catch (err) {
    const e = err instanceof ImageDecodeError ? err : new ImageDecodeError('corrupt', err instanceof Error ? err.message : String(err), { cause: err });
    if (path !== undefined && e.path === undefined) e.path = path;
    throw e;
  }
}
