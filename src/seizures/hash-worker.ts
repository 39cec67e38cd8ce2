// Worker side of the ingest hashing pool, so decoding and PDQ never block the server's event loop:
//  - image: one decode of the item's bytes serves PDQ + dihedral + metadata (the imaging library's pieces, as
//    hashImage does, minus digests the upload already took) and the robust stage's pyramid (src/robust);
//    then the thumbnail;
//  - video: vPDQ of the stored object, read by ffmpeg from the main thread's loopback reader, with a poster frame.
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import {
  applyOrientation,
  orientationSwapsAxes,
  type PixelImage,
  decodeImage,
  hashDecoded,
  ImageDecodeError,
  isImageDecodeError,
  readExifMetadata,
  type ImageHashResult,
} from '../imaging/index.js';
import { boxDownscale, boxFactor } from '../imaging/downscale.js';
import { robustQueryFromPixels, type RobustQuery } from '../robust/index.js';
import { placeFeatures, type PlaceFeatures } from '../places/ingest.js';
import { verifyPlaceTask, type PlaceVerifyTask } from '../places/verify-task.js';
import { hashVideo, isVideoDecodeError } from '../video/index.js';
import { thumbnailFromPixels, THUMB_PX } from './imagehash.js';
import type { VideoSource } from '../video/ffmpeg.js';
import { createLog } from '../shared/log.js';

const log = createLog('info');

/** Longest side of the shared work image (robust signature works at <= 512, place features at 512, thumbnail 256). */
const WORK_SIDE = 1024;

export type ItemHashRequest =
  | { id: number; kind?: 'image'; bytes: Uint8Array; maxPixels: number; thumbnail: boolean }
  | { id: number; kind: 'video'; path: string; source?: VideoSource; timeoutMs: number; maxDurationS: number }
  | { id: number; kind: 'place'; task: PlaceVerifyTask };

if (!parentPort) throw new Error('src/seizures/hash-worker.ts must run in a worker thread');
const port = parentPort;
// libvips' operation cache (process-wide) keeps recent decodes for reuse; every seizure item is a distinct
// image, so it only holds memory (up to 50 MB) and never hits.
sharp.cache(false);

async function video(req: Extract<ItemHashRequest, { kind: 'video' }>) {
  try {
    const r = await hashVideo(req.path, {
      poster: { maxSize: THUMB_PX },
      digests: false,
      timeoutMs: req.timeoutMs,
      maxDurationS: req.maxDurationS,
      source: req.source,
    });
    port!.postMessage({ id: req.id, ok: true, video: r });
  } catch (err) {
    port!.postMessage({
      id: req.id,
      ok: false,
      reason: isVideoDecodeError(err) ? err.reason : 'corrupt',
      message: err instanceof Error ? err.message : String(err),
      video: true,
    });
  }
}

export type ItemImageResult = Omit<ImageHashResult, 'md5' | 'sha1' | 'sha256' | 'size'>;

/** Stage times of the last image (ms), sent with its reply for the ingest profile (src/shared/spans.ts). */
let stages: Record<string, number> = {};
let mark = 0;
const lap = (name: string) => {
  const t = performance.now();
  stages[name] = (stages[name] ?? 0) + t - mark;
  mark = t;
};

async function hashItemImage(
  bytes: Buffer,
  maxPixels: number,
): Promise<{ result: ItemImageResult; robust: RobustQuery | null; robustMs: number; place: PlaceFeatures | null; upright: PixelImage }> {
  if (bytes.length === 0) throw new ImageDecodeError('empty', 'zero-byte file');
  let img;
  try {
    mark = performance.now();
    img = await decodeImage(bytes, { maxPixels });
    lap('decode');
  } catch (err) {
    throw err instanceof ImageDecodeError ? err : new ImageDecodeError('corrupt', err instanceof Error ? err.message : String(err), { cause: err });
  }
  // TIFF keeps EXIF in its own IFDs (no separate blob): then the file itself is the TIFF to read.
  const exif = await readExifMetadata(img.exif ?? (img.format === 'tiff' ? bytes : undefined)).catch(() => ({}));
  lap('exif');
  // The stored hash is the peers' (pixels as stored); pdqUpright comes along for rotated photos.
  const hashes = hashDecoded(img, { applyExif: false, dihedral: true });
  lap('pdq+dihedral');
  // One smaller upright copy (box average, longest side <= WORK_SIDE) serves the robust stage, the place
  // features and the thumbnail: none of them needs the full resolution PDQ does, and each walked it before.
  let work: PixelImage = img;
  try {
    work = boxDownscale(img, boxFactor(img.width, img.height, WORK_SIDE));
    if (img.orientation !== 1) work = applyOrientation(work, img.orientation);
  } catch {
    work = img;
  }
  const upright = orientationSwapsAxes(img.orientation) ? { width: img.height, height: img.width } : { width: img.width, height: img.height };
  lap('work image');
  // The robust stage sees the image upright, as PDQ does; a failure there only loses the second stage.
  const t0 = performance.now();
  let robust: RobustQuery | null = null;
  try {
    robust = robustQueryFromPixels(work.pixels, work.width, work.height, work.channels, { fullSize: upright });
  } catch {
    robust = null;
  }
  const robustMs = performance.now() - t0;
  lap('robust');
  // Local features for the place index (same upright pixels); a failure only loses the place stage.
  let place: PlaceFeatures | null = null;
  try {
    place = placeFeatures(work.pixels, work.width, work.height, work.channels);
  } catch {
    place = null;
  }
  lap('place features');
  const i = img.info;
  return {
    robust,
    robustMs,
    place,
    upright: work,
    result: {
      format: img.format,
      width: img.width,
      height: img.height,
      orientation: img.orientation,
      ...hashes,
      metadata: { ...exif, space: i.space, depth: i.depth, channels: i.channels, hasAlpha: i.hasAlpha, hasProfile: i.hasProfile, pages: i.pages },
    },
  };
}

async function handle(req: ItemHashRequest): Promise<void> {
  if (req.kind === 'video') return video(req);
  if (req.kind === 'place') {
    // The place stage's geometric verification (RANSAC), kept off the server's event loop.
    try {
      port.postMessage({ id: req.id, ok: true, places: verifyPlaceTask(req.task) });
    } catch (err) {
      port.postMessage({ id: req.id, ok: false, reason: 'processing_failed', message: err instanceof Error ? err.message : String(err) });
    }
    return;
  }
  const bytes = Buffer.from(req.bytes.buffer, req.bytes.byteOffset, req.bytes.byteLength);
  try {
    stages = {};
    const { result, robust, robustMs, place, upright } = await hashItemImage(bytes, req.maxPixels);
    let thumb: Buffer | null = null;
    // From the pixels already decoded (upright): a second decode of the file cost as much as the first.
    // No thumbnail is not a failed item: it is stored without one, and the reason logged (a worker's stdout is the process's).
    if (req.thumbnail)
      thumb = await thumbnailFromPixels(upright).catch((err: unknown) => {
        log.warn('thumbnail failed; the item is stored without one', { format: result.format, width: result.width, height: result.height, err });
        return null;
      });
    lap('thumbnail');
    port.postMessage({ id: req.id, ok: true, result, thumb, robust, robustMs, place, stages });
  } catch (err) {
    port.postMessage({
      id: req.id,
      ok: false,
      reason: isImageDecodeError(err) ? err.reason : 'corrupt',
      message: err instanceof Error ? err.message : String(err),
    });
  }
}
port.on('message', (req: ItemHashRequest) => {
  void handle(req);
});
port.postMessage({ ready: true });
