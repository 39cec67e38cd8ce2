// Encrypted, content-addressed media store over a backend (local directory or S3-compatible bucket,
// backend.ts / s3.ts). An object is named by the SHA-256 of its plaintext (derived objects add a suffix,
// e.g. '.thumb') and sealed in the chunked format of chunked.ts. Writes stream through the hashes and the
// encryptor into a temporary object committed under its content address: re-storing the same bytes is a
// no-op. Reads stream any byte range, each chunk authenticated before it is released; nothing is held
// whole in memory and plaintext never reaches the disk. Objects of the older one-blob format (v1) stay
// readable and are rewritten by `migrate` (icse media migrate).
import { cleanupAfter } from '../shared/failures.js';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { createDecipheriv, createHash } from 'node:crypto';
import { PassThrough, Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { LocalBackend, changed, type BlobBackend } from './backend.js';
import { loadKeyFile } from '../shared/keyfile.js';
import {
  ChunkCipher,
  ChunkDecryptor,
  ChunkEncryptor,
  HEADER_LEN,
  MAGIC_V1,
  MAGIC_V2,
  MediaStoreError,
  TAG_LEN,
  layoutOf,
  parseHeader,
  spanOf,
} from './chunked.js';

export { MediaStoreError } from './chunked.js';

const V1_HEADER = MAGIC_V1.length + 12;
const SHA256_RE = /^[0-9a-f]{64}$/;
const NAME_RE = /^[0-9a-f]{64}(\.[a-z0-9]{1,16})?$/;
/** Objects up to this size are fetched in the first request and decrypted from memory (thumbnails). */
const SMALL = 128 * 1024;

/** The store the configuration names: the local directory, or an S3-compatible bucket (ICSE_MEDIA_STORE). */
export async function openMediaStore(
  config: { dataDir: string; mediaKey: string | null; uploadLimitBytes: number; mediaStoreUrl?: string | null },
  env: Record<string, string | undefined> = process.env,
): Promise<MediaStore> {
  const key = loadMediaKey(config.dataDir, config.mediaKey);
  if (!config.mediaStoreUrl) return new MediaStore(config.dataDir, key, config.uploadLimitBytes);
  const { S3Backend, parseS3Url } = await import('./s3.js');
  const location = parseS3Url(config.mediaStoreUrl);
  if (!location) throw new Error(`not an s3://bucket/prefix URL: ${config.mediaStoreUrl}`);
  return new MediaStore(config.dataDir, key, config.uploadLimitBytes, S3Backend.fromEnv(location, env));
}

export interface StoredObject {
  sha256: string;
  md5: string;
  sha1: string;
  size: number;
  existed: boolean;
}

/** An opened object: its plaintext size and a reader of any range of it. */
export interface MediaObject {
  size: number;
  format: 'v2' | 'v1';
  /** Plaintext bytes [start, end] (inclusive; default the whole object), authenticated chunk by chunk. */
  stream(start?: number, end?: number): Promise<Readable>;
}

export interface MigrateSummary {
  scanned: number;
  converted: number;
  copied: number;
  skipped: number;
  failed: Array<{ name: string; message: string }>;
}

/** Loads the media key: the configured hex key, else <dataDir>/media.key (created 0600 on first use). */
export function loadMediaKey(dataDir: string, configured: string | null): Buffer {
  return loadKeyFile(dataDir, 'media.key', configured);
}

/** Hashes (sha256, md5, sha1) and counts bytes as they pass, and stops a stream over `limit` bytes. */
class HashingCounter extends Transform {
  readonly sha256 = createHash('sha256');
  readonly md5 = createHash('md5');
  readonly sha1 = createHash('sha1');
  size = 0;
  constructor(private readonly limit: number) {
    super();
  }
  _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
    this.size += chunk.length;
    if (this.size > this.limit) return cb(new MediaStoreError('too_large', `the file is larger than the ${this.limit}-byte limit`));
    this.sha256.update(chunk);
    this.md5.update(chunk);
    this.sha1.update(chunk);
    cb(null, chunk);
  }
}

