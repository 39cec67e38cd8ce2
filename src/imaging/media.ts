// Extension point for non-image media in `icse hash`. Images are handled here; a video module
// (vPDQ) plugs in by registering a MediaHasher for kind 'video':
//
//   registerMediaHasher('video', { hashFile: async (path) => ({ line: '…', json: {…} }) });
//
// The CLI sniffs each file's content, and hands video files to the registered hasher (or reports
// error,unsupported when none is registered).

import { open } from 'node:fs/promises';
import { fromFsError } from './errors.js';
import { SNIFF_BYTES, sniffMedia, type SniffResult } from './sniff.js';

export interface MediaHashOutput {
  /** CSV fields for the text output, without the path (the CLI appends it), e.g. "vpdq,<frames>". */
  line: string;
  /** Object for --json output (the CLI adds `path` and `kind`). */
  json: Record<string, unknown>;
}

export interface MediaHashContext {
  /** From --dihedral, for hashers that have an equivalent. */
  dihedral: boolean;
  sniff: SniffResult;
}

export interface MediaHasher {
  /** Hash one file. Throw an Error with a string `reason` property (e.g. 'corrupt') for per-file failures. */
  hashFile(path: string, context: MediaHashContext): Promise<MediaHashOutput>;
}

const hashers = new Map<'video', MediaHasher>();

export function registerMediaHasher(kind: 'video', hasher: MediaHasher | null): void {
  if (hasher) hashers.set(kind, hasher);
  else hashers.delete(kind);
}

export function getMediaHasher(kind: 'video'): MediaHasher | undefined {
  return hashers.get(kind);
}

/** Read the first bytes of a file and classify it. I/O failures become ImageDecodeError('unreadable'). */
export async function sniffFile(path: string): Promise<SniffResult & { size: number }> {
  let fh;
  try {
    fh = await open(path, 'r');
    const st = await fh.stat();
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    return { ...sniffMedia(buf.subarray(0, bytesRead)), size: st.size };
  } catch (err) {
    throw fromFsError(err, path);
  } finally {
    await fh?.close();
  }
}
