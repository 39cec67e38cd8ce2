import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { MediaStore, loadMediaKey } from './store.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icse-store-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('media store', () => {
  it('creates a 0600 key file once and reuses it', () => {
    const k1 = loadMediaKey(dir, null);
    const k2 = loadMediaKey(dir, null);
    expect(k1.equals(k2)).toBe(true);
    expect(fs.statSync(path.join(dir, 'media.key')).mode & 0o777).toBe(0o600);
    expect(loadMediaKey(dir, 'ab'.repeat(32)).toString('hex')).toBe('ab'.repeat(32));
  });

  it('stores content-addressed, encrypted, and reads back authenticated plaintext', async () => {
    const store = new MediaStore(dir, loadMediaKey(dir, null));
    const data = randomBytes(300_000);
    const sha = createHash('sha256').update(data).digest('hex');
    const r = await store.put(Readable.from([data.subarray(0, 1000), data.subarray(1000)]));
    expect(r).toMatchObject({ sha256: sha, size: data.length, existed: false, md5: createHash('md5').update(data).digest('hex') });
    const file = path.join(dir, 'media', sha.slice(0, 2), sha.slice(2, 4), sha);
    const raw = fs.readFileSync(file);
    expect(raw.includes(data.subarray(0, 64))).toBe(false); // not plaintext at rest
    expect((await store.read(sha)).equals(data)).toBe(true);
    expect((await store.put(data)).existed).toBe(true);
    expect(fs.readdirSync(path.join(dir, 'media', 'tmp'))).toEqual([]);
    // Tampering is detected.
    raw[raw.length - 20] ^= 1;
    fs.writeFileSync(file, raw);
    await expect(store.read(sha)).rejects.toThrow(/integrity/);
    // Another key cannot read, and says so.
    const other = new MediaStore(dir, randomBytes(32));
    await other.putDerived(sha, '.thumb', Buffer.from('x'));
    await expect(store.read(sha, '.thumb')).rejects.toThrow(/encrypted under key [0-9a-f]{16}, not the configured media key/);
  });

  it('refuses objects over the limit and leaves no temp file', async () => {
    const store = new MediaStore(dir, loadMediaKey(dir, null));
    await expect(store.put(randomBytes(5000), { limit: 1000 })).rejects.toThrow(/limit/);
    expect(fs.readdirSync(path.join(dir, 'media', 'tmp'))).toEqual([]);
  });
});
