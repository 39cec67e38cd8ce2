// Where sealed media bytes live. The store (store.ts) encrypts and names objects; a backend only keeps
// opaque sealed bytes under names: a local directory (default) or an S3-compatible bucket (s3.ts).
// Writes go to a temporary object first and are committed under their name once complete, so a
// reader never sees half an object and a crash leaves only temporaries (swept later).
import { nullIfMissing } from '../shared/failures.js';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MediaStoreError } from './chunked.js';

export interface BlobBackend {
  /** Where the objects are, for logs and `icse media` output (no credentials). */
  readonly description: string;
  /** The first `n` bytes (fewer if the object is shorter), the total size and a version tag; null when absent. */
  head(name: string, n: number): Promise<{ total: number; bytes: Buffer; version?: string } | null>;
  /**
   * Bytes [start, end] (inclusive) as a stream. With `version` (from head), refuses with MediaStoreError('changed')
   * when the object was replaced since (a migration rewriting it): chunks of two versions never mix.
   */
  readRange(name: string, start: number, end: number, version?: string): Promise<Readable>;
  exists(name: string): Promise<boolean>;
  /** Streams `source` into a new temporary object; returns its handle. */
  writeTemp(source: Readable): Promise<string>;
  /** Gives a temporary object its name. Without `overwrite`, an existing object wins (returns true) and the temporary goes. */
  commitTemp(temp: string, name: string, overwrite?: boolean): Promise<boolean>;
  discardTemp(temp: string): Promise<void>;
  remove(name: string): Promise<void>;
  /** Every committed object name (temporaries excluded), in no particular order. */
  list(): AsyncIterable<string>;
  /** Removes temporaries older than `olderThanMs` (left by crashes); returns how many. */
  sweepTemp(olderThanMs: number): Promise<number>;
}

/** Objects fan out over two directory levels (ab/cd/<name>) so no directory grows huge. */
export function shardedPath(name: string): string {
  return `${name.slice(0, 2)}/${name.slice(2, 4)}/${name}`;
}

export function changed(name: string): MediaStoreError {
  return new MediaStoreError('changed', `${name} was rewritten while it was being read (a migration or a concurrent upload of the same file): read it again`);
}

export class LocalBackend implements BlobBackend {
  readonly tmpDir: string;
  private seq = 0;
  constructor(readonly root: string) {
    this.tmpDir = path.join(root, 'tmp');
    fs.mkdirSync(this.tmpDir, { recursive: true, mode: 0o700 });
  }
  get description() {
    return `local directory ${this.root}`;
  }
  private file(name: string) {
    return path.join(this.root, shardedPath(name));
  }
  tmpPath(): string {
    return path.join(this.tmpDir, `${process.pid}-${Date.now()}-${++this.seq}-${randomBytes(4).toString('hex')}`);
  }

  async head(name: string, n: number) {
    let fh: fsp.FileHandle;
    try {
      fh = await fsp.open(this.file(name), 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    try {
      const st = await fh.stat();
      const bytes = Buffer.alloc(Math.min(n, st.size));
      if (bytes.length) await fh.read(bytes, 0, bytes.length, 0);
      return { total: st.size, bytes, version: `${st.ino}:${st.mtimeMs}` };
    } finally {
      await fh.close();
    }
  }
  async readRange(name: string, start: number, end: number, version?: string): Promise<Readable> {
    const fh = await fsp.open(this.file(name), 'r');
    try {
      const st = await fh.stat();
      if (version && `${st.ino}:${st.mtimeMs}` !== version) throw changed(name);
    } catch (err) {
      await fh.close();
      throw err;
    }
    return fh.createReadStream({ start, end, highWaterMark: 256 * 1024 });
  }
  async exists(name: string) {
    return fs.existsSync(this.file(name));
  }
  async writeTemp(source: Readable): Promise<string> {
    const tmp = this.tmpPath();
    try {
      await pipeline(source, fs.createWriteStream(tmp, { mode: 0o600 }));
    } catch (err) {
      await fsp.rm(tmp, { force: true });
      throw err;
    }
    return tmp;
  }
  async commitTemp(temp: string, name: string, overwrite = false): Promise<boolean> {
    const dest = this.file(name);
    if (!overwrite && fs.existsSync(dest)) {
      await fsp.rm(temp, { force: true });
      return true;
    }
    await fsp.mkdir(path.dirname(dest), { recursive: true, mode: 0o700 });
    await fsp.rename(temp, dest);
    return false;
  }
  async discardTemp(temp: string) {
    await fsp.rm(temp, { force: true });
  }
  async remove(name: string) {
    await fsp.rm(this.file(name), { force: true });
  }
  async *list(): AsyncIterable<string> {
    const dirs = async (p: string): Promise<fs.Dirent[]> => (await fsp.readdir(p, { withFileTypes: true }).catch(nullIfMissing)) ?? [];
    for (const a of await dirs(this.root)) {
      if (!a.isDirectory() || a.name.length !== 2) continue;
      for (const b of await dirs(path.join(this.root, a.name))) {
        if (!b.isDirectory()) continue;
        for (const f of await dirs(path.join(this.root, a.name, b.name))) if (f.isFile()) yield f.name;
      }
    }
  }
  async sweepTemp(olderThanMs: number): Promise<number> {
    let removed = 0;
    for (const f of (await fsp.readdir(this.tmpDir).catch(nullIfMissing)) ?? []) {
      const p = path.join(this.tmpDir, f);
      const st = await fsp.stat(p).catch(nullIfMissing); // removed meanwhile (committed, or another sweep)
      if (st && Date.now() - st.mtimeMs > olderThanMs) {
        await fsp.rm(p, { force: true });
        removed++;
      }
    }
    return removed;
  }
}
