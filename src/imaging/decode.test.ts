// Decoder robustness and formats: empty, truncated, non-image, wrong extension, forged huge
// dimensions (bounded time and memory), corrupt data, refused containers, 16-bit and other formats.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { pdqDistance, pdqFromRgb } from '../hashing/index.js';
import { PDQ_DATA_DIR, hasTestData } from '../hashing/test-vectors.js';
import { ImageDecodeError, decodeImage, hashImage, sniffMedia } from './index.js';
import { encodePng, forgeJpegDimensions, forgedPngHeader, patternRgb, tempDir } from './test-images.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

async function failure(input: string | Uint8Array, opts?: Parameters<typeof hashImage>[1]): Promise<ImageDecodeError> {
  try {
    await hashImage(input, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(ImageDecodeError);
    return e as ImageDecodeError;
  }
  throw new Error('expected hashImage to fail');
}

const W = 96,
  H = 64;
const pattern = patternRgb(W, H, 3);
const rawInput = { raw: { width: W, height: H, channels: 3 as const } };

describe('bad input is refused with a typed, clear error', () => {
  it('zero-byte file and empty buffer', async () => {
    const file = path.join(tmp.dir, 'empty.jpg');
    writeFileSync(file, '');
    const e = await failure(file);
    expect([e.reason, e.message, e.path]).toEqual(['empty', 'zero-byte file', file]);
    expect((await failure(new Uint8Array(0))).reason).toBe('empty');
  });

  it('truncated JPEG, PNG and GIF', async () => {
    const jpeg = await sharp(Buffer.from(pattern), rawInput).jpeg().toBuffer();
    const png = await sharp(Buffer.from(pattern), rawInput).png({ compressionLevel: 0 }).toBuffer();
    const gif = await sharp(Buffer.from(pattern), rawInput).gif().toBuffer();
    for (const [name, bytes] of [
      ['jpeg', jpeg],
      ['png', png],
      ['gif', gif],
    ] as const) {
      for (const frac of [0.3, 0.8]) {
        const e = await failure(bytes.subarray(0, Math.floor(bytes.length * frac)));
        expect(e.reason, `${name} cut at ${frac}: ${e.message}`).toBe('truncated');
        expect(e.message).toMatch(new RegExp(`truncated ${name.toUpperCase()} file`));
      }
    }
  });

  it('text, SVG, PDF and random bytes are "not an image"', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="file:///etc/passwd"/></svg>');
    for (const bytes of [
      Buffer.from('hello, world\n'),
      svg,
      Buffer.from('%PDF-1.4\n%âãÏÓ\n'),
      Buffer.from(Array.from({ length: 500 }, (_, i) => (i * 73) & 255)),
    ]) {
      const e = await failure(bytes);
      expect([e.reason, e.message]).toEqual(['unsupported', 'not an image (unrecognised format)']);
    }
  });

  it('malformed HEIF (zero-size box) fails fast instead of hanging', async () => {
    const heif = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'), Buffer.alloc(100)]);
    const t0 = performance.now();
    const e = await failure(heif);
    expect(['corrupt', 'truncated', 'unsupported']).toContain(e.reason);
    expect(e.message).toMatch(/HEIF/);
    expect(performance.now() - t0).toBeLessThan(5000);
  }, 15_000);

  it('a video container is reported as such; a broken BMP gets a clear error', async () => {
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom\0\0\x02\0isomiso2', 'latin1'), Buffer.alloc(64)]);
    expect(sniffMedia(mp4)).toEqual({ kind: 'video', format: 'mp4', decodable: false });
    expect((await failure(mp4)).message).toMatch(/not an image: MP4 video/);
    const bmp = Buffer.concat([Buffer.from('BM'), Buffer.alloc(60)]);
    expect((await failure(bmp)).message).toMatch(/BMP/);
  });

  it('forged 50000x50000 PNG and 60000x60000 JPEG headers: refused before decoding, fast, bounded memory', async () => {
    const bomb = forgedPngHeader(50000, 50000);
    expect(bomb.length).toBeLessThan(100_000);
    const jpeg = forgeJpegDimensions(await sharp(Buffer.from(pattern), rawInput).jpeg().toBuffer(), 60000, 60000);
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    const e1 = await failure(bomb);
    expect([e1.reason, e1.message]).toEqual(['too_large', 'image 50000x50000 exceeds the 100000000-pixel limit']);
    const e2 = await failure(jpeg);
    expect([e2.reason, e2.message]).toEqual(['too_large', 'image 60000x60000 exceeds the 100000000-pixel limit']);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(200 * 1024 * 1024);
  });

  it('a real image over a configured pixel limit, and over a byte limit', async () => {
    const png = await sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const e = await failure(png, { maxPixels: 1_000_000 });
    expect([e.reason, e.message]).toEqual(['too_large', 'image 2000x1500 exceeds the 1000000-pixel limit']);
    expect((await hashImage(png, { maxPixels: 3_000_000 })).width).toBe(2000);
    const e2 = await failure(png, { maxFileBytes: 100 });
    expect(e2.reason).toBe('too_large');
    expect(e2.message).toMatch(/over the 100-byte limit/);
  });

  it('corrupt data inside a valid container', async () => {
    const png = encodePng(
      16,
      16,
      8,
      2,
      Array.from({ length: 16 * 16 * 3 }, (_, i) => i & 255),
    );
    const idat = png.indexOf('IDAT');
    const broken = Buffer.from(png);
    for (let i = idat + 6; i < idat + 20; i++) broken[i] = 0x55; // zlib stream garbage, IEND intact
    const e = await failure(broken);
    expect(['corrupt', 'truncated']).toContain(e.reason);
    expect(e.message).toMatch(/PNG/);
    const jpegHeaderOnly = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(40, 0x41), Buffer.from([0xff, 0xd9])]);
    expect(['corrupt', 'truncated']).toContain((await failure(jpegHeaderOnly)).reason);
  });

  it('missing file and directory are unreadable', async () => {
    const missing = path.join(tmp.dir, 'nope.jpg');
    expect(await failure(missing)).toMatchObject({ reason: 'unreadable', message: 'no such file', path: missing });
    mkdirSync(path.join(tmp.dir, 'd.jpg'));
    expect(await failure(path.join(tmp.dir, 'd.jpg'))).toMatchObject({ reason: 'unreadable', message: 'is a directory' });
  });
});

