// Shapes of a hashed video for the tables of migrations/003_core.sql (no SQL here: the ingest pipeline
// writes them in its own transaction). media.pdq stays NULL for videos: their hashes are the frames.

import type { VideoHashResult } from './hash.js';

const CONTAINER_FORMAT: Array<[RegExp, string]> = [
  [/^mov,mp4/, 'mp4'],
  [/^matroska/, 'mkv'],
  [/^avi$/, 'avi'],
  [/^flv$/, 'flv'],
  [/^mpegts$/, 'ts'],
  [/^mpeg$/, 'mpeg'],
  [/^asf$/, 'wmv'],
  [/^ogg$/, 'ogv'],
  [/^yuv4mpegpipe$/, 'y4m'],
];

/** Short container name ('mp4', 'mkv', …); prefer the content sniffer's name (src/imaging sniffMedia) when known. */
export function videoFormat(container: string, sniffed?: string): string {
  if (sniffed && sniffed !== 'unknown') return sniffed;
  return CONTAINER_FORMAT.find(([re]) => re.test(container))?.[1] ?? container.split(',')[0]!;
}

/** Columns of the `media` row for a video. */
export function videoMediaColumns(r: VideoHashResult, sniffedFormat?: string) {
  return {
    media_type: 'video' as const,
    sha256: r.sha256,
    md5: r.md5,
    sha1: r.sha1,
    size_bytes: r.sizeBytes,
    format: videoFormat(r.container, sniffedFormat),
    width: r.width,
    height: r.height,
    duration_s: r.durationS,
    pdq: null,
    pdq_quality: null,
  };
}

/** Rows of `media_frames` (one per kept frame) for a stored media id. */
export function mediaFrameRows(mediaId: number, r: Pick<VideoHashResult, 'frames'>) {
  return r.frames.map((f) => ({
    media_id: mediaId,
    frame: f.frame,
    quality: f.quality,
    pdq: f.hash,
    timestamp_s: f.timestamp,
    crop_pdq: f.cropHashes?.length ? f.cropHashes : null,
  }));
}
