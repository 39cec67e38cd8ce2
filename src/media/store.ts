// Encrypted, content-addressed media store. Objects live under <dataDir>/media/ab/cd/<sha256> as
// MAGIC | iv(12) | AES-256-GCM ciphertext | tag(16). Writes stream into a temp file, hashing the plaintext
// on the way, then rename atomically to their content address: re-storing the same bytes is a no-op.
// Plaintext never touches the disk; callers get bytes or streams, never paths.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const MAGIC = Buffer.from('ICSEM1\n\0');
const IV_LEN = 12;
const TAG_LEN = 16;
const HEADER_LEN = MAGIC.length + IV_LEN;
const SHA256_RE = /^[0-9a-f]{64}$/;

export interface StoredObject { sha256: string; md5: string; sha1: string; size: number; existed: boolean }

export class MediaStoreError extends Error {
  constructor(public readonly reason: 'too_large' | 'corrupt' | 'missing', message: string) { super(message); this.name = 'MediaStoreError'; }
}

/** Loads the media key: the configured hex key, else <dataDir>/media.key (created 0600 on first use). */
export function loadMediaKey(dataDir: string, configured: string | null): Buffer {
  if (configured) return Buffer.from(configured, 'hex');
  const file = path.join(dataDir, 'media.key');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString('hex') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const hex = fs.readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`${file} does not hold a 64-hex-character key`);
  return Buffer.from(hex, 'hex');
}

/** Hashes (sha256, md5, sha1) and counts bytes as they pass, and stops a stream over `limit` bytes. */
class HashingCounter extends Transform {
  readonly sha256 = createHash('sha256');
  readonly md5 = createHash('md5');
  readonly sha1 = createHash('sha1');
  size = 0;
  constructor(private readonly limit: number) { super(); }
  _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
    this.size += chunk.length;
    if (this.size > this.limit) return cb(new MediaStoreError('too_large', `the file is larger than the ${this.limit}-byte limit`));
    this.sha256.update(chunk); this.md5.update(chunk); this.sha1.update(chunk);
    cb(null, chunk);
  }
}

export class MediaStore {
  readonly root: string;
  private readonly tmpDir: string;
  private tmpSeq = 0;

  constructor(dataDir: string, private readonly key: Buffer, private readonly maxObjectBytes = 8 * 1024 ** 3) {
    if (key.length !== 32) throw new Error('the media key must be 32 bytes');
    this.root = path.join(dataDir, 'media');
    this.tmpDir = path.join(this.root, 'tmp');
    fs.mkdirSync(this.tmpDir, { recursive: true, mode: 0o700 });
  }

  private objectPath(name: string): string {
    return path.join(this.root, name.slice(0, 2), name.slice(2, 4), name);
  }
  private static checkName(sha256: string, suffix = ''): string {
    if (!SHA256_RE.test(sha256)) throw new MediaStoreError('missing', 'not a SHA-256 content address');
    return sha256 + suffix;
  }
  private tmpPath(): string {
    return path.join(this.tmpDir, `${process.pid}-${Date.now()}-${++this.tmpSeq}-${randomBytes(4).toString('hex')}`);
  }

  /** Streams `input` into the store; returns its hashes. Storing bytes already held is a no-op. */
  async put(input: NodeJS.ReadableStream | Buffer, opts: { limit?: number } = {}): Promise<StoredObject> {
    const tmp = this.tmpPath();
    const iv = randomBytes(IV_LEN);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const counter = new HashingCounter(opts.limit ?? this.maxObjectBytes);
    const out = fs.createWriteStream(tmp, { mode: 0o600 });
    out.write(Buffer.concat([MAGIC, iv]));
    const source = Buffer.isBuffer(input) ? Readable.from([input]) : (input as Readable);
    try {
      await pipeline(source, counter, cipher, out, { end: false });
      await new Promise<void>((resolve, reject) => out.end(cipher.getAuthTag(), (err?: Error | null) => (err ? reject(err) : resolve())));
    } catch (err) {
      out.destroy();
      await fsp.rm(tmp, { force: true });
      throw err;
    }
    const sha256 = counter.sha256.digest('hex');
    const result = { sha256, md5: counter.md5.digest('hex'), sha1: counter.sha1.digest('hex'), size: counter.size };
    const existed = await this.commit(tmp, sha256);
    return { ...result, existed };
  }

  /** Stores a derived object (e.g. a thumbnail) under `<sha256><suffix>`. */
  async putDerived(sha256: string, suffix: string, bytes: Buffer): Promise<void> {
    const name = MediaStore.checkName(sha256, suffix);
    const tmp = this.tmpPath();
    await fsp.writeFile(tmp, this.seal(bytes), { mode: 0o600 });
    await this.commit(tmp, name);
  }

  private async commit(tmp: string, name: string): Promise<boolean> {
    const dest = this.objectPath(name);
    if (fs.existsSync(dest)) { await fsp.rm(tmp, { force: true }); return true; }
    await fsp.mkdir(path.dirname(dest), { recursive: true, mode: 0o700 });
    await fsp.rename(tmp, dest);
    return false;
  }

  seal(plain: Buffer): Buffer {
    const iv = randomBytes(IV_LEN);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([MAGIC, iv, body, cipher.getAuthTag()]);
  }

  open(sealed: Buffer): Buffer {
    if (sealed.length < HEADER_LEN + TAG_LEN || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) throw new MediaStoreError('corrupt', 'not a media store object');
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(MAGIC.length, HEADER_LEN));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_LEN));
    try {
      return Buffer.concat([decipher.update(sealed.subarray(HEADER_LEN, sealed.length - TAG_LEN)), decipher.final()]);
    } catch {
      throw new MediaStoreError('corrupt', 'the stored object failed its integrity check');
    }
  }

  has(sha256: string, suffix = ''): boolean {
    return fs.existsSync(this.objectPath(MediaStore.checkName(sha256, suffix)));
  }

  /** The decrypted bytes, authenticated before they are returned. */
  async read(sha256: string, suffix = ''): Promise<Buffer> {
    const file = this.objectPath(MediaStore.checkName(sha256, suffix));
    let sealed: Buffer;
    try {
      sealed = await fsp.readFile(file);
    } catch {
      throw new MediaStoreError('missing', 'the object is not in the media store');
    }
    return this.open(sealed);
  }

  async remove(sha256: string, suffix = ''): Promise<void> {
    await fsp.rm(this.objectPath(MediaStore.checkName(sha256, suffix)), { force: true });
  }

  /** Temp files left by a crash are garbage: nothing refers to them. */
  async sweepTemp(olderThanMs = 60 * 60_000): Promise<number> {
    let removed = 0;
    for (const f of await fsp.readdir(this.tmpDir).catch(() => [] as string[])) {
      const p = path.join(this.tmpDir, f);
      const st = await fsp.stat(p).catch(() => null);
      if (st && Date.now() - st.mtimeMs > olderThanMs) { await fsp.rm(p, { force: true }); removed++; }
    }
    return removed;
  }

  /** A scratch file name inside the store's private temp area (for staging archives). */
  scratchPath(): string { return this.tmpPath(); }
}
