// Cryptographic digests of the original bytes (MD5, SHA-1, SHA-256), computed in one pass over
// a file stream. The same pass keeps the bytes so the decoder does not read the file again.

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { ImageDecodeError, fromFsError } from './errors.js';

export interface FileDigests {
  md5: string;
  sha1: string;
  sha256: string;
  /** Byte length of the input. */
  size: number;
}

/** Default byte limit for reading a file into memory: 1 GiB. */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024 * 1024;

export function digestBytes(bytes: Uint8Array): FileDigests {
  return {
    md5: createHash('md5').update(bytes).digest('hex'),
    sha1: createHash('sha1').update(bytes).digest('hex'),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.length,
  };
}

/**
 * Stream a file once: digests of every byte, plus the bytes themselves when `keepBytes`.
 * I/O failures become ImageDecodeError('unreadable'); files over maxBytes 'too_large'
 * (checked before reading, and again while reading in case the file grows).
 */
export async function digestFile(path: string, options: { maxBytes?: number; keepBytes?: boolean } = {}): Promise<FileDigests & { bytes?: Buffer }> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const keep = options.keepBytes ?? false;
  let st;
  try {
    st = await stat(path);
  } catch (err) {
    throw fromFsError(err, path);
  }
  if (st.isDirectory()) throw new ImageDecodeError('unreadable', 'is a directory', { path });
  if (!st.isFile()) throw new ImageDecodeError('unreadable', 'not a regular file', { path });
  if (keep && st.size > maxBytes) throw new ImageDecodeError('too_large', `file is ${st.size} bytes, over the ${maxBytes}-byte limit`, { path });

  const md5 = createHash('md5');
  const sha1 = createHash('sha1');
  const sha256 = createHash('sha256');
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (keep && size > maxBytes) throw new ImageDecodeError('too_large', `file is over the ${maxBytes}-byte limit`, { path });
      md5.update(chunk);
      sha1.update(chunk);
      sha256.update(chunk);
      if (keep) chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof ImageDecodeError) throw err;
    throw fromFsError(err, path);
  }
  const out: FileDigests & { bytes?: Buffer } = { md5: md5.digest('hex'), sha1: sha1.digest('hex'), sha256: sha256.digest('hex'), size };
  if (keep) out.bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
  return out;
}