/** Drops the first `skip` bytes and passes `take` bytes. */
function slice(skip: number, take: number): Transform {
  return new Transform({
    transform(chunk: Buffer, _e, cb) {
      const part = chunk.subarray(Math.min(skip, chunk.length), Math.min(chunk.length, skip + take));
      skip = Math.max(0, skip - chunk.length);
      take -= part.length;
      cb(null, part.length ? part : undefined);
    },
  });
}

/**
 * A chunk that fails because the object was replaced since it was opened (a store that ignores If-Match) is
 * reported as such, not as tampering.
 */
function explainChange(s: Readable, backend: BlobBackend, name: string, version: string): Readable {
  const pass = new PassThrough({ highWaterMark: 0 });
  s.on('error', (err) => {
    if (!(err instanceof MediaStoreError && err.reason === 'corrupt')) {
      pass.destroy(err);
      return;
    }
    backend.head(name, 1).then(
      (now) => pass.destroy(now && now.version !== version ? changed(name) : err),
      () => pass.destroy(err),
    );
  });
  return chain(s, pass, false);
}

/** `src` piped into `out`; an error of either ends both, so no file handle or connection is left open. */
function chain<T extends Transform | PassThrough>(src: Readable, out: T, forwardErrors = true): T {
  if (forwardErrors) src.on('error', (e) => out.destroy(e));
  out.on('close', () => src.destroy());
  src.pipe(out);
  return out;
}

async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

export class MediaStore {
  readonly backend: BlobBackend;
  /** Private local scratch space (0700): archive staging, never plaintext. */
  private readonly scratch: LocalBackend;

  constructor(
    dataDir: string,
    private readonly key: Buffer,
    private readonly maxObjectBytes = 8 * 1024 ** 3,
    backend?: BlobBackend,
  ) {
    if (key.length !== 32) throw new Error('the media key must be 32 bytes');
    this.scratch = new LocalBackend(path.join(dataDir, 'media'));
    this.backend = backend ?? this.scratch;
  }

  private static checkName(sha256: string, suffix = ''): string {
    if (!SHA256_RE.test(sha256) || !NAME_RE.test(sha256 + suffix)) throw new MediaStoreError('missing', 'not a SHA-256 content address');
    return sha256 + suffix;
  }

  /** Seals `source` into a new temporary object; returns its handle (and rejects, leaving nothing, on any failure). */
  private async sealToTemp(source: Readable, encryptor: Transform, stages: Transform[] = [], target = this.backend): Promise<string> {
    const sealed = new PassThrough({ highWaterMark: 256 * 1024 });
    const piping = pipeline([source, ...stages, encryptor, sealed]);
    const writing = target.writeTemp(sealed);
    const [p, w] = await Promise.allSettled([piping, writing]);
    if (p.status === 'rejected') {
      if (w.status === 'fulfilled') await cleanupAfter(p.reason, () => target.discardTemp(w.value)); // else sweepTemp removes it later
      throw p.reason;
    }
    if (w.status === 'rejected') throw w.reason;
    return w.value;
  }

  /** Streams `input` into the store; returns its hashes. Storing bytes already held is a no-op. */
  async put(input: NodeJS.ReadableStream | Buffer, opts: { limit?: number } = {}): Promise<StoredObject> {
    const counter = new HashingCounter(opts.limit ?? this.maxObjectBytes);
    let sha256 = '';
    const encryptor = new ChunkEncryptor(this.key, () => (sha256 = counter.sha256.digest('hex')));
    const source = Buffer.isBuffer(input) ? Readable.from([input]) : (input as Readable);
    const temp = await this.sealToTemp(source, encryptor, [counter]);
    const existed = await this.backend.commitTemp(temp, sha256);
    return { sha256, md5: counter.md5.digest('hex'), sha1: counter.sha1.digest('hex'), size: counter.size, existed };
  }

