// Picture-in-picture: a known picture pasted small into another one is proposed as an inset, placed on the
// pixels to the pixel, and matched by the crop/border stage through its own pyramid; a picture without one
// proposes none that matches, and the stored signature never holds inset regions.
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { roomSvg } from '../places/testkit.js';
import { sceneJpeg } from '../demo/scenes.js';
import { robustQueryFromPixels, robustSignatureFromPixels, signatureOf } from './signature.js';
import { detectionPlanes, findInsets, refineInset } from './insets.js';
import { RobustIndex } from './matcher.js';

async function raw(buf: Buffer) {
  const { data, info } = await sharp(buf).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

/** A room picture (the known one), shown at `share` of the host's width at (left, top) of a demo scene. */
async function withInset(seed: number, share: number, left: number, top: number) {
  const host = await sharp(await sceneJpeg(seed + 40, 900, 700)).toBuffer();
  const known = await sharp(Buffer.from(roomSvg(seed, 800, 600)))
    .jpeg({ quality: 90 })
    .toBuffer();
  const width = Math.round(900 * share),
    height = Math.round((width * 600) / 800);
  const small = await sharp(known).resize(width, height).png().toBuffer();
  const query = await sharp(host)
    .composite([{ input: small, left, top }])
    .jpeg({ quality: 85 })
    .toBuffer();
  return { known, query, rect: { x: left, y: top, width, height } };
}

describe('inset proposals', () => {
  it('proposes the pasted picture and places it on the pixels exactly, at odd offsets', async () => {
    for (const [seed, share, left, top] of [
      [1, 0.4, 37, 51],
      [2, 0.3, 601, 403],
      [3, 0.45, 9, 361],
      // 8 px from the corner: the sides by the image's edge lie on a thin margin of the host.
      [7, 0.4, 532, 422],
      [8, 0.35, 8, 8],
    ] as const) {
      const { query, rect } = await withInset(seed, share, left, top);
      const q = await raw(query);
      const d = detectionPlanes(q.data, q.width, q.height, 3);
      const proposals = findInsets(d.planes, d.w, d.h);
      const s = d.f;
      const near = proposals.find(
        (p) =>
          Math.abs(p.x * s - rect.x) <= 2 * s &&
          Math.abs(p.y * s - rect.y) <= 2 * s &&
          Math.abs(p.width * s - rect.width) <= 3 * s &&
          Math.abs(p.height * s - rect.height) <= 3 * s,
      );
      expect(near, `seed ${seed}: ${JSON.stringify(proposals)}`).toBeDefined();
      const scaled = { x: near!.x * s, y: near!.y * s, width: near!.width * s, height: near!.height * s };
      const placed = refineInset(q.data, q.width, q.height, 3, scaled, 2 * s + 1);
      for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(placed[k] - rect[k]), `${seed} ${k}`).toBeLessThanOrEqual(1);
    }
  });

  it('finds a known picture shown as an inset through the crop/border stage, which the whole-picture pyramids miss', async () => {
    const index = new RobustIndex();
    const knowns: Array<{ id: string; query: Buffer; rect: { x: number; y: number; width: number; height: number } }> = [];
    for (const [seed, share, left, top] of [
      [4, 0.4, 480, 300],
      [5, 0.35, 21, 17],
    ] as const) {
      const { known, query, rect } = await withInset(seed, share, left, top);
      const k = await raw(known);
      const stored = robustSignatureFromPixels(k.data, k.width, k.height);
      expect(stored.regions.length).toBeGreaterThan(0);
      index.add(`room-${seed}`, stored);
      knowns.push({ id: `room-${seed}`, query, rect });
    }
    // Unrelated signatures beside them: demo scenes.
    for (let s = 60; s < 70; s++) {
      const u = await raw(await sceneJpeg(s, 800, 600));
      index.add(`scene-${s}`, robustSignatureFromPixels(u.data, u.width, u.height));
    }
    for (const { id, query, rect } of knowns) {
      const q = await raw(query);
      const rq = robustQueryFromPixels(q.data, q.width, q.height);
      expect(rq.insets?.length).toBeGreaterThan(0);
      const hits = index.query(rq);
      expect(hits.map((h) => h.mediaId)).toEqual([id]);
      expect(hits[0]!.queryBase).toBe('inset');
      const at = hits[0]!.queryInset!;
      expect(Math.abs(at.x - rect.x) + Math.abs(at.y - rect.y) + Math.abs(at.width - rect.width) + Math.abs(at.height - rect.height)).toBeLessThanOrEqual(4);
      // Without the inset pyramids the same query finds nothing.
      expect(index.query(robustQueryFromPixels(q.data, q.width, q.height, 3, { insets: false }))).toEqual([]);
      // The stored form of a query never holds inset regions.
      expect(signatureOf(rq).regions.every((r) => r.base === 'full' || r.base === 'trim')).toBe(true);
    }
  });

  it('reports insets in the full image’s coordinates when the pixels are a downscaled copy', async () => {
    const { query, rect } = await withInset(6, 0.4, 300, 200);
    const small = await raw(await sharp(query).resize(450, 350).toBuffer());
    const rq = robustQueryFromPixels(small.data, small.width, small.height, 3, { fullSize: { width: 900, height: 700 } });
    const hit = rq.insets?.find((r) => Math.abs(r.x - rect.x) <= 4 && Math.abs(r.y - rect.y) <= 4);
    expect(hit, JSON.stringify(rq.insets)).toBeDefined();
    expect(Math.abs(hit!.width - rect.width)).toBeLessThanOrEqual(6);
  });
});

