// The media store's at-rest format (v2): independently authenticated chunks, so any byte range can be
// read and checked without the rest of the object, and nothing is ever held whole in memory.
//
//   header (43 B, plaintext):  MAGIC 'ICSEM2\n\0' | key id (8) | chunk size u32 BE | object id (16, random) | nonce prefix (7)
//   chunk i:                   AES-256-GCM(plaintext[i·C … (i+1)·C)) | tag (16)
//
// Each object gets its own key, HKDF-SHA256(master key, salt = object id), so a chunk moved from another
// object fails to authenticate. The nonce is prefix | i (u32 BE) | final flag, so a chunk moved within the
// object, or an object cut after a chunk that was not written as the last, fails too. Every chunk
// authenticates the header (key id, object id, chunk size); the final chunk also authenticates the
// object's name (its content address, known only once all bytes were hashed), so a whole object copied
// over another name is refused. The empty object is one final chunk with no plaintext. This is the
// layout of Tink's streaming AEAD (AES-GCM-HKDF), with the name binding added.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

export const MAGIC_V2 = Buffer.from('ICSEM2\n\0');
/** Objects written before the chunked format: MAGIC | iv (12) | one AES-256-GCM ciphertext | tag (16). */
export const MAGIC_V1 = Buffer.from('ICSEM1\n\0');
export const DEFAULT_CHUNK = 64 * 1024;
export const TAG_LEN = 16;
const KEY_ID_LEN = 8;
const OBJECT_ID_LEN = 16;
const PREFIX_LEN = 7;
export const HEADER_LEN = MAGIC_V2.length + KEY_ID_LEN + 4 + OBJECT_ID_LEN + PREFIX_LEN;
const MAX_CHUNKS = 2 ** 32;

export type MediaStoreErrorReason = 'too_large' | 'corrupt' | 'missing' | 'wrong_key' | 'range' | 'changed';
export class MediaStoreError extends Error {
  constructor(
    public readonly reason: MediaStoreErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'MediaStoreError';
  }
}

/** A short public id of a master key (HMAC of a label): says which key an object needs without revealing it. */
export function keyIdOf(key: Buffer): Buffer {
  return createHmac('sha256', key).update('icse media key id').digest().subarray(0, KEY_ID_LEN);
}

export interface ChunkHeader {
  raw: Buffer;
  keyId: Buffer;
  chunkSize: number;
  objectId: Buffer;
  noncePrefix: Buffer;
}

export function newHeader(key: Buffer, chunkSize = DEFAULT_CHUNK): ChunkHeader {
  const keyId = keyIdOf(key);
  const objectId = randomBytes(OBJECT_ID_LEN);
  const noncePrefix = randomBytes(PREFIX_LEN);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(chunkSize);
  return { raw: Buffer.concat([MAGIC_V2, keyId, size, objectId, noncePrefix]), keyId, chunkSize, objectId, noncePrefix };
}

/** Parses and checks a v2 header; `name` only words the errors. */
export function parseHeader(raw: Buffer, key: Buffer, name: string): ChunkHeader {
  if (raw.length < HEADER_LEN || !raw.subarray(0, MAGIC_V2.length).equals(MAGIC_V2))
    throw new MediaStoreError('corrupt', `${name} is not a chunked media store object (bad header)`);
  let o = MAGIC_V2.length;
  const keyId = Buffer.from(raw.subarray(o, (o += KEY_ID_LEN)));
  const chunkSize = raw.readUInt32BE(o);
  o += 4;
  const objectId = Buffer.from(raw.subarray(o, (o += OBJECT_ID_LEN)));
  const noncePrefix = Buffer.from(raw.subarray(o, (o += PREFIX_LEN)));
  const mine = keyIdOf(key);
  if (!keyId.equals(mine))
    throw new MediaStoreError('wrong_key', `${name} is encrypted under key ${keyId.toString('hex')}, not the configured media key ${mine.toString('hex')}`);
  if (chunkSize < 1024 || chunkSize > 64 * 1024 * 1024) throw new MediaStoreError('corrupt', `${name} states an impossible chunk size (${chunkSize})`);
  return { raw: Buffer.from(raw.subarray(0, HEADER_LEN)), keyId, chunkSize, objectId, noncePrefix };
}