  /** Stores a derived object (e.g. a thumbnail) under `<sha256><suffix>`. */
  async putDerived(sha256: string, suffix: string, bytes: Buffer): Promise<void> {
    const name = MediaStore.checkName(sha256, suffix);
    const temp = await this.sealToTemp(Readable.from([bytes]), new ChunkEncryptor(this.key, () => name));
    await this.backend.commitTemp(temp, name);
  }

  async has(sha256: string, suffix = ''): Promise<boolean> {
    return this.backend.exists(MediaStore.checkName(sha256, suffix));
  }

  /** Opens an object for reading: checks its header, and that its last chunk authenticates under this name. */
  async open(sha256: string, suffix = ''): Promise<MediaObject> {
    return this.openIn(this.backend, MediaStore.checkName(sha256, suffix));
  }

  private async openIn(backend: BlobBackend, name: string): Promise<MediaObject> {
    const probe = await backend.head(name, SMALL);
    if (!probe) throw new MediaStoreError('missing', 'the object is not in the media store');
    const whole = probe.bytes.length === probe.total ? probe.bytes : null;
    const sealedRange = async (from: number, to: number): Promise<Readable> =>
      whole ? Readable.from([whole.subarray(from, to + 1)]) : backend.readRange(name, from, to, probe.version);
    const magic = probe.bytes.subarray(0, MAGIC_V2.length);
    if (magic.equals(MAGIC_V2)) {
      const header = parseHeader(probe.bytes, this.key, name);
      const layout = layoutOf(probe.total, header.chunkSize, name);
      const cipher = new ChunkCipher(this.key, header, name);
      const last = whole
        ? whole.subarray(probe.total - layout.lastSealed)
        : await collect(await backend.readRange(name, probe.total - layout.lastSealed, probe.total - 1, probe.version));
      cipher.open(layout.chunks - 1, true, last);
      const size = layout.plainSize;
      return {
        size,
        format: 'v2',
        stream: async (start = 0, end = size - 1) => {
          if (start < 0 || start > Math.max(0, size - 1) || end >= size || (end < start && !(size === 0 || end === start - 1))) {
            throw new MediaStoreError('range', `bytes ${start}-${end} are outside the ${size}-byte object`);
          }
          const span = spanOf(header, layout, probe.total, start, end);
          const src = await sealedRange(span.from, span.to);
          const out = chain(src, new ChunkDecryptor(cipher, span));
          return whole || !probe.version ? out : explainChange(out, backend, name, probe.version);
        },
      };
    }
    if (magic.equals(MAGIC_V1)) {
      if (probe.total < V1_HEADER + TAG_LEN) throw new MediaStoreError('corrupt', `${name} is truncated`);
      const size = probe.total - V1_HEADER - TAG_LEN;
      const iv = probe.bytes.subarray(MAGIC_V1.length, V1_HEADER);
      const tag = whole
        ? whole.subarray(probe.total - TAG_LEN)
        : await collect(await backend.readRange(name, probe.total - TAG_LEN, probe.total - 1, probe.version));
      const decrypt = async (): Promise<Readable> => {
        const d = createDecipheriv('aes-256-gcm', this.key, iv);
        d.setAuthTag(tag);
        if (whole) {
          // Small: authenticated before anything is released.
          try {
            return Readable.from([Buffer.concat([d.update(whole.subarray(V1_HEADER, probe.total - TAG_LEN)), d.final()])]);
          } catch {
            throw new MediaStoreError('corrupt', `${name} failed its integrity check`);
          }
        }
        // One tag for the whole blob: the check comes at the end of the stream (an error then). `migrate` rewrites these.
        const src = size ? await backend.readRange(name, V1_HEADER, probe.total - TAG_LEN - 1, probe.version) : Readable.from([]);
        const out = new Transform({
          transform(c: Buffer, _e, cb) {
            cb(null, d.update(c));
          },
          flush(cb) {
            try {
              cb(null, d.final());
            } catch {
              cb(new MediaStoreError('corrupt', `${name} failed its integrity check`));
            }
          },
        });
        return chain(src, out);
      };
      return {
        size,
        format: 'v1',
        stream: async (start = 0, end = size - 1) => {
          if (start < 0 || start > Math.max(0, size - 1) || end >= size)
            throw new MediaStoreError('range', `bytes ${start}-${end} are outside the ${size}-byte object`);
          const plain = await decrypt();
          if (start === 0 && end === size - 1) return plain;
          return chain(plain, slice(start, Math.max(0, end - start + 1)));
        },
      };
    }
    throw new MediaStoreError('corrupt', `${name} is not a media store object`);
  }

