// Zip needs random access (its directory is at the end), so an uploaded zip is staged on disk first —
// encrypted with a throw-away key in AES-256-CTR, whose keystream can start at any block, so the reader
// decrypts any byte range. Plaintext seized material never touches the disk, and the key dies with the process.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { createCipheriv, randomBytes } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';

function counterIv(iv: Buffer, block: number): Buffer {
  const out = Buffer.from(iv);
  // Add `block` to the 128-bit big-endian counter.
  let carry = block;
  for (let i = 15; i >= 0 && carry > 0; i--) {
    const sum = out[i]! + (carry % 256);
    out[i] = sum & 0xff;
    carry = Math.floor(carry / 256) + (sum >> 8);
  }
  return out;
}

/** Decrypts (or encrypts: CTR is symmetric) a stream that starts at byte `start` of the object. */
function ctrAt(key: Buffer, iv: Buffer, start: number): Transform {
  const block = Math.floor(start / 16);
  const cipher = createCipheriv('aes-256-ctr', key, counterIv(iv, block));
  let skip = start - block * 16;
  if (skip) cipher.update(Buffer.alloc(skip));
  skip = 0;
  return new Transform({
    transform(chunk: Buffer, _e, cb: TransformCallback) {
      cb(null, cipher.update(chunk));
    },
    flush(cb) {
      cb(null, cipher.final());
    },
  });
}

class LimitStream extends Transform {
  size = 0;
  constructor(private readonly limit: number) {
    super();
  }
  _transform(chunk: Buffer, _e: BufferEncoding, cb: TransformCallback) {
    this.size += chunk.length;
    if (this.size > this.limit) return cb(new Error(`the archive is larger than the ${this.limit}-byte limit`));
    cb(null, chunk);
  }
}

export interface StagedFile {
  size: number;
  reader: yauzl.RandomAccessReader;
  dispose(): Promise<void>;
}

export async function stageEncrypted(input: Readable, file: string, limit: number): Promise<StagedFile> {
  const key = randomBytes(32);
  const iv = randomBytes(16);
  const counter = new LimitStream(limit);
  try {
    await pipeline(input, counter, ctrAt(key, iv, 0), fs.createWriteStream(file, { mode: 0o600 }));
  } catch (err) {
    await fsp.rm(file, { force: true });
    throw err;
  }
  const reader = new (yauzl.RandomAccessReader as unknown as new () => yauzl.RandomAccessReader)();
  (reader as unknown as { _readStreamForRange: (s: number, e: number) => Readable })._readStreamForRange = (start: number, end: number) => {
    if (end <= start) return Readable.from([]);
    const source = fs.createReadStream(file, { start, end: end - 1 });
    const plain = ctrAt(key, iv, start);
    source.on('error', (e) => plain.destroy(e));
    return source.pipe(plain);
  };
  return { size: counter.size, reader, dispose: () => fsp.rm(file, { force: true }) };
}
