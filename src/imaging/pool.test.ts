// Worker pool: real worker threads running the TypeScript worker under vitest.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HashPool, ImageDecodeError, hashFiles, hashImage, mapOrdered } from './index.js';
import { patternRgb, tempDir } from './test-images.js';

const tmp = tempDir('icse-pool-');
const files: string[] = [];
beforeAll(async () => {
  for (let i = 0; i < 6; i++) {
    const w = 60 + i * 13,
      h = 40 + i * 7;
    const f = path.join(tmp.dir, `img-${i}.${i % 2 ? 'png' : 'jpg'}`);
    const s = sharp(Buffer.from(patternRgb(w, h, i + 1)), { raw: { width: w, height: h, channels: 3 } });
    writeFileSync(f, await (i % 2 ? s.png() : s.jpeg()).toBuffer());
    files.push(f);
  }
  writeFileSync(path.join(tmp.dir, 'bad.jpg'), 'not an image at all');
});
afterAll(() => tmp.cleanup());

describe('HashPool', () => {
  it('hashes in 2 worker threads with results identical to in-process hashImage', async () => {
    const pool = new HashPool({ size: 2, hashOptions: { dihedral: true } });
    try {
      const results = await Promise.all(files.map((f) => pool.hash(f)));
      for (let i = 0; i < files.length; i++) {
        expect(results[i]).toEqual(await hashImage(files[i]!, { dihedral: true }));
      }
      // A failing file rejects with a typed error and does not break the pool.
      const bad = path.join(tmp.dir, 'bad.jpg');
      const err = await pool.hash(bad).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ImageDecodeError);
      expect(err).toMatchObject({ reason: 'unsupported', path: bad, message: 'not an image (unrecognised format)' });
      expect((await pool.hash(files[0]!, { dihedral: false })).dihedral).toBeUndefined();
    } finally {
      await pool.close();
    }
    await expect(pool.hash(files[0]!)).rejects.toThrow(/closed/);
  });

  it('defaults to os.availableParallelism() workers and validates size', async () => {
    const { availableParallelism } = await import('node:os');
    const pool = new HashPool();
    expect(pool.size).toBe(availableParallelism());
    await pool.close();
    expect(() => new HashPool({ size: 0 })).toThrow(RangeError);
  });

  it('a worker that cannot start fails the queued work instead of respawning forever', async () => {
    const pool = new HashPool({ size: 2, workerEntry: new URL('./no-such-worker.ts', import.meta.url) });
    try {
      const outcomes = await Promise.all(
        files.slice(0, 3).map((f) =>
          pool.hash(f).then(
            () => 'ok',
            (e: Error) => e.message,
          ),
        ),
      );
      for (const o of outcomes) expect(o).toMatch(/hashing worker failed to start/);
    } finally {
      await pool.close();
    }
  });

  it('close() rejects queued work', async () => {
    const pool = new HashPool({ size: 1 });
    const pending = files.map((f) =>
      pool.hash(f).then(
        () => 'ok',
        (e: ImageDecodeError) => e.message,
      ),
    );
    await pool.close();
    const outcomes = await Promise.all(pending);
    expect(outcomes.some((o) => /closed/.test(o))).toBe(true);
  });
});

describe('ordered batch helpers', () => {
  it('hashFiles yields in input order, errors inline, same results for 1 and 2 jobs', async () => {
    const input = [files[3]!, path.join(tmp.dir, 'bad.jpg'), files[0]!, files[5]!, path.join(tmp.dir, 'missing.png'), files[1]!];
    const collect = async (jobs: number) => {
      const out = [];
      for await (const item of hashFiles(input, { jobs })) out.push(item);
      return out;
    };
    const one = await collect(1);
    const two = await collect(2);
    expect(one.map((x) => x.path)).toEqual(input);
    expect(two.map((x) => x.path)).toEqual(input);
    expect(two.map((x) => x.result?.pdq ?? x.error?.reason)).toEqual(one.map((x) => x.result?.pdq ?? x.error?.reason));
    expect(one.map((x) => x.error?.reason)).toEqual([undefined, 'unsupported', undefined, undefined, 'unreadable', undefined]);
  });

  it('mapOrdered keeps order with out-of-order completion and bounded concurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: string[] = [];
    const delays = [30, 5, 20, 1, 10, 2];
    for await (const item of mapOrdered(delays.map(String), 3, async (p, i) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, delays[i]));
      inFlight--;
      if (p === '20') throw new Error('boom');
      return Number(p) * 2;
    }))
      seen.push(item.error ? `E:${item.error.message}` : `${item.path}=${item.result}`);
    expect(seen).toEqual(['30=60', '5=10', 'E:boom', '1=2', '10=20', '2=4']);
    expect(peak).toBe(3);
  });
});
