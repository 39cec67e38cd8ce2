// The shape ingest needs from image hashing (see hasher.ts), format sniffing, truncation check, thumbnails.
import sharp from 'sharp';
import type { RobustQuery } from '../robust/index.js';
import type { VideoFrameHash } from '../video/index.js';

export interface ItemHashes {
  format: string | null;
  width: number;
  height: number;
  pdq: string | null;
  quality: number | null;
  dihedral: string[] | null;
  /** PDQ of the image as displayed, when its EXIF orientation is not 1 (pdq is of the pixels as stored). */
  pdqUpright?: string | null;
  exif: Record<string, unknown>;
  cameraMake: string | null;
  cameraModel: string | null;
  cameraSerial: string | null;
  capturedAt: Date | null;
  gpsLat: number | null;
  gpsLon: number | null;
  /** Set for videos (pdq/quality/dihedral then null: their hashes are the frames). */
  video: { durationS: number; fps: number; frames: VideoFrameHash[]; partial: boolean; posterAt: number | null } | null;
  /** The crop/border-robust query of an image (src/robust), computed from the same decode; null for videos or on failure. */
  robust: RobustQuery | null;
  /** Time the robust pyramid took in the worker. */
  robustMs?: number;
  /** Local features and their visual words for the place index (src/places); null for videos or on failure. */
  place?: import('../places/ingest.js').PlaceFeatures | null;
}
export interface ItemHashFailure {
  reason: string;
  message: string;
}

export const THUMB_PX = 256;

export function sniffFormat(b: Buffer): string | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b.readUInt32BE(0) === 0x89504e47) return 'png';
  if (b.length >= 6 && b.subarray(0, 3).toString('latin1') === 'GIF') return 'gif';
  if (b.length >= 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  if (b.length >= 4 && (b.readUInt32BE(0) === 0x49492a00 || b.readUInt32BE(0) === 0x4d4d002a)) return 'tiff';
  if (b.length >= 2 && b[0] === 0x42 && b[1] === 0x4d) return 'bmp';
  return null;
}

/** The format's end marker is missing: the file was cut short (partial copy, carved from disk). */
export function looksTruncated(format: string, b: Buffer): boolean {
  const tail = b.subarray(Math.max(0, b.length - 64));
  if (format === 'jpeg') return tail.lastIndexOf(Buffer.from([0xff, 0xd9])) < 0;
  if (format === 'png') return tail.lastIndexOf(Buffer.from('IEND', 'latin1')) < 0;
  if (format === 'gif') return b[b.length - 1] !== 0x3b;
  return false;
}

export function isFailure(r: ItemHashes | ItemHashFailure): r is ItemHashFailure {
  return 'reason' in r;
}

/** The same thumbnail from pixels already decoded and turned upright (the hashing worker's decode). */
export async function thumbnailFromPixels(img: { pixels: Uint8Array; width: number; height: number; channels: number }): Promise<Buffer> {
  return sharp(img.pixels, { raw: { width: img.width, height: img.height, channels: img.channels as 1 | 2 | 3 | 4 } })
    .resize(THUMB_PX, THUMB_PX, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** A 256-px JPEG thumbnail (EXIF orientation applied, metadata stripped). */
export async function makeThumbnail(bytes: Buffer, maxPixels: number): Promise<Buffer> {
  return sharp(bytes, { limitInputPixels: maxPixels, failOn: 'none' })
    .rotate()
    .resize(THUMB_PX, THUMB_PX, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 80 })
    .toBuffer();
}