/** Chunk count and plaintext size of a sealed object of `total` bytes; throws when no layout fits (truncated). */
export function layoutOf(total: number, chunkSize: number, name: string): { chunks: number; plainSize: number; lastSealed: number } {
  const body = total - HEADER_LEN;
  const stride = chunkSize + TAG_LEN;
  if (body < TAG_LEN) throw new MediaStoreError('corrupt', `${name} is truncated: ${total} bytes cannot hold a header and a chunk`);
  const chunks = Math.ceil(body / stride);
  const lastSealed = body - (chunks - 1) * stride;
  if (lastSealed < TAG_LEN) throw new MediaStoreError('corrupt', `${name} is truncated: its last chunk is ${lastSealed} bytes, shorter than a tag`);
  return { chunks, plainSize: body - chunks * TAG_LEN, lastSealed };
}

/** Bytes at rest of a `plainSize`-byte object. */
export function sealedSize(plainSize: number, chunkSize = DEFAULT_CHUNK): number {
  return HEADER_LEN + plainSize + Math.max(1, Math.ceil(plainSize / chunkSize)) * TAG_LEN;
}

/** Per-object key and nonce/AAD arithmetic for one header. */
export class ChunkCipher {
  private readonly subkey: Buffer;
  constructor(
    master: Buffer,
    readonly header: ChunkHeader,
    readonly name: string,
  ) {
    this.subkey = Buffer.from(hkdfSync('sha256', master, header.objectId, Buffer.concat([Buffer.from('icse media v2 '), header.keyId]), 32));
  }
  private nonce(index: number, final: boolean): Buffer {
    if (index >= MAX_CHUNKS) throw new MediaStoreError('too_large', 'the object has more chunks than the format allows');
    const n = Buffer.alloc(12);
    this.header.noncePrefix.copy(n, 0);
    n.writeUInt32BE(index, PREFIX_LEN);
    n[11] = final ? 1 : 0;
    return n;
  }
  private aad(final: boolean, name: string): Buffer {
    return final ? Buffer.concat([this.header.raw, Buffer.from(name, 'utf8')]) : this.header.raw;
  }
  /** Ciphertext and tag of chunk `index` (two buffers: no copy to join them). */
  sealParts(index: number, final: boolean, plain: Buffer, name = this.name): [Buffer, Buffer] {
    const c = createCipheriv('aes-256-gcm', this.subkey, this.nonce(index, final));
    c.setAAD(this.aad(final, name));
    const body = c.update(plain);
    c.final(); // GCM: nothing buffered
    return [body, c.getAuthTag()];
  }
  seal(index: number, final: boolean, plain: Buffer, name = this.name): Buffer {
    return Buffer.concat(this.sealParts(index, final, plain, name));
  }
  /** The chunk's plaintext, or null when it does not authenticate as chunk `index` (final or not) of `name`. */
  tryOpen(index: number, final: boolean, sealed: Buffer, name = this.name): Buffer | null {
    if (sealed.length < TAG_LEN) return null;
    const d = createDecipheriv('aes-256-gcm', this.subkey, this.nonce(index, final));
    d.setAAD(this.aad(final, name));
    d.setAuthTag(sealed.subarray(sealed.length - TAG_LEN));
    try {
      const plain = d.update(sealed.subarray(0, sealed.length - TAG_LEN));
      d.final(); // throws unless the tag matches; GCM buffers nothing
      return plain;
    } catch {
      return null;
    }
  }
  /** Opens chunk `index`, or throws an error saying what is wrong with it. */
  open(index: number, final: boolean, sealed: Buffer): Buffer {
    const plain = this.tryOpen(index, final, sealed);
    if (plain) return plain;
    if (final && this.tryOpen(index, false, sealed)) {
      throw new MediaStoreError('corrupt', `${this.name} is truncated: it ends after chunk ${index}, which was not written as its last chunk`);
    }
    if (!final && this.tryOpen(index, true, sealed)) {
      throw new MediaStoreError('corrupt', `${this.name} is damaged: chunk ${index} is a last chunk but more follow (chunks were cut and joined)`);
    }
    throw new MediaStoreError(
      'corrupt',
      final
        ? `the last chunk (${index}) of ${this.name} failed its integrity check: the object is truncated, tampered with, or stored under another object's name`
        : `chunk ${index} of ${this.name} failed its integrity check: tampered with, out of order, or taken from another object`,
    );
  }
}

/**
 * Plaintext in, sealed object out (header first). A full chunk is held until more bytes arrive, since
 * only the end of the stream says which chunk is the last; `nameAtEnd` gives the name bound into it.
 */
