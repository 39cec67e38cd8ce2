// Where item bytes get hashed and thumbnailed: a small worker-thread pool running the imaging library on
// bytes held in memory (decrypted from the store), so the CPU-heavy work stays off the server's main
// thread. Videos are never held whole: ffmpeg reads them through a loopback HTTP reader of the store
// (src/media/loopback.ts), decrypted range by range, so no plaintext touches the disk.
// Failures come back as per-item reasons, never exceptions.
import { Readable } from 'node:stream';
import { serveOnLoopback } from '../media/loopback.js';
import type { MediaObject } from '../media/store.js';
import type { VideoSource } from '../video/ffmpeg.js';
import { availableParallelism } from 'node:os';
import sharp from 'sharp';
import type { PixelBudget } from '../imaging/pixel-budget.js';
import type { Config } from '../config.js';
import type { AppContext } from '../context.js';
import type { RobustQuery } from '../robust/index.js';
import type { PlaceFeatures } from '../places/ingest.js';
import type { PlaceVerifyResult, PlaceVerifyTask } from '../places/verify-task.js';
import { sniffMedia } from '../imaging/sniff.js';
import { addSpan, span } from '../shared/spans.js';
import { PoolClosedError, WorkerCrashError, WorkerPool } from '../shared/worker-pool.js';
import { videoFormat, type VideoHashResult } from '../video/index.js';
import { looksTruncated, sniffFormat, type ItemHashes, type ItemHashFailure } from './imagehash.js';
import type { ItemHashRequest, ItemImageResult } from './hash-worker.js';

// A claim older than the lease is presumed dead (its process was killed) and handed back; the claim
// token keeps a slow-but-alive worker from finishing an item someone else re-claimed.
export const leaseMs = (config: Pick<Config, 'ingestLeaseSeconds'>) => config.ingestLeaseSeconds * 1000;
/** Video limits from the configuration: a video is decoded within the lease (else another worker would re-claim it mid-decode). */
export function videoLimits(config: Pick<Config, 'ingestLeaseSeconds' | 'videoTimeoutSeconds' | 'videoMaxSeconds'>): VideoLimits {
  return { timeoutMs: Math.min(config.videoTimeoutSeconds * 1000, Math.floor(leaseMs(config) * 0.8)), maxDurationS: config.videoMaxSeconds };
}
export interface VideoLimits {
  timeoutMs: number;
  maxDurationS: number;
}
const DEFAULT_VIDEO_LIMITS: VideoLimits = { timeoutMs: 96_000, maxDurationS: 6 * 3600 };

const ENTRY = new URL('./hash-worker.ts', import.meta.url);

type Reply =
  | {
      id: number;
      ok: true;
      result: ItemImageResult;
      thumb: Uint8Array | null;
      robust: RobustQuery | null;
      robustMs: number;
      place?: PlaceFeatures | null;
      stages?: Record<string, number>;
      video?: undefined;
    }
  | { id: number; ok: true; video: VideoHashResult; result?: undefined }
  | PlaceReply
  | { id: number; ok: false; reason: string; message: string; video?: true };
/** A place verification's answer (runPlace); run() and runVideo() never get one. */
type PlaceReply = { id: number; ok: true; places: PlaceVerifyResult; result?: undefined; video?: undefined };
type ItemReply = Exclude<Reply, PlaceReply>;
const REASONS: Record<string, string> = {
  empty: 'empty',
  truncated: 'truncated',
  unsupported: 'not_image',
  too_large: 'too_large',
  corrupt: 'corrupt',
  unreadable: 'corrupt',
};

/** The ingest hashing pool: the shared worker pool (src/shared/worker-pool.ts) running hash-worker.ts. */
export class ItemHashPool {
  private readonly pool: WorkerPool<DistributiveOmit<ItemHashRequest, 'id'>, Reply>;
  constructor(
    readonly size = Math.max(1, availableParallelism()),
    readonly video: VideoLimits = DEFAULT_VIDEO_LIMITS,
  ) {
    this.pool = new WorkerPool({ entry: ENTRY, size, name: 'hashing worker' });
  }

  run(bytes: Buffer, maxPixels: number, thumbnail: boolean): Promise<ItemReply> {
    return this.submit({ bytes, maxPixels, thumbnail }) as Promise<ItemReply>;
  }

