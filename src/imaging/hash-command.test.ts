// `icse hash` run in-process with captured output.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HashPool, hashImage, registerMediaHasher, runHashCommand } from './index.js';
import { patternRgb, tempDir } from './test-images.js';
import { PDQ_DATA_DIR, hasTestData } from '../hashing/test-vectors.js';

const tmp = tempDir('icse-cli-');
const dir = path.join(tmp.dir, 'seized');
let good: string[] = [];
let bad = '';

// One pool of two workers for every --jobs run of this file (a pool costs more to start than these files to hash).
const pool = new HashPool({ size: 2 });
afterAll(() => pool.close());

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  let o = '';
  let e = '';
  const code = await runHashCommand(
    args,
    {
      stdout: (t) => {
        o += t;
      },
      stderr: (t) => {
        e += t;
      },
    },
    { pool },
  );
  const lines = (s: string) => s.split('\n').filter(Boolean);
  return { code, out: lines(o), err: lines(e) };
}

beforeAll(async () => {
  mkdirSync(path.join(dir, 'b-sub'), { recursive: true });
  const mk = async (name: string, seed: number) => {
    const f = path.join(dir, name);
    writeFileSync(
      f,
      await sharp(Buffer.from(patternRgb(80, 50, seed)), { raw: { width: 80, height: 50, channels: 3 } })
        .jpeg()
        .toBuffer(),
    );
    return f;
  };
  // Names chosen so that sorted order differs from creation order.
  const c = await mk('c.jpg', 3);
  const a = await mk('a.jpg', 1);
  const sub = await mk(path.join('b-sub', 'z.jpg'), 2);
  bad = path.join(dir, 'b-notes.jpg');
  writeFileSync(bad, 'meeting notes, not an image');
  good = [a, sub, c];
});
afterAll(() => tmp.cleanup());
afterEach(() => registerMediaHasher('video', null));

describe('icse hash', () => {
  it('directory with one bad file: other files hashed in sorted order, error line, exit 1', async () => {
    const { code, out, err } = await run(['--jobs', '2', dir]);
    expect(code).toBe(1);
    const expected = await Promise.all(
      good.map(async (f) => {
        const r = await hashImage(f);
        return `${r.pdq.hash},${r.pdq.quality},${f}`;
      }),
    );
    expect(out).toEqual(expected);
    expect(err[0]).toBe(`error,unsupported,${bad}`);
    expect(err.filter((l) => l.startsWith('error,'))).toHaveLength(1);
  });

  it('same output in-process (--jobs 1) and exit 0 when every file is fine', async () => {
    const a = await run(['-j', '1', ...good]);
    const b = await run(['-j', '2', ...good]);
    expect(a.code).toBe(0);
    expect(a.err).toEqual([]);
    expect(b.out).toEqual(a.out);
  });

  it('--dihedral appends the 8 variant hashes after the path', async () => {
    const { code, out } = await run(['--dihedral', good[0]!]);
    expect(code).toBe(0);
    const r = await hashImage(good[0]!, { dihedral: true });
    const h = r.dihedral!.hashes;
    expect(out).toEqual([
      [r.pdq.hash, r.pdq.quality, good[0], h.original, h.rotate90, h.rotate180, h.rotate270, h.flipx, h.flipy, h.flipPlus1, h.flipMinus1].join(','),
    ]);
  });

  it('--json prints one object per line with all hashes and metadata; errors as JSON on stderr', async () => {
    const { code, out, err } = await run(['--json', '-j', '2', dir]);
    expect(code).toBe(1);
    const objs = out.map((l) => JSON.parse(l) as Record<string, any>);
    expect(objs.map((o) => o.path)).toEqual(good);
    const ref = await hashImage(good[0]!, { dihedral: true });
    expect(objs[0]).toMatchObject({
      kind: 'image',
      md5: ref.md5,
      sha1: ref.sha1,
      sha256: ref.sha256,
      size: ref.size,
      format: 'jpeg',
      width: 80,
      height: 50,
      pdq: ref.pdq,
      dihedral: ref.dihedral,
    });
    expect(objs[0]!.metadata).toMatchObject({ space: 'srgb', channels: 3 });
    expect(JSON.parse(err[0]!)).toEqual({ path: bad, error: 'unsupported', message: 'not an image (unrecognised format)' });
  });

  it('unreadable inputs: missing path, empty file, symlinked directory; --verbose explains', async () => {
    const empty = path.join(tmp.dir, 'empty.png');
    writeFileSync(empty, '');
    const linkDir = path.join(tmp.dir, 'links');
    mkdirSync(linkDir);
    symlinkSync(dir, path.join(linkDir, 'loop'));
    const missing = path.join(tmp.dir, 'missing.jpg');
    const { code, out, err } = await run(['--verbose', missing, empty, linkDir, good[0]!]);
    expect(code).toBe(1);
    expect(out).toHaveLength(1);
    expect(err).toEqual([
      `error,unreadable,${missing}`,
      `# ${missing}: no such file`,
      `error,empty,${empty}`,
      `# ${empty}: zero-byte file`,
      `error,unreadable,${path.join(linkDir, 'loop')}`,
      `# ${path.join(linkDir, 'loop')}: symbolic link to a directory, not followed`,
      '# 3 of 4 file(s) failed',
    ]);
  });

  it('video files: error without a registered hasher, delegated when one is registered', async () => {
    const video = path.join(tmp.dir, 'clip.mp4');
    writeFileSync(video, Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42\0\0\0\0mp42isom', 'latin1'), Buffer.alloc(100)]));
    const none = await run([video]);
    expect(none.code).toBe(1);
    expect(none.err[0]).toBe(`error,unsupported,${video}`);
    registerMediaHasher('video', { hashFile: async (p, ctx) => ({ line: `vpdq,${ctx.sniff.format},${p.length}`, json: { vpdq: [] } }) });
    const some = await run([video]);
    expect(some).toMatchObject({ code: 0, out: [`vpdq,mp4,${video.length},${video}`] });
    const json = await run(['--json', video]);
    expect(JSON.parse(json.out[0]!)).toEqual({ path: video, kind: 'video', vpdq: [] });
    registerMediaHasher('video', {
      hashFile: async () => {
        throw Object.assign(new Error('moov atom missing'), { reason: 'truncated' });
      },
    });
    expect((await run([video])).err[0]).toBe(`error,truncated,${video}`);
  });

  it('usage errors exit 2, --help exits 0', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['--bogus', dir])).code).toBe(2);
    expect((await run(['--jobs', '0', dir])).code).toBe(2);
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.err.join('\n')).toMatch(/usage: icse hash/);
  });

  it.skipIf(!hasTestData())("pixels as stored by default (the peers' hash), --upright applies EXIF orientation", async () => {
    const f = path.join(PDQ_DATA_DIR, 'data/reg-test-input/exif-rotn/exif-rotn-6.jpg');
    const r = await hashImage(f);
    expect((await run([f])).out).toEqual([`${r.pdq.hash},100,${f}`]);
    expect((await run(['--upright', f])).out).toEqual([`${r.pdqUpright!.hash},100,${f}`]);
    expect(r.pdqUpright!.hash).not.toBe(r.pdq.hash);
  });
});
