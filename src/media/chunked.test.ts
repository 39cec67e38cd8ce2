// The chunked at-rest format through the local backend: round trips at the chunk-size edges, byte ranges,
// and every way of rearranging sealed bytes (tamper, truncate, reorder, swap between objects) refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { MediaStore } from './store.js';
import { DEFAULT_CHUNK, HEADER_LEN, MAGIC_V1, MAGIC_V2, TAG_LEN, sealedSize } from './chunked.js';
import { parseRange } from './range.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icse-chunked-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const key = randomBytes(32);
const store = new MediaStore(dir, key);
const C = DEFAULT_CHUNK;
const STRIDE = C + TAG_LEN;
const file = (name: string) => path.join(dir, 'media', name.slice(0, 2), name.slice(2, 4), name);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function readAll(s: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts);
}
async function readRange(name: string, start?: number, end?: number): Promise<Buffer> {
  return readAll(await store.createReadStream(name, '', start, end));
}
/** Stores `data` fed in uneven pieces; returns its name. */
async function put(data: Buffer): Promise<string> {
  const pieces: Buffer[] = [];
  for (let o = 0; o < data.length;) {
    const n = 1 + ((o * 7919) % 100_003);
    pieces.push(data.subarray(o, o + n));
    o += n;
  }
  const r = await store.put(Readable.from(pieces));
  expect(r.sha256).toBe(sha(data));
  expect(r.size).toBe(data.length);
  return r.sha256;
}