  runVideo(path: string, source?: VideoSource): Promise<ItemReply> {
    return this.submit({ kind: 'video', path, source, timeoutMs: this.video.timeoutMs, maxDurationS: this.video.maxDurationS }) as Promise<ItemReply>;
  }

  /** The place stage's verification of one item (src/places/verify-task.ts) on a worker. */
  async runPlace(task: PlaceVerifyTask): Promise<PlaceVerifyResult> {
    const r = await this.submit({ kind: 'place', task });
    if (r.ok && 'places' in r) return r.places;
    throw new Error(`place verification failed: ${r.ok ? 'no result' : r.message}`);
  }

  /** Failures come back as replies, never rejections. */
  private async submit(req: DistributiveOmit<ItemHashRequest, 'id'>): Promise<Reply> {
    try {
      return await this.pool.run(req);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // A native decoder crash fails only the item being hashed.
      if (err instanceof WorkerCrashError) return { id: 0, ok: false, reason: 'corrupt', message: `the decoder crashed on this file (${message})` };
      if (err instanceof PoolClosedError) return { id: 0, ok: false, reason: 'processing_failed', message: 'the server stopped' };
      return { id: 0, ok: false, reason: 'processing_failed', message };
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

// The pool and the pixel budget are the context's (built once in src/services.ts).
const poolFor = (ctx: AppContext): ItemHashPool => ctx.services.hashPool;

/** Images are decoded from memory; one larger than this is refused rather than read whole. */
const MAX_IMAGE_BYTES = 512 * 1024 * 1024;

/** Hashes a stored item: a video streamed to ffmpeg, anything else read whole (images are bounded). */
export async function hashStoredItem(ctx: AppContext, sha256: string): Promise<{ hashes: ItemHashes | ItemHashFailure; thumb: boolean }> {
  const missing = (err: unknown) => ({ hashes: { reason: 'missing', message: `the stored file cannot be read: ${(err as Error).message}` }, thumb: false });
  let obj: MediaObject;
  let head: Buffer;
  try {
    obj = await ctx.mediaStore.open(sha256);
    head = obj.size ? await collect(await obj.stream(0, Math.min(obj.size, 4096) - 1)) : Buffer.alloc(0);
  } catch (err) {
    return missing(err);
  }
  if (head.length && !sniffFormat(head)) {
    const sniffed = sniffMedia(head.subarray(0, 64));
    if (sniffed.kind === 'video') return hashVideoItem(ctx, sha256, obj, sniffed.format);
  }
  if (obj.size > MAX_IMAGE_BYTES)
    return { hashes: { reason: 'too_large', message: `an image file over ${MAX_IMAGE_BYTES} bytes is not decoded` }, thumb: false };
  let bytes: Buffer;
  try {
    bytes = await span('store read + decrypt', async () => collect(await obj.stream()));
  } catch (err) {
    return missing(err);
  }
  return hashAndThumbnail(ctx, sha256, bytes);
}

async function collect(s: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

export function pixelBudgetFor(ctx: AppContext): PixelBudget {
  return ctx.services.pixelBudget;
}

/** Width × height from the image header (no decode); 1 when unreadable (the worker then reports why). */
async function headerPixels(bytes: Buffer): Promise<number> {
  try {
    const m = await sharp(bytes, { limitInputPixels: false }).metadata();
    return Math.max(1, (m.width ?? 0) * (m.height ?? 0));
  } catch {
    return 1;
  }
}

/** Hashes an item and stores its encrypted thumbnail (unless held). */
export async function hashAndThumbnail(ctx: AppContext, sha256: string, bytes: Buffer): Promise<{ hashes: ItemHashes | ItemHashFailure; thumb: boolean }> {
  if (bytes.length === 0) return { hashes: { reason: 'empty', message: 'the file is empty (0 bytes)' }, thumb: false };
  const format = sniffFormat(bytes);
  if (!format) {
    const sniffed = sniffMedia(bytes.subarray(0, 64));
    if (sniffed.kind === 'video')
      return hashVideoItem(
        ctx,
        sha256,
        { size: bytes.length, format: 'v2', stream: async (a = 0, b = bytes.length - 1) => Readable.from([bytes.subarray(a, b + 1)]) },
        sniffed.format,
      );
    return {
      hashes: {
        reason: 'not_image',
        message: 'not an image or video this system decodes (JPEG, PNG, GIF, WebP, TIFF, BMP; MP4, MOV, MKV, WebM, AVI…); documents are not processed here',
      },
      thumb: false,
    };
  }
  const hasThumb = await span('thumbnail exists?', () => ctx.mediaStore.has(sha256, '.thumb'));
  // Decode memory is bounded by pixels in flight across the workers (a header read gives the size).
  const release = await span('header + pixel budget', async () => pixelBudgetFor(ctx).acquire(Math.min(await headerPixels(bytes), ctx.config.maxImagePixels)));
  let r: Reply;
  try {
    r = await span('hashing pool (queue + worker)', () => poolFor(ctx).run(bytes, ctx.config.maxImagePixels, !hasThumb));
  } finally {
    release();
  }
  if (r.ok && !r.video && r.stages) for (const [k, ms] of Object.entries(r.stages)) addSpan(`worker: ${k}`, ms);
  if (!r.ok) {
    // A decoder says "corrupt" for many cut-short files; the missing end marker tells them apart.
    const reason = r.reason === 'corrupt' && looksTruncated(format, bytes) ? 'truncated' : (REASONS[r.reason] ?? r.reason);
    return { hashes: { reason, message: r.message }, thumb: false };
  }
  if (!r.result) return { hashes: { reason: 'processing_failed', message: 'the hashing worker answered without an image result' }, thumb: false };
  let thumb = hasThumb;
  if (!hasThumb && r.thumb) {
    await span('thumbnail store (encrypt + write)', () =>
      ctx.mediaStore.putDerived(sha256, '.thumb', Buffer.from(r.thumb!.buffer, r.thumb!.byteOffset, r.thumb!.byteLength)),
    );
    thumb = true;
  }
  const h = r.result;
  const m = h.metadata;
  const d = h.dihedral?.hashes;
  const exif: Record<string, unknown> = Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined));
  return {
    thumb,
    hashes: {
      format: h.format,
      width: h.width,
      height: h.height,
      pdq: h.pdq.hash,
      quality: h.pdq.quality,
      pdqUpright: h.pdqUpright?.hash ?? null,
      dihedral: d ? [d.original, d.rotate90, d.rotate180, d.rotate270, d.flipx, d.flipy, d.flipPlus1, d.flipMinus1] : null,
      exif,
      cameraMake: m.make ?? null,
      cameraModel: m.model ?? null,
      cameraSerial: m.serialNumber ?? null,
      capturedAt: m.captureTime && !Number.isNaN(Date.parse(m.captureTime)) ? new Date(m.captureTime) : null,
      gpsLat: m.gpsLatitude ?? null,
      gpsLon: m.gpsLongitude ?? null,
      video: null,
      robust: r.robust,
      robustMs: r.robustMs,
      place: r.place ?? null,
    },
  };
}

async function hashVideoItem(
  ctx: AppContext,
  sha256: string,
  obj: MediaObject,
  sniffed: string,
): Promise<{ hashes: ItemHashes | ItemHashFailure; thumb: boolean }> {
  const reader = await serveOnLoopback(obj);
  let r: Reply;
  try {
    r = await poolFor(ctx).runVideo(`stored:${sha256.slice(0, 12)}`, { url: reader.url, sizeBytes: obj.size });
  } finally {
    await reader.close();
  }
  if (!r.ok) return { hashes: { reason: r.reason, message: r.message }, thumb: false };
  if (!r.video) return { hashes: { reason: 'processing_failed', message: 'the hashing worker answered without a video result' }, thumb: false };
  const v = r.video;
  let thumb = await ctx.mediaStore.has(sha256, '.thumb');
  if (!thumb && v.poster) {
    await ctx.mediaStore.putDerived(sha256, '.thumb', Buffer.from(v.poster.jpeg.buffer, v.poster.jpeg.byteOffset, v.poster.jpeg.byteLength));
    thumb = true;
  }
  return {
    thumb,
    hashes: {
      format: videoFormat(v.container, sniffed),
      width: v.width,
      height: v.height,
      pdq: null,
      quality: null,
      dihedral: null,
      exif: {
        container: v.container,
        codec: v.codec,
        fps: v.fps,
        ...(v.partial ? { partial: true } : {}),
        ...(v.warnings.length ? { warnings: v.warnings } : {}),
      },
      cameraMake: null,
      cameraModel: null,
      cameraSerial: null,
      capturedAt: null,
      gpsLat: null,
      gpsLon: null,
      video: { durationS: v.durationS, fps: v.fps, frames: v.frames, partial: v.partial, posterAt: v.poster?.timestamp ?? null },
      robust: null,
    },
  };
}