export class ChunkEncryptor extends Transform {
  private readonly cipher: ChunkCipher;
  private readonly acc: Buffer;
  private fill = 0;
  private index = 0;
  private started = false;
  constructor(
    master: Buffer,
    private readonly nameAtEnd: () => string,
    chunkSize = DEFAULT_CHUNK,
  ) {
    super();
    this.cipher = new ChunkCipher(master, newHeader(master, chunkSize), '');
    this.acc = Buffer.allocUnsafe(chunkSize);
  }
  private start() {
    if (!this.started) {
      this.started = true;
      this.push(this.cipher.header.raw);
    }
  }
  _transform(data: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
    try {
      this.start();
      let off = 0;
      while (off < data.length) {
        if (this.fill === this.acc.length) {
          // More bytes follow, so the held chunk is not the last.
          for (const part of this.cipher.sealParts(this.index++, false, this.acc)) this.push(part);
          this.fill = 0;
        }
        const n = Math.min(this.acc.length - this.fill, data.length - off);
        data.copy(this.acc, this.fill, off, off + n);
        this.fill += n;
        off += n;
      }
      cb();
    } catch (err) {
      cb(err as Error);
    }
  }
  _flush(cb: TransformCallback) {
    try {
      this.start();
      for (const part of this.cipher.sealParts(this.index++, true, this.acc.subarray(0, this.fill), this.nameAtEnd())) this.push(part);
      cb();
    } catch (err) {
      cb(err as Error);
    }
  }
}

export interface ChunkSpan {
  /** First chunk in the sealed bytes fed to the decryptor. */
  firstChunk: number;
  /** Chunks in the whole object (the last one is final). */
  chunks: number;
  /** Sealed size of the object's last chunk. */
  lastSealed: number;
  /** Plaintext bytes to drop from the first chunk, then bytes to emit. */
  skip: number;
  take: number;
}

/** The chunks and sealed byte range (inclusive) that hold plaintext bytes [start, end]. */
export function spanOf(
  header: ChunkHeader,
  layout: { chunks: number; lastSealed: number },
  total: number,
  start: number,
  end: number,
): ChunkSpan & { from: number; to: number } {
  const c = header.chunkSize;
  const stride = c + TAG_LEN;
  const first = Math.floor(start / c);
  const last = end < start ? first : Math.min(layout.chunks - 1, Math.floor(end / c));
  return {
    firstChunk: first,
    chunks: layout.chunks,
    lastSealed: layout.lastSealed,
    skip: start - first * c,
    take: Math.max(0, end - start + 1),
    from: HEADER_LEN + first * stride,
    to: Math.min(total, HEADER_LEN + (last + 1) * stride) - 1,
  };
}

/** Sealed chunks in (starting at span.firstChunk), authenticated plaintext out, trimmed to the span. */
export class ChunkDecryptor extends Transform {
  private readonly stride: number;
  private readonly acc: Buffer;
  private fill = 0;
  private index: number;
  private skip: number;
  private left: number;
  constructor(
    private readonly cipher: ChunkCipher,
    private readonly span: ChunkSpan,
  ) {
    super();
    this.stride = cipher.header.chunkSize + TAG_LEN;
    this.acc = Buffer.allocUnsafe(this.stride);
    this.index = span.firstChunk;
    this.skip = span.skip;
    this.left = span.take;
  }
  private expected(): number {
    return this.index === this.span.chunks - 1 ? this.span.lastSealed : this.stride;
  }
  private release() {
    const final = this.index === this.span.chunks - 1;
    const plain = this.cipher.open(this.index, final, this.acc.subarray(0, this.fill));
    this.index++;
    this.fill = 0;
    const part = plain.subarray(Math.min(this.skip, plain.length), Math.min(plain.length, this.skip + this.left));
    this.skip = Math.max(0, this.skip - plain.length);
    this.left -= part.length;
    if (part.length) this.push(part);
  }
  _transform(data: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
    try {
      let off = 0;
      while (off < data.length) {
        if (this.index >= this.span.chunks) throw new MediaStoreError('corrupt', `${this.cipher.name} holds bytes after its last chunk`);
        const want = this.expected();
        const n = Math.min(want - this.fill, data.length - off);
        data.copy(this.acc, this.fill, off, off + n);
        this.fill += n;
        off += n;
        if (this.fill === want) this.release();
      }
      cb();
    } catch (err) {
      cb(err as Error);
    }
  }
  _flush(cb: TransformCallback) {
    if (this.fill > 0 || this.left > 0)
      return cb(new MediaStoreError('corrupt', `${this.cipher.name} ended early (chunk ${this.index} is incomplete): the object changed or is truncated`));
    cb();
  }
}
