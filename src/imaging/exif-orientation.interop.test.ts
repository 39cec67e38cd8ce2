// Acceptance (issue 16): phone photos with an EXIF orientation. Peers (HMA, python-threatexchange, NCMEC-style
// lists) hash the pixels as stored, so `icse hash` prints that hash by default and `--upright` the other; the
// 8 orientations are the 8 dihedral transforms, so a lookup over the 8 variants finds the stored image
// whichever way a copy was stored, and names the variant that matched.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdqDistance, pdqFromRgb } from '../hashing/index.js';
import { PdqIndex } from '../matching/pdq-index.js';
import { applyOrientation } from './orientation.js';
import { hashImage, runHashCommand } from './index.js';
import { DIHEDRAL_ORDER, mergeVariantHits, UPRIGHT_FROM_STORED } from './exif-dihedral.js';
import { tempDir } from './test-images.js';

const tmp = tempDir('icse-exif-');
const W = 240,
  H = 160;
const files: string[] = [];
let upright: { data: Buffer; width: number; height: number };

/** A benign scene with structure in every direction (so each dihedral variant has its own hash). */
async function scene(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
    <rect width="${W}" height="${H}" fill="#8ab"/><circle cx="60" cy="50" r="35" fill="#fc3"/>
    <rect x="130" y="90" width="90" height="50" fill="#352"/><polygon points="10,150 80,100 120,155" fill="#a33"/></svg>`;
  return sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer();
}
const INVERSE: Record<number, number> = { 6: 8, 8: 6 };

beforeAll(async () => {
  const px = await scene();
  upright = { data: px, width: W, height: H };
  for (let o = 1; o <= 8; o++) {
    // Stored pixels chosen so that the viewer, applying orientation o, shows the same upright scene.
    const s = applyOrientation({ pixels: px, width: W, height: H, channels: 3 }, INVERSE[o] ?? o);
    const f = path.join(tmp.dir, `orientation-${o}.jpg`);
    writeFileSync(
      f,
      await sharp(Buffer.from(s.pixels), { raw: { width: s.width, height: s.height, channels: 3 } })
        .withMetadata({ orientation: o })
        .jpeg({ quality: 92 })
        .toBuffer(),
    );
    files.push(f);
  }
});
afterAll(() => tmp.cleanup());

async function run(args: string[]): Promise<string[]> {
  let o = '';
  const code = await runHashCommand(args, {
    stdout: (t) => {
      o += t;
    },
    stderr: () => {},
  });
  expect(code).toBe(0);
  return o.split('\n').filter(Boolean);
}

describe('icse hash on EXIF-rotated JPEGs (orientations 1-8)', () => {
  it('prints the hash of the pixels as stored by default (what sharp decodes without rotating)', async () => {
    const out = await run(['--jobs', '1', ...files]);
    expect(out).toHaveLength(8);
    for (let o = 1; o <= 8; o++) {
      const raw = await sharp(files[o - 1]!)
        .removeAlpha()
        .toColourspace('srgb')
        .raw()
        .toBuffer({ resolveWithObject: true });
      const want = pdqFromRgb(raw.data, raw.info.width, raw.info.height);
      expect(out[o - 1]).toBe(`${want.hash},${want.quality},${files[o - 1]}`);
    }
    // The stored pixels differ, so the default hashes differ between orientations.
    expect(new Set(out.map((l) => l.split(',')[0])).size).toBe(8);
  });

  it("--upright prints the displayed image's hash: the 8 files agree (within JPEG noise) with the scene", async () => {
    const scenePdq = pdqFromRgb(upright.data, W, H).hash;
    const out = await run(['--jobs', '1', '--upright', ...files]);
    for (const line of out) expect(pdqDistance(line.split(',')[0]!, scenePdq)).toBeLessThanOrEqual(10);
  });
});

describe('a lookup of any of the 8 variants finds the stored image and names the variant', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('stored: orientation-1 file; query: orientation-%i file', async (o) => {
    const stored = await hashImage(files[0]!);
    const index = new PdqIndex();
    index.add(7, stored.pdq.hash);
    for (let i = 0; i < 200; i++)
      index.add(
        1000 + i,
        pdqFromRgb(
          Buffer.alloc(64 * 64 * 3, (i * 37) % 251).map((v, k) => (v + k * (i + 1)) & 255),
          64,
          64,
        ).hash,
      );
    const q = await hashImage(files[o - 1]!, { dihedral: true });
    const dihedral = index
      .queryDihedral(DIHEDRAL_ORDER.map((k) => q.dihedral!.hashes[k]))
      .map((h) => ({ mediaId: h.id, distance: h.distance, variant: h.variant }));
    const upright = q.pdqUpright ? index.query(q.pdqUpright.hash).map((h) => ({ mediaId: h.id, distance: h.distance })) : [];
    const hits = mergeVariantHits(dihedral, upright);
    expect(hits[0]?.mediaId).toBe(7);
    expect(hits[0]!.distance).toBeLessThanOrEqual(31);
    // The variant named is the transform that turns this file's stored pixels upright (or its exact upright hash).
    expect([UPRIGHT_FROM_STORED[o], 'upright']).toContain(hits[0]!.variant);
    // The dihedral variants alone find it too, except where PDQ's DCT-derived rotate180/flipMinus1 drift.
    if (o !== 3 && o !== 7) expect(DIHEDRAL_ORDER[dihedral.find((h) => h.mediaId === 7)!.variant]).toBe(UPRIGHT_FROM_STORED[o]);
    if (o !== 1) expect(upright[0]?.mediaId).toBe(7);
  });
});
