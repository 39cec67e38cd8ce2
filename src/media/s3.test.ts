// The S3 backend with the real @aws-sdk/client-s3 against s3rver on a loopback port: multipart streaming
// writes, content-addressed dedup, ranges, listing, temporaries, migration from a local store, and the
// configuration (ICSE_MEDIA_STORE + the standard AWS variables).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { MediaStore, openMediaStore } from './store.js';
import { S3Backend, parseS3Url } from './s3.js';
import { ChunkEncryptor, MAGIC_V1, MAGIC_V2 } from './chunked.js';
import { loadConfig } from '../config.js';
import { startS3rver, type TestS3 } from '../testing/s3.js';
import { createCipheriv } from 'node:crypto';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icse-s3-'));
const key = randomBytes(32);
let server: TestS3;
let env: Record<string, string>;
let store: MediaStore;
let backend: S3Backend;

beforeAll(async () => {
  server = await startS3rver(path.join(dir, 's3rver'));
  env = server.env;
  // The SDK's credential chain reads the process environment.
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' });
  backend = S3Backend.fromEnv(parseS3Url('s3://icse-media/prod/media')!, env);
  store = new MediaStore(path.join(dir, 'data'), key, 1024 ** 3, backend);
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function readAll(s: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts);
}
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('S3 media backend (s3rver)', () => {
  it('parses s3:// URLs and takes them from ICSE_MEDIA_STORE', () => {
    expect(parseS3Url('s3://icse-media/prod/media/')).toEqual({ bucket: 'icse-media', prefix: 'prod/media/' });
    expect(parseS3Url('s3://icse-media')).toEqual({ bucket: 'icse-media', prefix: '' });
    expect(parseS3Url('s3://Bad_Bucket/x')).toBeNull();
    expect(parseS3Url('s3://bucket/../x')).toBeNull();
    expect(loadConfig({ ICSE_MEDIA_STORE: 's3://icse-media/prod' }).mediaStoreUrl).toBe('s3://icse-media/prod');
    expect(loadConfig({ ICSE_MEDIA_STORE: 'local' }).mediaStoreUrl).toBeNull();
    expect(() => loadConfig({ ICSE_MEDIA_STORE: 'ftp://x' })).toThrow(/ICSE_MEDIA_STORE="ftp:\/\/x" must be 'local' or s3:\/\/bucket\/prefix/);
  });

  it('streams a multipart upload (20 MiB) under its content address, sealed, and reads any range back', async () => {
    const data = randomBytes(20 * 1024 * 1024 + 3);
    const pieces: Buffer[] = [];
    for (let o = 0; o < data.length; o += 1_000_003) pieces.push(data.subarray(o, o + 1_000_003));
    const r = await store.put(Readable.from(pieces));
    expect(r).toMatchObject({ sha256: sha(data), size: data.length, existed: false });
    // At rest: the chunked format under prefix/ab/cd/<sha256>, no plaintext.
    const key = `prod/media/${r.sha256.slice(0, 2)}/${r.sha256.slice(2, 4)}/${r.sha256}`;
    const head = await backend.client.send(new GetObjectCommand({ Bucket: 'icse-media', Key: key, Range: 'bytes=0-4095' }));
    const raw = Buffer.from(await head.Body!.transformToByteArray());
    expect(raw.subarray(0, 8).equals(MAGIC_V2)).toBe(true);
    expect(raw.includes(data.subarray(0, 32))).toBe(false);
    expect((await readAll(await store.createReadStream(r.sha256))).equals(data)).toBe(true);
    for (const [a, b] of [
      [0, 9],
      [65_530, 65_560],
      [10 * 1024 * 1024, 12 * 1024 * 1024],
      [data.length - 1, data.length - 1],
    ] as const) {
      expect((await readAll(await store.createReadStream(r.sha256, '', a, b))).equals(data.subarray(a, b + 1))).toBe(true);
    }
    expect((await store.put(data)).existed).toBe(true);
    // No temporaries left behind.
    const tmp = await backend.client.send(new ListObjectsV2Command({ Bucket: 'icse-media', Prefix: 'prod/media/tmp/' }));
    expect(tmp.Contents ?? []).toEqual([]);
  });

  it('stores small and empty objects and thumbnails; says what is missing; removes', async () => {
    const empty = await store.put(Buffer.alloc(0));
    expect(empty.sha256).toBe(sha(Buffer.alloc(0)));
    expect((await store.read(empty.sha256)).length).toBe(0);
    await store.putDerived(empty.sha256, '.thumb', Buffer.from('thumb'));
    expect((await store.read(empty.sha256, '.thumb')).toString()).toBe('thumb');
    expect(await store.has(empty.sha256, '.thumb')).toBe(true);
    const absent = sha(Buffer.from('absent'));
    expect(await store.has(absent)).toBe(false);
    await expect(store.open(absent)).rejects.toThrow(/not in the media store/);
    await store.remove(empty.sha256, '.thumb');
    expect(await store.has(empty.sha256, '.thumb')).toBe(false);
  });

  it('a failed upload (over the limit) leaves nothing; stale temporaries are swept', async () => {
    await expect(store.put(randomBytes(20_000), { limit: 10_000 })).rejects.toThrow(/larger than the 10000-byte limit/);
    const listTmp = async () => (await backend.client.send(new ListObjectsV2Command({ Bucket: 'icse-media', Prefix: 'prod/media/tmp/' }))).Contents ?? [];
    expect(await listTmp()).toEqual([]);
    await backend.writeTemp(Readable.from([Buffer.from('half written')]));
    expect((await listTmp()).length).toBe(1);
    expect(await store.sweepTemp(60_000)).toBe(0);
    expect(await store.sweepTemp(-1)).toBe(1);
    expect(await listTmp()).toEqual([]);
  });

  it('migrates a local store (v1 and chunked objects) into the bucket, resumably', async () => {
    const localDir = path.join(dir, 'old');
    const local = new MediaStore(localDir, key);
    const chunked = await local.put(randomBytes(100_000));
    const plain = randomBytes(300_000);
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, iv);
    const v1 = Buffer.concat([MAGIC_V1, iv, c.update(plain), c.final(), c.getAuthTag()]);
    const v1Name = sha(plain);
    fs.mkdirSync(path.join(localDir, 'media', v1Name.slice(0, 2), v1Name.slice(2, 4)), { recursive: true });
    fs.writeFileSync(path.join(localDir, 'media', v1Name.slice(0, 2), v1Name.slice(2, 4), v1Name), v1);
    const first = await store.migrate({ from: local.backend });
    expect(first).toMatchObject({ scanned: 2, copied: 2, failed: [] });
    expect((await store.read(v1Name)).equals(plain)).toBe(true);
    expect((await store.open(v1Name)).format).toBe('v2');
    expect((await store.read(chunked.sha256)).equals(await local.read(chunked.sha256))).toBe(true);
    expect(await store.migrate({ from: local.backend })).toMatchObject({ scanned: 2, copied: 0, skipped: 2 });
    // A reader that opened an object before it was replaced gets a clear error (If-Match on its ETag).
    const opened = await store.open(v1Name); // 300 kB: read by ranges, not held in memory
    await store.migrate({ from: local.backend }); // skipped: nothing changes
    expect((await readAll(await opened.stream(0, 99))).equals(plain.subarray(0, 100))).toBe(true);
    const temp = await backend.writeTemp(Readable.from([plain]).pipe(new ChunkEncryptor(key, () => v1Name)));
    await backend.commitTemp(temp, v1Name, true); // the same plaintext sealed again: another object id and ETag
    // AWS S3, MinIO and Ceph refuse the ranged GET (412); s3rver ignores If-Match, and the chunk check catches it.
    await expect(opened.stream(0, 99).then(readAll)).rejects.toThrow(/was rewritten while it was being read/);
    expect((await store.read(v1Name)).equals(plain)).toBe(true);
  });

  it('openMediaStore builds the S3 store from the configuration', async () => {
    const s = await openMediaStore(
      { dataDir: path.join(dir, 'cfg'), mediaKey: key.toString('hex'), uploadLimitBytes: 1e6, mediaStoreUrl: 's3://icse-media/prod/media' },
      env,
    );
    expect(s.backend.description).toBe('s3://icse-media/prod/media/');
    const r = await s.put(Buffer.from('configured'));
    expect((await store.read(r.sha256)).toString()).toBe('configured');
  });
});
