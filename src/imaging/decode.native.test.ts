// The native JPEG decoder (libjpeg-turbo, native/jpeg) gives exactly what the sharp path gives: pixels,
// dimensions, orientation, EXIF blob and header facts; unusual and broken JPEGs go to sharp as before.
import fs from 'node:fs';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { PDQ_DATA_DIR, hasTestData } from '../hashing/test-vectors.js';
import { decodeImage } from './index.js';
import { decodeJpegNative, exifOrientation, jpegDecoderName } from './jpeg-native.js';
import { patternRgb } from './test-images.js';

/** The sharp path of decodeImage, spelt out: what the native decoder must reproduce. */
async function viaSharp(jpeg: Buffer) {
  const meta = await sharp(jpeg).metadata();
  const { data, info } = await sharp(jpeg, { ignoreIcc: meta.space !== 'cmyk' })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { meta, data, info };
}

const W = 333,
  H = 221; // odd sizes: partial MCUs at the right and bottom edges
const base = () => sharp(Buffer.from(patternRgb(W, H, 7)), { raw: { width: W, height: H, channels: 3 } });

const kinds: [string, (s: Sharp) => Sharp][] = [
  ['baseline 4:2:0', (s) => s.jpeg({ quality: 85 })],
  ['progressive', (s) => s.jpeg({ quality: 70, progressive: true })],
  ['4:4:4', (s) => s.jpeg({ quality: 92, chromaSubsampling: '4:4:4' })],
  ['optimised coding, trellis', (s) => s.jpeg({ quality: 40, optimiseCoding: true, trellisQuantisation: true })],
  ['grey (one component)', (s) => s.toColourspace('b-w').jpeg({ quality: 80 })],
  ['EXIF orientation 6 and an ICC profile', (s) => s.withMetadata({ orientation: 6 }).withIccProfile('p3').jpeg({ quality: 80 })],
];