describe('matches through an inset', () => {
  it('count only at offsets 0 to 1: a proposal larger than the known picture is what chance meets', async () => {
    const k = await raw(Buffer.from(roomSvg(9, 800, 600)));
    const stored = robustSignatureFromPixels(k.data, k.width, k.height);
    const index = new RobustIndex();
    index.add('room-9', stored);
    const q = robustQueryFromPixels(k.data, k.width, k.height, 3, { insets: false });
    // The query's full pyramid relabelled as an inset's and shifted by `shift` levels: the stored level is the query
    // level + offset.
    const asInset = (offset: number) => ({
      ...q,
      regions: q.regions
        .filter((r) => r.base === 'full' && r.level - offset >= 0)
        .map((r) => ({ ...r, base: 'inset' as const, inset: 0, level: r.level - offset })),
      insets: [{ x: 10, y: 20, width: 300, height: 200 }],
    });
    for (const offset of [0, 0.5, 1]) {
      const hits = index.query(asInset(offset));
      expect(
        hits.map((h) => [h.mediaId, h.queryBase, h.offset]),
        `offset ${offset}`,
      ).toEqual([['room-9', 'inset', offset]]);
      expect(hits[0]!.queryInset).toEqual({ x: 10, y: 20, width: 300, height: 200 });
    }
    for (const offset of [-1, -0.5, 2]) expect(index.query(asInset(offset)), `offset ${offset}`).toEqual([]);
  });

  it('finds a pasted picture inside a frame of its own: the frame is proposed, the picture meets it half a level in', async () => {
    // Not trimmed as border: trimming inside proposals lost more insets than it gained (docs/near-duplicates.md).
    const known = await sharp(Buffer.from(roomSvg(10, 800, 600)))
      .jpeg({ quality: 90 })
      .toBuffer();
    const framed = await sharp(await sharp(known).resize(300, 225).png().toBuffer())
      .extend({ top: 9, bottom: 9, left: 9, right: 9, background: '#ffffff' })
      .png()
      .toBuffer();
    const query = await sharp(await sceneJpeg(50, 900, 700))
      .composite([{ input: framed, left: 401, top: 203 }])
      .jpeg({ quality: 85 })
      .toBuffer();
    const q = await raw(query);
    const rq = robustQueryFromPixels(q.data, q.width, q.height);
    const k = await raw(known);
    const index = new RobustIndex();
    index.add('room-10', robustSignatureFromPixels(k.data, k.width, k.height));
    const hits = index.query(rq);
    expect(hits.map((h) => [h.mediaId, h.queryBase])).toEqual([['room-10', 'inset']]);
    expect(hits[0]!.offset).toBeGreaterThanOrEqual(0);
  });
});