describe('formats', () => {
  const expected = pdqFromRgb(pattern, W, H);

  it('wrong extension: a PNG named .jpg is decoded by content', async () => {
    const png = await sharp(Buffer.from(pattern), rawInput).png().toBuffer();
    const file = path.join(tmp.dir, 'really-a-png.jpg');
    writeFileSync(file, png);
    const r = await hashImage(file);
    expect(r.format).toBe('png');
    expect(r.pdq).toEqual(expected);
  });

  it.each([
    ['png', (s: Sharp) => s.png()],
    ['webp', (s: Sharp) => s.webp({ lossless: true })],
    ['tiff', (s: Sharp) => s.tiff({ compression: 'lzw' })],
  ] as const)('lossless %s: same hash as the source pixels', async (fmt, enc) => {
    const r = await hashImage(await enc(sharp(Buffer.from(pattern), rawInput)).toBuffer());
    expect(r.format).toBe(fmt);
    expect(r.pdq).toEqual(expected);
  });

  it.each([
    ['gif', (s: Sharp) => s.gif()],
    ['png', (s: Sharp) => s.png({ palette: true })],
    ['heif', (s: Sharp) => s.avif({ quality: 80 })],
    ['jpeg', (s: Sharp) => s.jpeg({ quality: 85 })],
  ] as const)('lossy/palette %s: decodes, hash close to the source', async (fmt, enc) => {
    const r = await hashImage(await enc(sharp(Buffer.from(pattern), rawInput)).toBuffer());
    expect(r.format).toBe(fmt);
    expect(pdqDistance(r.pdq.hash, expected.hash)).toBeLessThanOrEqual(40);
  });

  it.each([
    ['tiff', (s: Sharp) => s.tiff({ compression: 'lzw' })],
    ['webp', (s: Sharp) => s.webp({ lossless: true })],
  ] as const)('multi-page %s: the first frame is hashed', async (fmt, enc) => {
    const other = patternRgb(W, H, 99).reverse();
    const frames = await Promise.all([pattern, other].map((p) => sharp(Buffer.from(p), rawInput).png().toBuffer()));
    const r = await hashImage(await enc(sharp(frames, { join: { animated: true } })).toBuffer());
    expect([r.format, r.metadata.pages, r.width, r.height]).toEqual([fmt, 2, W, H]);
    expect(r.pdq).toEqual(expected);
  });

  it('16-bit RGB is reduced to the high byte (as Pillow does); alpha is dropped', async () => {
    const samples: number[] = [];
    for (let i = 0; i < W * H * 3; i++) samples.push(pattern[i]! * 256 + ((i * 37) & 255));
    const r = await hashImage(encodePng(W, H, 16, 2, samples));
    expect(r.metadata.depth).toBe('ushort');
    expect(r.pdq).toEqual(expected);
    const rgba: number[] = [];
    for (let p = 0; p < W * H; p++) rgba.push(pattern[3 * p]!, pattern[3 * p + 1]!, pattern[3 * p + 2]!, 255);
    expect((await hashImage(encodePng(W, H, 8, 6, rgba))).pdq).toEqual(expected);
  });

  it('16-bit grey is scaled to 8 bits (v / 257, rounded), not clipped to white (docs/interop.md)', async () => {
    const grey = Array.from({ length: W * H }, (_, i) => (i * 7919) % 65536);
    const scaled = Uint8Array.from(grey, (v) => Math.round(v / 257));
    const r = await hashImage(encodePng(W, H, 16, 0, grey));
    expect(r.metadata.space).toBe('grey16');
    expect(r.pdq).toEqual(pdqFromRgb(scaled, W, H, 1));
    expect(r.pdq).toEqual(pdqFromRgb(Uint8Array.from(Array.from(scaled).flatMap((v) => [v, v, v])), W, H, 3));
    expect(r.pdq).not.toEqual(
      pdqFromRgb(
        Uint8Array.from(grey, (v) => Math.min(255, v)),
        W,
        H,
        1,
      ),
    );
  });

  it.skipIf(!hasTestData())('decodeImage: CMYK JPEG and palette PNG come out as 3-channel sRGB', async () => {
    for (const f of ['data/misc-images/modes/CMYK.jpg', 'data/misc-images/modes/P.png', 'data/misc-images/modes/1.png']) {
      const d = await decodeImage(readFileSync(path.join(PDQ_DATA_DIR, f)));
      expect([d.channels, d.width, d.height, d.pixels.length]).toEqual([3, 1600, 1004, 1600 * 1004 * 3]);
    }
  });
});
