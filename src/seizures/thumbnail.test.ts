import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { applyOrientation, decodeImage } from '../imaging/index.js';
import { makeThumbnail, thumbnailFromPixels } from './imagehash.js';
import { addSpan, enableSpans, resetSpans, span, spanTotals } from '../shared/spans.js';

async function photo(orientation: number): Promise<Buffer> {
  // A left-dark / right-bright picture with a red top band: orientation mistakes show in the corners.
  const w = 640,
    h = 400,
    px = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3,
        v = Math.round((x / w) * 255);
      px[i] = y < 60 ? 230 : v;
      px[i + 1] = y < 60 ? 20 : v;
      px[i + 2] = y < 60 ? 20 : v;
    }
  return sharp(px, { raw: { width: w, height: h, channels: 3 } })
    .withMetadata({ orientation })
    .jpeg({ quality: 92 })
    .toBuffer();
}

async function rgb(jpeg: Buffer) {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe('thumbnail from the decoded pixels (one decode per image)', () => {
  for (const orientation of [1, 6]) {
    it(`matches the thumbnail made from the file (EXIF orientation ${orientation})`, async () => {
      const file = await photo(orientation);
      const img = await decodeImage(file);
      const up = img.orientation !== 1 ? applyOrientation(img, img.orientation) : img;
      const a = await rgb(await thumbnailFromPixels(up));
      const b = await rgb(await makeThumbnail(file, 1e8));
      expect([a.width, a.height]).toEqual([b.width, b.height]);
      expect(Math.max(a.width, a.height)).toBe(256);
      let diff = 0;
      for (let i = 0; i < a.data.length; i++) diff += Math.abs(a.data[i]! - b.data[i]!);
      expect(diff / a.data.length).toBeLessThan(6); // same picture, same way up (a flipped one differs by ~100)
    });
  }
});

describe('ingest spans', () => {
  it('add up only when enabled', async () => {
    resetSpans();
    enableSpans(false);
    await span('x', async () => 1);
    expect(spanTotals()).toEqual({});
    enableSpans(true);
    expect(await span('x', async () => 7)).toBe(7);
    addSpan('worker: decode', 5, 2);
    const t = spanTotals();
    expect(t.x!.n).toBe(1);
    expect(t['worker: decode']).toEqual({ ms: 5, n: 2 });
    enableSpans(false);
    resetSpans();
  });
});
