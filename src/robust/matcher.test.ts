import { beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { pdqFromRgb, pdqDistance } from '../hashing/index.js';
import { PdqIndex } from '../matching/pdq-index.js';
import { generateScene } from '../../bench/detection-scenes.js';
import type { CodeIndex } from './code-index.js';
import { ParallelMatcher } from '../matching/parallel.js';
import { queryRadius, regionCodes, RobustIndex } from './matcher.js';
import { robustQueryFromPixels, robustSignatureFromPixels, signatureOf, type RobustQuery } from './signature.js';

async function query(buf: Buffer): Promise<RobustQuery & { pdq: string }> {
  const { data, info } = await sharp(buf).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const px = new Uint8Array(data.buffer, data.byteOffset, data.length);
  return { ...robustQueryFromPixels(px, info.width, info.height, info.channels), pdq: pdqFromRgb(px, info.width, info.height, info.channels).hash };
}

const SCENES = [1, 2, 3, 4, 5, 6, 7, 8];
const originals = new Map<string, Buffer>();
const index = new RobustIndex();

beforeAll(async () => {
  for (const s of SCENES) {
    const png = (await generateScene(s)).png;
    originals.set(`scene-${s}`, png);
    index.add(`scene-${s}`, signatureOf(await query(png)));
  }
}, 60_000);

async function centreCrop(buf: Buffer, share: number): Promise<Buffer> {
  const m = await sharp(buf).metadata();
  const w = Math.round(m.width! * share);
  const h = Math.round(m.height! * share);
  return sharp(buf)
    .extract({ left: Math.floor((m.width! - w) / 2), top: Math.floor((m.height! - h) / 2), width: w, height: h })
    .jpeg({ quality: 85 })
    .toBuffer();
}

describe('RobustIndex', () => {
  it('finds a 90 % centre crop that PDQ misses, as a region match with the crop offset', async () => {
    const orig = originals.get('scene-3')!;
    const q = await query(await centreCrop(orig, 0.9));
    expect(pdqDistance(q.pdq, (await query(orig)).pdq)).toBeGreaterThan(31);
    const hits = index.query(q);
    expect(hits.map((h) => h.mediaId)).toEqual(['scene-3']);
    expect(hits[0]!.stage).toBe('region');
    expect(hits[0]!.offset).toBe(1);
    expect(hits[0]!.variant).toBe('original');
    expect(hits[0]!.votes).toBeGreaterThanOrEqual(2);
    expect(hits[0]!.pairs.every((p) => p.storedLevel === p.queryLevel + 1)).toBe(true);
  });

  it('finds crops that fall between stored levels (95 %, 85 %) through the query half levels', async () => {
    const orig = originals.get('scene-7')!;
    for (const [share, offset] of [
      [0.95, 0.5],
      [0.85, 1.5],
    ] as const) {
      const hits = index.query(await query(await centreCrop(orig, share)));
      expect(hits.map((h) => h.mediaId)).toEqual(['scene-7']);
      expect(hits[0]!.offset).toBe(offset);
    }
  });

  it('finds a padded copy through the trimmed pyramid', async () => {
    const orig = originals.get('scene-5')!;
    const m = await sharp(orig).metadata();
    const padded = await sharp(orig)
      .extend({
        left: Math.round(m.width! * 0.05),
        right: Math.round(m.width! * 0.05),
        top: Math.round(m.height! * 0.05),
        bottom: Math.round(m.height! * 0.05),
        background: { r: 255, g: 255, b: 255 },
      })
      .jpeg({ quality: 70 })
      .toBuffer();
    const q = await query(padded);
    expect(q.trim).not.toBeNull();
    const hits = index.query(q);
    expect(hits.map((h) => h.mediaId)).toEqual(['scene-5']);
    expect(hits[0]!.queryBase).toBe('trim');
    expect(hits[0]!.offset).toBe(0);
  });

  it('finds mirrored and rotated copies through the dihedral variants', async () => {
    const orig = originals.get('scene-2')!;
    const mirrored = await query(await sharp(orig).flop().jpeg({ quality: 85 }).toBuffer());
    const rotated = await query(await sharp(orig).rotate(90).jpeg({ quality: 85 }).toBuffer());
    const rotatedCrop = await query(await centreCrop(await sharp(orig).rotate(270).png().toBuffer(), 0.9));
    for (const [q, variants] of [
      [mirrored, ['flipx', 'flipy']],
      [rotated, ['rotate90', 'rotate270']],
      [rotatedCrop, ['rotate90', 'rotate270']],
    ] as const) {
      const hits = index.query(q);
      expect(hits.map((h) => h.mediaId)).toEqual(['scene-2']);
      expect(variants).toContain(hits[0]!.variant);
    }
  });

  it('does not match unrelated scenes, even when edited', async () => {
    const others = [await generateScene(40), await generateScene(41), await generateScene(42)];
    for (const o of others) {
      expect(index.query(await query(o.png))).toEqual([]);
      expect(index.query(await query(await centreCrop(o.png, 0.9)))).toEqual([]);
    }
  });

  it('excludes flat images and regions, removes media, and skips the excluded id', async () => {
    const flat = await sharp({ create: { width: 200, height: 150, channels: 3, background: { r: 90, g: 90, b: 90 } } })
      .png()
      .toBuffer();
    const fq = await query(flat);
    expect(fq.regions).toEqual([]);
    const own = new RobustIndex(new PdqIndex());
    const orig = originals.get('scene-4')!;
    const { data, info } = await sharp(orig).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    own.add('a', robustSignatureFromPixels(new Uint8Array(data), info.width, info.height, info.channels));
    expect(own.size).toBe(1);
    const q = await query(orig);
    expect(own.query(q).map((h) => h.mediaId)).toEqual(['a']);
    expect(own.query(q, {}, 'a')).toEqual([]);
    expect(own.remove('a')).toBe(true);
    expect(own.codeCount).toBe(0);
    expect(own.query(q)).toEqual([]);
    expect(own.remove('a')).toBe(false);
  });

  it('keeps its counts through replacing, removing and thousands of media (the entry tables grow)', async () => {
    const own = new RobustIndex(new PdqIndex());
    const orig = originals.get('scene-2')!;
    const { data, info } = await sharp(orig).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const sig = robustSignatureFromPixels(new Uint8Array(data), info.width, info.height, info.channels);
    const n = sig.regions.length;
    expect(n).toBeGreaterThan(2);
    // 3,000 media (past every table's first size), one of them without regions.
    for (let i = 0; i < 3000; i++) own.add(`m${i}`, i === 7 ? { ...sig, regions: [] } : sig);
    expect(own.size).toBe(3000);
    expect(own.codeCount).toBe(2999 * n);
    own.add('m5', { ...sig, regions: sig.regions.slice(0, 2) }); // replaced: its earlier entries go
    expect(own.codeCount).toBe(2998 * n + 2);
    expect(own.remove('m7')).toBe(true); // held, though with no regions
    expect(own.remove('m7')).toBe(false);
    expect(own.size).toBe(2999);
    const hits = own.query(await query(orig), { minVotes: 2 });
    expect(hits).toHaveLength(2999);
    const m5 = hits.find((h) => h.mediaId === 'm5')!;
    expect(m5.pairs.every((p) => p.storedLevel <= sig.regions[1]!.level)).toBe(true);
    expect(hits.find((h) => h.mediaId === 'm2999')!.votes).toBeGreaterThan(2);
  });

  it('reports calibration evidence that reflects real similarity', async () => {
    const q = await query(await centreCrop(originals.get('scene-6')!, 0.9));
    const ev = index.evidence(q, 40);
    const own = ev.find((e) => e.mediaId === 'scene-6')!;
    expect(own.votesAt(31)).toBeGreaterThanOrEqual(2);
    expect(ev.filter((e) => e.mediaId !== 'scene-6').every((e) => e.votesAt(31) === 0)).toBe(true);
  });

  it('answers the same through one batch of all region codes as through one index query per code', async () => {
    const pdq = new PdqIndex();
    // The same store without its batch method: RobustIndex then asks one code at a time.
    const single: CodeIndex = {
      add: (id, code) => pdq.add(id, code),
      remove: (id) => pdq.remove(id),
      query: (code, radius) => pdq.query(code, radius),
      get size() {
        return pdq.size;
      },
    };
    const batched = new RobustIndex();
    const oneByOne = new RobustIndex(single);
    for (const s of SCENES) {
      const sig = signatureOf(await query(originals.get(`scene-${s}`)!));
      batched.add(`scene-${s}`, sig);
      oneByOne.add(`scene-${s}`, sig);
    }
    let matched = 0;
    for (const s of [2, 3, 6]) {
      for (const share of [0.9, 0.7, 0.5]) {
        const q = await query(await centreCrop(originals.get(`scene-${s}`)!, share));
        const a = batched.query(q);
        expect(a).toEqual(oneByOne.query(q));
        matched += a.length;
      }
    }
    expect(matched).toBeGreaterThan(3);
  });

  it('answers the same from region hits found on a match worker thread (ParallelMatcher over its codes)', async () => {
    const pm = new ParallelMatcher(index.codeIndex as PdqIndex, { threads: 1 });
    try {
      let matched = 0;
      for (const s of [1, 4, 7]) {
        for (const share of [0.9, 0.6]) {
          const q = await query(await centreCrop(originals.get(`scene-${s}`)!, share));
          const a = index.matchesFromHits(q, await pm.queryBatch(regionCodes(q), { radius: queryRadius() }), {}, 'scene-8');
          expect(a).toEqual(index.query(q, {}, 'scene-8'));
          matched += a.length;
        }
      }
      expect(matched).toBeGreaterThan(2);
      // A media removed after the search: its hits are skipped, as the index would no longer find them.
      const q = await query(await centreCrop(originals.get('scene-5')!, 0.9));
      const hits = await pm.queryBatch(regionCodes(q), { radius: queryRadius() });
      expect(index.matchesFromHits(q, hits).map((m) => m.mediaId)).toContain('scene-5');
      index.remove('scene-5');
      try {
        expect(index.matchesFromHits(q, hits).map((m) => m.mediaId)).not.toContain('scene-5');
      } finally {
        index.add('scene-5', signatureOf(await query(originals.get('scene-5')!)));
      }
    } finally {
      await pm.close();
    }
  });

  it('accepts the project PdqIndex as its code store and rejects unknown signature versions', () => {
    const store: CodeIndex = new PdqIndex();
    expect(store.size).toBe(0);
    expect(() => new RobustIndex(store).add('x', { version: 2 } as never)).toThrow(/version/);
  });
});
