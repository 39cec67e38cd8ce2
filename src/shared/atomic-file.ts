// Files replaced whole: written to a temp file beside the target, fsynced and renamed (then the directory fsynced),
// so a crash never leaves half a file under the real name. One writer per directory is assumed: a temp file of
// the same target left by a crash is removed before the next write.
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Bytes per write call. */
const PIECE = 1 << 26;

/** Temp files of `file` left by a crash during a write. */
export function removeStaleTemps(file: string): void {
  const dir = path.dirname(file),
    base = `${path.basename(file)}.tmp-`;
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const f of names) if (f.startsWith(base)) rmSync(path.join(dir, f), { force: true });
}

/** Writes `file` (mode 0600) from what `write` puts, replacing it only once everything is on disk. */
export function writeFileAtomically(file: string, write: (put: (chunk: Uint8Array) => void) => void): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    write((chunk) => {
      for (let at = 0; at < chunk.length; at += PIECE) {
        const piece = chunk.subarray(at, at + PIECE);
        for (let off = 0; off < piece.length;) off += writeSync(fd, piece, off, piece.length - off);
      }
    });
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, file);
  try {
    const dfd = openSync(path.dirname(file), 'r');
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  } catch {
    /* directory fsync is not supported everywhere */
  }
}
