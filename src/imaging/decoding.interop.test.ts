// Decoding as peers do (issue 16), each decision made with the C++ PDQ core (facebook/ThreatExchange pdq/cpp,
// pdq-photo-hasher built from source outside the repository) on the same pixels as the arbiter; the literal
// hashes below are its output for these generated files (docs/interop.md, "Decoding decisions").
//  - BMP: decoded (peers hash it; libvips cannot): the C++ tool reads BMP itself (CImg) and gives the same hash;
//  - embedded ICC profile: ignored, as Pillow, CImg and ffmpeg do (sharp would convert to sRGB);
//  - 16-bit grey: scaled to 8 bits (decode.test.ts, hash-image.test.ts I16).
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { pdqFromRgb } from '../hashing/index.js';
import { decodeImage, hashImage } from './index.js';
import { patternRgb, writeBmp } from './test-images.js';

const W = 96,
  H = 64;
const scene = patternRgb(W, H, 5);

describe('BMP is hashed as peers hash it', () => {
  const want = pdqFromRgb(scene, W, H);
  it.each([
    ['24-bit bottom-up', { bits: 24 as const }],
    ['24-bit top-down', { bits: 24 as const, topDown: true }],
    ['32-bit bit fields', { bits: 32 as const }],
  ])('%s: the stored pixels exactly, hence the same PDQ', async (_n, o) => {
    const bmp = writeBmp(scene, W, H, o);
    const d = await decodeImage(bmp);
    expect([d.format, d.width, d.height, d.channels]).toEqual(['bmp', W, H, 3]);
    expect(Buffer.from(d.pixels).equals(Buffer.from(scene))).toBe(true);
    expect((await hashImage(bmp)).pdq).toEqual(want);
  });

  it('8-bit palette', async () => {
    const flat = Uint8Array.from(scene, (v) => v & 0xc0); // 64 colours
    const d = await decodeImage(writeBmp(flat, W, H, { bits: 8 }));
    expect(Buffer.from(d.pixels).equals(Buffer.from(flat))).toBe(true);
  });

  it('matches the C++ core reading the same BMP file (vector made with pdq-photo-hasher)', async () => {
    const r = await hashImage(writeBmp(scene, W, H, { bits: 24 }));
    expect(`${r.pdq.hash},${r.pdq.quality}`).toBe(CPP_VECTORS.bmp24);
  });

  it('refuses RLE and cut-short BMPs with a clear error', async () => {
    const rle = writeBmp(scene, W, H, { bits: 24 });
    rle.writeUInt32LE(1, 30);
    await expect(decodeImage(rle)).rejects.toMatchObject({ reason: 'unsupported', message: expect.stringMatching(/RLE/) });
    await expect(decodeImage(writeBmp(scene, W, H, { bits: 24 }).subarray(0, 500))).rejects.toMatchObject({ reason: 'truncated' });
  });
});

describe('an embedded ICC profile is ignored, as peers do', () => {
  it('the hash is of the stored values, not of the sRGB conversion sharp would make', async () => {
    // Stored values converted to Display P3 and tagged with that profile.
    const png = await sharp(Buffer.from(scene), { raw: { width: W, height: H, channels: 3 } })
      .withIccProfile('p3')
      .png()
      .toBuffer();
    expect((await sharp(png).metadata()).hasProfile).toBe(true);
    const stored = await sharp(png, { ignoreIcc: true }).removeAlpha().raw().toBuffer();
    const converted = await sharp(png).removeAlpha().toColourspace('srgb').raw().toBuffer();
    expect(stored.equals(converted)).toBe(false);
    const r = await hashImage(png);
    expect(r.pdq).toEqual(pdqFromRgb(stored, W, H));
    expect(`${r.pdq.hash},${r.pdq.quality}`).toBe(CPP_VECTORS.iccStored);
  });
});

// pdq-photo-hasher output on: writeBmp(scene, 24-bit) (its own BMP loader); a P6 PPM of `stored` above.
const CPP_VECTORS = {
  bmp24: 'cb2f26d9378e26c970d9d936707dcb66c0f1f936071e47127826f80e388ec171,100',
  iccStored: 'cb2e26d9370e26c970d9d9363479cb76c0f1f936471d47127a8ef88e388ec460,100',
};