  /** Plaintext bytes [start, end] of an object (whole by default). */
  async createReadStream(sha256: string, suffix = '', start?: number, end?: number): Promise<Readable> {
    return (await this.open(sha256, suffix)).stream(start, end);
  }

  /** The whole decrypted object in memory: only for small objects (thumbnails, images handed to a decoder). */
  async read(sha256: string, suffix = ''): Promise<Buffer> {
    const o = await this.open(sha256, suffix);
    if (o.size > this.maxObjectBytes || o.size > 2 ** 31 - 1) throw new MediaStoreError('too_large', 'the object is too large to read whole; stream it');
    return collect(await o.stream());
  }

  async remove(sha256: string, suffix = ''): Promise<void> {
    await this.backend.remove(MediaStore.checkName(sha256, suffix));
  }

  /** Temporaries left by a crash are garbage: nothing refers to them. */
  async sweepTemp(olderThanMs = 60 * 60_000): Promise<number> {
    let n = await this.scratch.sweepTemp(olderThanMs);
    if (this.backend !== this.scratch) n += await this.backend.sweepTemp(olderThanMs);
    return n;
  }

  /** A scratch file name inside the store's private local temp area (for staging archives). */
  scratchPath(): string {
    return this.scratch.tmpPath();
  }

  /**
   * Rewrites v1 objects in the chunked format, in place (each one replaced atomically once its new copy is
   * complete and the old one authenticated), and — with `from` — copies every object of another store
   * (e.g. the local directory into S3) that this one lacks. Resumable and idempotent: objects already in
   * the chunked format here are skipped, so a killed run continues where it stopped.
   */
  async migrate(
    opts: { from?: BlobBackend; onObject?: (name: string, outcome: 'converted' | 'copied' | 'skipped' | 'failed') => void } = {},
  ): Promise<MigrateSummary> {
    const source = opts.from ?? this.backend;
    const sum: MigrateSummary = { scanned: 0, converted: 0, copied: 0, skipped: 0, failed: [] };
    for await (const name of source.list()) {
      sum.scanned++;
      let outcome: 'converted' | 'copied' | 'skipped' | 'failed';
      try {
        outcome = NAME_RE.test(name) ? await this.migrateOne(source, name) : 'skipped';
      } catch (err) {
        outcome = 'failed';
        sum.failed.push({ name, message: (err as Error).message });
      }
      if (outcome !== 'failed') sum[outcome]++;
      opts.onObject?.(name, outcome);
    }
    return sum;
  }

  private async migrateOne(source: BlobBackend, name: string): Promise<'converted' | 'copied' | 'skipped'> {
    const here = await this.backend.head(name, HEADER_LEN);
    if (here && here.bytes.subarray(0, MAGIC_V2.length).equals(MAGIC_V2)) {
      parseHeader(here.bytes, this.key, name); // refuses an object under another key
      return 'skipped';
    }
    const obj = await this.openIn(source, name);
    if (obj.format === 'v2') {
      // Already chunked in the other store: copy the sealed bytes as they are (they stay bound to the name).
      const probe = (await source.head(name, HEADER_LEN))!;
      const temp = await this.backend.writeTemp(await source.readRange(name, 0, probe.total - 1));
      await this.backend.commitTemp(temp, name, true);
      return 'copied';
    }
    const temp = await this.sealToTemp(await obj.stream(), new ChunkEncryptor(this.key, () => name));
    await this.backend.commitTemp(temp, name, true);
    return source === this.backend ? 'converted' : 'copied';
  }
}