describe('native JPEG decoding', () => {
  it('is built wherever libjpeg and Node headers are present (so these checks exercise it)', () => {
    const buildable = fs.existsSync('/usr/include/jpeglib.h') && fs.existsSync(path.join(path.dirname(process.execPath), '../include/node/node_api.h'));
    if (process.env.ICSE_JPEG_DECODER !== 'sharp' && buildable) expect(jpegDecoderName()).toBe('libjpeg-turbo');
  });

  it.each(kinds)('%s: the same pixels, orientation, EXIF and header facts as sharp', async (_name, encode) => {
    const jpeg = await encode(base()).toBuffer();
    const want = await viaSharp(jpeg);
    const got = await decodeImage(jpeg);
    expect([got.width, got.height, got.channels]).toEqual([want.info.width, want.info.height, 3]);
    expect(Buffer.from(got.pixels).equals(want.data)).toBe(true);
    expect(got.orientation).toBe(want.meta.orientation ?? 1);
    expect(got.exif === undefined).toBe(want.meta.exif === undefined);
    if (got.exif) expect(Buffer.from(got.exif).equals(want.meta.exif!)).toBe(true);
    expect(got.info).toEqual({
      space: want.meta.space,
      depth: want.meta.depth,
      channels: want.meta.channels,
      hasAlpha: want.meta.hasAlpha,
      hasProfile: want.meta.hasProfile,
      isPalette: want.meta.isPalette,
      pages: want.meta.pages ?? 1,
    });
  });

  it.runIf(hasTestData())('camera photos from the PDQ test data: identical pixels (1600×1004, and 4032×3024 with orientation 6)', async () => {
    for (const rel of ['data/reg-test-input/dih/bridge-1-original.jpg', 'data/reg-test-input/exif-rotn/exif-rotn-6.jpg']) {
      const jpeg = fs.readFileSync(path.join(PDQ_DATA_DIR, rel));
      const want = await viaSharp(jpeg);
      const got = await decodeImage(jpeg);
      expect(Buffer.from(got.pixels).equals(want.data), rel).toBe(true);
      expect(got.orientation, rel).toBe(want.meta.orientation ?? 1);
    }
  });

  it('leaves CMYK, over-limit and damaged JPEGs to sharp, which decodes or refuses them as before', async () => {
    if (jpegDecoderName() !== 'libjpeg-turbo') return;
    const cmyk = await base().toColourspace('cmyk').jpeg().toBuffer();
    expect(await decodeJpegNative(cmyk, 1e8)).toBeNull();
    const d = await decodeImage(cmyk);
    expect(Buffer.from(d.pixels).equals((await viaSharp(cmyk)).data)).toBe(true);

    const ok = await base().jpeg().toBuffer();
    expect(await decodeJpegNative(ok, W * H - 1)).toBeNull();
    await expect(decodeImage(ok, { maxPixels: W * H - 1 })).rejects.toMatchObject({ reason: 'too_large' });
    expect(await decodeJpegNative(ok.subarray(0, ok.length - 200), 1e8)).toBeNull();
    await expect(decodeImage(ok.subarray(0, ok.length - 200))).rejects.toMatchObject({ reason: 'truncated' });
  });

  it('reads the orientation tag in either byte order, and 1 for anything malformed', () => {
    const exif = (le: boolean, value: number, type = 3) => {
      const b = Buffer.alloc(6 + 8 + 2 + 12 + 4);
      b.write('Exif\0\0', 0, 'latin1');
      const u16 = (o: number, v: number) => (le ? b.writeUInt16LE(v, o) : b.writeUInt16BE(v, o));
      const u32 = (o: number, v: number) => (le ? b.writeUInt32LE(v, o) : b.writeUInt32BE(v, o));
      b.write(le ? 'II' : 'MM', 6, 'latin1');
      u16(8, 42);
      u32(10, 8);
      u16(14, 1);
      u16(16, 0x0112);
      u16(18, type);
      u32(20, 1);
      u16(24, value);
      return b;
    };
    expect(exifOrientation(exif(true, 6))).toBe(6);
    expect(exifOrientation(exif(false, 8))).toBe(8);
    expect(exifOrientation(exif(true, 9))).toBe(1);
    expect(exifOrientation(exif(true, 6, 2))).toBe(1);
    expect(exifOrientation(exif(true, 6).subarray(0, 20))).toBe(1);
    expect(exifOrientation(undefined)).toBe(1);
  });

  it('damaged JPEGs never crash the process: 400 mutated files each decode or fail with a typed error', async () => {
    const good = [await base().jpeg({ quality: 80 }).toBuffer(), await base().jpeg({ quality: 70, progressive: true }).toBuffer()];
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    const outcomes = { decoded: 0, refused: 0 };
    for (let i = 0; i < 400; i++) {
      const b = Buffer.from(good[i % 2]!);
      const kind = i % 4;
      if (kind === 0) for (let k = 0; k < 1 + rand(8); k++) b[rand(b.length)] ^= 1 << rand(8); // bit flips anywhere
      if (kind === 1) for (let k = 0; k < 1 + rand(4); k++) b[2 + rand(600)] = rand(256); // header and tables
      if (kind === 2) b.fill(0xff, rand(b.length), rand(b.length)); // a run of marker bytes
      const input = kind === 3 ? b.subarray(0, 2 + rand(b.length - 2)) : b; // cut anywhere
      try {
        const d = await decodeImage(input);
        expect(d.pixels.length).toBe(d.width * d.height * 3);
        outcomes.decoded++;
      } catch (err) {
        expect((err as { name?: string }).name).toBe('ImageDecodeError');
        outcomes.refused++;
      }
    }
    // Both outcomes occur, so the mutations reach the decoder and its error paths.
    expect(outcomes.decoded).toBeGreaterThan(20);
    expect(outcomes.refused).toBeGreaterThan(20);
  });
});
