// Typed failures of video reading/decoding. `reason` is a stable code for callers, the CLI and the
// ingest pipeline (stored as the item's failure reason); `message` says what was wrong with this input.

export type VideoDecodeReason =
  | 'empty' // zero-byte input
  | 'unreadable' // I/O: missing file, permission denied, directory, …
  | 'not_video' // not a container we accept, or no video stream in it
  | 'corrupt' // recognised container, undecodable data (truncated index, broken stream, …)
  | 'no_frames' // decoded, but not a single frame came out
  | 'too_large' // over the resolution / pixel budget (checked before decoding)
  | 'too_long' // over the duration / frame budget
  | 'timeout' // wall-time limit reached; ffmpeg was killed
  | 'unavailable'; // the ffmpeg binary could not be started

export const VIDEO_DECODE_REASONS: readonly VideoDecodeReason[] = [
  'empty',
  'unreadable',
  'not_video',
  'corrupt',
  'no_frames',
  'too_large',
  'too_long',
  'timeout',
  'unavailable',
];

export class VideoDecodeError extends Error {
  readonly reason: VideoDecodeReason;
  path?: string;
  constructor(reason: VideoDecodeReason, message: string, options?: { cause?: unknown; path?: string }) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'VideoDecodeError';
    this.reason = reason;
    if (options?.path !== undefined) this.path = options.path;
  }

  /** Plain object for postMessage / JSON. */
  toJSON(): { name: string; reason: VideoDecodeReason; message: string; path?: string } {
    return { name: this.name, reason: this.reason, message: this.message, ...(this.path !== undefined ? { path: this.path } : {}) };
  }
}

export function isVideoDecodeError(e: unknown): e is VideoDecodeError {
  return e instanceof VideoDecodeError;
}

export function fromFsError(err: unknown, path: string): VideoDecodeError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const what =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a directory'
          : `cannot read file (${code ?? (err instanceof Error ? err.message : String(err))})`;
  return new VideoDecodeError('unreadable', what, { cause: err, path });
}