describe('chunked media format', () => {
  it.each([0, 1, C - 1, C, C + 1, 2 * C, 3 * 1024 * 1024 + 17])('round-trips %i bytes, sealed in the stated size', async (n) => {
    const data = randomBytes(n);
    const name = await put(data);
    const raw = fs.readFileSync(file(name));
    expect(raw.subarray(0, MAGIC_V2.length).equals(MAGIC_V2)).toBe(true);
    expect(raw.length).toBe(sealedSize(n));
    if (n >= 64) expect(raw.includes(data.subarray(0, 64))).toBe(false);
    const o = await store.open(name);
    expect(o.size).toBe(n);
    expect((await readRange(name)).equals(data)).toBe(true);
    expect((await store.read(name)).equals(data)).toBe(true);
  });

  it('reads byte ranges inside a chunk, across chunk boundaries, and at the end', async () => {
    const data = randomBytes(5 * C + 123);
    const name = await put(data);
    for (const [a, b] of [
      [0, 0],
      [0, C - 1],
      [C - 5, C + 5],
      [C, C],
      [3, 4 * C + 7],
      [5 * C, 5 * C + 122],
      [5 * C + 122, 5 * C + 122],
      [0, data.length - 1],
    ] as const) {
      expect((await readRange(name, a, b)).equals(data.subarray(a, b + 1)), `${a}-${b}`).toBe(true);
    }
    await expect(store.createReadStream(name, '', 0, data.length)).rejects.toThrow(/outside the/);
    // Chunks are independent: damage to chunk 4 does not stop a range in chunk 1.
    const raw = fs.readFileSync(file(name));
    raw[HEADER_LEN + 4 * STRIDE + 10] ^= 0x40;
    fs.writeFileSync(file(name), raw);
    expect((await readRange(name, C + 1, 2 * C)).equals(data.subarray(C + 1, 2 * C + 1))).toBe(true);
    await expect(readRange(name, 4 * C, 4 * C + 5)).rejects.toThrow(/chunk 4 of [0-9a-f]{64} failed its integrity check/);
  });

  it('refuses a tampered chunk with the chunk number', async () => {
    const name = await put(randomBytes(3 * C));
    const raw = fs.readFileSync(file(name));
    raw[HEADER_LEN + STRIDE + 100] ^= 1;
    fs.writeFileSync(file(name), raw);
    await expect(readRange(name)).rejects.toThrow(
      /chunk 1 of [0-9a-f]{64} failed its integrity check: tampered with, out of order, or taken from another object/,
    );
  });

  it('refuses a tampered header (chunk size, object id) and an object under another key', async () => {
    const name = await put(randomBytes(2 * C + 9));
    const good = fs.readFileSync(file(name));
    const objectIdAt = MAGIC_V2.length + 8 + 4;
    const bad = Buffer.from(good);
    bad[objectIdAt] ^= 1;
    fs.writeFileSync(file(name), bad);
    await expect(store.open(name)).rejects.toThrow(/last chunk \(2\) of .* failed its integrity check/);
    const other = new MediaStore(dir, randomBytes(32));
    fs.writeFileSync(file(name), good);
    await expect(other.open(name)).rejects.toThrow(/is encrypted under key [0-9a-f]{16}, not the configured media key [0-9a-f]{16}/);
  });

  it('refuses an object truncated at a chunk boundary, inside a chunk, or inside the header', async () => {
    const name = await put(randomBytes(3 * C + 500));
    const raw = fs.readFileSync(file(name));
    fs.writeFileSync(file(name), raw.subarray(0, HEADER_LEN + 2 * STRIDE)); // the last chunk dropped
    await expect(store.open(name)).rejects.toThrow(/is truncated: it ends after chunk 1, which was not written as its last chunk/);
    fs.writeFileSync(file(name), raw.subarray(0, raw.length - 100));
    await expect(store.open(name)).rejects.toThrow(/last chunk \(3\) .* failed its integrity check: the object is truncated/);
    fs.writeFileSync(file(name), raw.subarray(0, HEADER_LEN + 5));
    await expect(store.open(name)).rejects.toThrow(/is truncated: \d+ bytes cannot hold a header and a chunk/);
    fs.writeFileSync(file(name), raw.subarray(0, 20));
    await expect(store.open(name)).rejects.toThrow(/not a chunked media store object/);
  });

  it('refuses reordered chunks', async () => {
    const name = await put(randomBytes(3 * C + 1));
    const raw = fs.readFileSync(file(name));
    const c0 = raw.subarray(HEADER_LEN, HEADER_LEN + STRIDE);
    const c1 = raw.subarray(HEADER_LEN + STRIDE, HEADER_LEN + 2 * STRIDE);
    fs.writeFileSync(file(name), Buffer.concat([raw.subarray(0, HEADER_LEN), c1, c0, raw.subarray(HEADER_LEN + 2 * STRIDE)]));
    await expect(readRange(name)).rejects.toThrow(/chunk 0 of [0-9a-f]{64} failed its integrity check/);
    await expect(readRange(name, C, C + 10)).rejects.toThrow(/chunk 1 of [0-9a-f]{64} failed its integrity check/);
  });

  it('refuses chunks swapped in from another object, and a whole object stored under another name', async () => {
    const a = await put(randomBytes(2 * C + 50));
    const b = await put(randomBytes(2 * C + 50));
    const ra = fs.readFileSync(file(a));
    const rb = fs.readFileSync(file(b));
    const mixed = Buffer.from(ra);
    rb.copy(mixed, HEADER_LEN, HEADER_LEN, HEADER_LEN + STRIDE); // b's chunk 0 into a
    fs.writeFileSync(file(a), mixed);
    await expect(readRange(a, 0, 10)).rejects.toThrow(
      /chunk 0 of [0-9a-f]{64} failed its integrity check: tampered with, out of order, or taken from another object/,
    );
    // b's whole (valid) object copied over a's name: its last chunk is bound to b's name.
    fs.writeFileSync(file(a), rb);
    await expect(store.open(a)).rejects.toThrow(/stored under another object's name/);
    await expect(readRange(a, 0, 10)).rejects.toThrow(/stored under another object's name/);
  });

  it('refuses a last chunk cut out of the middle (a final chunk followed by more)', async () => {
    const name = await put(randomBytes(C + 10));
    const raw = fs.readFileSync(file(name));
    const final = raw.subarray(HEADER_LEN + STRIDE);
    // Pad the 26-byte final chunk into a full stride and append it again: chunk 1 is then final but not last.
    const forged = Buffer.concat([raw.subarray(0, HEADER_LEN + STRIDE), final, Buffer.alloc(STRIDE - final.length), final]);
    fs.writeFileSync(file(name), forged);
    await expect(readRange(name)).rejects.toThrow(/integrity check|cut and joined/);
  });

  it('thumbnails (derived objects) use the same format and bind their own name', async () => {
    const base = sha(randomBytes(8));
    await store.putDerived(base, '.thumb', Buffer.from('jpeg bytes'));
    expect((await store.read(base, '.thumb')).toString()).toBe('jpeg bytes');
    expect(await store.has(base, '.thumb')).toBe(true);
    expect(await store.has(base, '.other')).toBe(false);
  });
});

describe('HTTP ranges', () => {
  it('parses single ranges, suffixes, open ends; ignores multi-ranges; refuses ranges past the end', () => {
    expect(parseRange(undefined, 100)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=0-9', 100)).toEqual({ kind: 'partial', start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(parseRange('bytes=90-500', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(parseRange('bytes=-1000', 100)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(parseRange('bytes=0-1,5-6', 100)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('items=0-5', 100)).toEqual({ kind: 'whole' });
  });
});

/** An object as the one-blob store (v1) wrote it. */
function sealV1(plain: Buffer): Buffer {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([MAGIC_V1, iv, body, c.getAuthTag()]);
}
function writeV1(plain: Buffer): string {
  const name = sha(plain);
  fs.mkdirSync(path.dirname(file(name)), { recursive: true });
  fs.writeFileSync(file(name), sealV1(plain));
  return name;
}

describe('v1 objects and migration', () => {
  it('reads v1 objects (small and streamed), ranges included', async () => {
    const small = randomBytes(1000);
    const big = randomBytes(700_000);
    const s = writeV1(small);
    const b = writeV1(big);
    expect((await store.read(s)).equals(small)).toBe(true);
    expect((await store.open(b)).format).toBe('v1');
    expect((await readRange(b)).equals(big)).toBe(true);
    expect((await readRange(b, 5000, 300_000)).equals(big.subarray(5000, 300_001))).toBe(true);
    const raw = fs.readFileSync(file(b));
    raw[500_000] ^= 1;
    fs.writeFileSync(file(b), raw);
    await expect(readRange(b)).rejects.toThrow(/failed its integrity check/);
  });

  it('a reader of an object rewritten meanwhile (migration) gets a clear error, never chunks of two versions', async () => {
    const plain = randomBytes(400_000);
    const name = writeV1(plain);
    const opened = await store.open(name);
    expect(opened.format).toBe('v1');
    await store.migrate();
    await expect(opened.stream(0, 10)).rejects.toThrow(/was rewritten while it was being read .*: read it again/);
    const fresh = await store.open(name);
    expect(fresh.format).toBe('v2');
    expect((await readAll(await fresh.stream(1000, 300_000))).equals(plain.subarray(1000, 300_001))).toBe(true);
  });

  it('migrates v1 objects in place, resumably and idempotently, and keeps one that fails its check', async () => {
    const mdir = fs.mkdtempSync(path.join(dir, 'migrate-'));
    const mstore = new MediaStore(mdir, key);
    const mfile = (name: string) => path.join(mdir, 'media', name.slice(0, 2), name.slice(2, 4), name);
    const plains = [0, 10, C, 3 * C + 7, 400_000].map((n) => randomBytes(n));
    const names = plains.map((p) => {
      const name = sha(p);
      fs.mkdirSync(path.dirname(mfile(name)), { recursive: true });
      fs.writeFileSync(mfile(name), sealV1(p));
      return name;
    });
    const broken = sha(Buffer.from('broken'));
    const bad = sealV1(Buffer.from('broken'));
    bad[bad.length - 1] ^= 1;
    fs.mkdirSync(path.dirname(mfile(broken)), { recursive: true });
    fs.writeFileSync(mfile(broken), bad);
    const already = (await mstore.put(randomBytes(5000))).sha256;
    // A run killed after two objects (the callback throws like a kill between objects).
    let seen = 0;
    await expect(
      mstore.migrate({
        onObject: () => {
          if (++seen === 2) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    const afterKill = names.filter((n) => fs.readFileSync(mfile(n)).subarray(0, 8).equals(MAGIC_V2)).length;
    expect(afterKill).toBeGreaterThanOrEqual(1);
    expect(afterKill).toBeLessThan(names.length);
    const second = await mstore.migrate();
    expect(second.scanned).toBe(names.length + 2);
    expect(second.converted).toBe(names.length - afterKill);
    expect(second.skipped).toBe(afterKill + 1);
    expect(second.failed).toEqual([{ name: broken, message: expect.stringMatching(/failed its integrity check/) }]);
    for (const [i, n] of names.entries()) {
      expect(fs.readFileSync(mfile(n)).subarray(0, 8).equals(MAGIC_V2)).toBe(true);
      expect((await mstore.read(n)).equals(plains[i]!)).toBe(true);
    }
    expect(fs.readFileSync(mfile(broken)).equals(bad)).toBe(true); // kept as it was, for a person to look at
    expect(fs.readdirSync(path.join(mdir, 'media', 'tmp'))).toEqual([]);
    const third = await mstore.migrate();
    expect(third).toMatchObject({ converted: 0, copied: 0, skipped: names.length + 1 });
    expect(already).toMatch(/^[0-9a-f]{64}$/);
  });
});
