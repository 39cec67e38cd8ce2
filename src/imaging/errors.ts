// Typed failures of image reading/decoding. `reason` is a stable code for callers and the CLI;
// `message` is for humans and says what was wrong with this particular input.

export type ImageDecodeReason =
  | 'empty' // zero-byte input
  | 'truncated' // data ends before the image does
  | 'unsupported' // not an image, or an image format we do not decode
  | 'too_large' // over the pixel or byte limit (decompression-bomb guard)
  | 'corrupt' // recognised format, undecodable data
  | 'unreadable'; // I/O: missing file, permission denied, directory, …

export const IMAGE_DECODE_REASONS: readonly ImageDecodeReason[] = ['empty', 'truncated', 'unsupported', 'too_large', 'corrupt', 'unreadable'];

export class ImageDecodeError extends Error {
  readonly reason: ImageDecodeReason;
  path?: string;
  constructor(reason: ImageDecodeReason, message: string, options?: { cause?: unknown; path?: string }) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'ImageDecodeError';
    this.reason = reason;
    if (options?.path !== undefined) this.path = options.path;
  }

  /** Plain object for postMessage / JSON. */
  toJSON(): { name: string; reason: ImageDecodeReason; message: string; path?: string } {
    return { name: this.name, reason: this.reason, message: this.message, ...(this.path !== undefined ? { path: this.path } : {}) };
  }

  static fromJSON(o: { reason: ImageDecodeReason; message: string; path?: string }): ImageDecodeError {
    return new ImageDecodeError(IMAGE_DECODE_REASONS.includes(o.reason) ? o.reason : 'corrupt', o.message, o.path !== undefined ? { path: o.path } : undefined);
  }
}

export function isImageDecodeError(e: unknown): e is ImageDecodeError {
  return e instanceof ImageDecodeError;
}

/** Map a filesystem error to an ImageDecodeError with a plain-language message. */
export function fromFsError(err: unknown, path: string): ImageDecodeError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const what =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'ELOOP'
            ? 'too many symbolic links'
            : `cannot read file (${code ?? (err instanceof Error ? err.message : String(err))})`;
  return new ImageDecodeError('unreadable', what, { cause: err, path });
}
