// Crop-resistant signature of one image: PDQ hashes of a centre-crop pyramid over the
// border-trimmed content. Level k is the centre crop at scale ratio^k (1, 0.9, 0.81, ...).
// A copy cropped to ratio^d of the original lines up level a of the copy with level a + d of the
// original for every a at once, so several levels agree with one consistent offset: that
// agreement is the evidence the matcher asks for (see matcher.ts). Padding is the same relation
// in the other direction (offset -d), and is usually removed outright by the border trim.

import { pdqDihedralFromLumaWindow, type PdqDihedralHashes } from '../hashing/index.js';
import { detectBorders, type BorderOptions, type BorderTrim, type Rect } from './border.js';
import { detectionPlanes, findInsets, refineInset } from './insets.js';
import { blockLumaWasm } from './luma.js';

export interface PyramidOptions {
  /** Scale ratio between consecutive levels. */
  ratio?: number;
  /** Number of levels (level 0 = the whole trimmed image). */
  levels?: number;
  /** Query side only: also hash half levels (scale ratio^(k+1/2)), so crops that fall between two
   * stored levels (e.g. 95 %, 85 %) line up with the stored pyramid at half-integer offsets. */
  halfLevels?: boolean;
  /** Longest side of the working luma image the regions are hashed from. */
  workSize?: number;
  /** Regions whose PDQ quality is below this are not stored or queried (flat, featureless). */
  minQuality?: number;
  border?: BorderOptions;
  /** The pixels are a downscaled copy of an image this size (the hashing worker's shared work image): the
   * border trim is reported in its coordinates, as it would be found on the full image. */
  fullSize?: { width: number; height: number };
  /** Query side only: also hash rectangles bounded by straight step edges (a picture pasted into this one, one
   * side of a collage; insets.ts) as pyramids of their own, base 'inset'. */
  insets?: boolean;
}

export const PYRAMID_DEFAULTS: Required<Omit<PyramidOptions, 'border' | 'fullSize'>> = {
  ratio: 0.9,
  levels: 7,
  halfLevels: true,
  workSize: 512,
  minQuality: 50,
  insets: true,
};

/** Levels of an inset's pyramid (with half levels): an inset is a whole picture shown small, so its own crop levels
 * meet the known picture's at offset 0 or a little above; fewer levels keep the extra codes few. */
export const INSET_LEVELS = 4;

/** Which image a pyramid is cut from: the whole decoded image, or its content after border trimming. */
export type RegionBase = 'full' | 'trim';
/** A query's pyramids may also be cut from a proposed inset (never stored). */
export type QueryBase = RegionBase | 'inset';

export interface RegionHash {
  base: RegionBase;
  /** Pyramid level: the region is the centre crop at scale ratio^level of its base. Stored levels
   * are integers; a query may also carry half levels (0.5, 1.5, ...). */
  level: number;
  /** PDQ hex (64 chars) of the region. */
  hash: string;
  quality: number;
}

export interface QueryRegion extends Omit<RegionHash, 'base'> {
  base: QueryBase;
  /** Base 'inset': which of the query's insets the pyramid is cut from. */
  inset?: number;
  /** The 8 dihedral variants (original included): mirrored and rotated copies match through them. */
  dihedral: PdqDihedralHashes;
}

/** What the ingest side stores per media. */
export interface RobustSignature {
  version: 1;
  ratio: number;
  /** Uniform border found and removed before hashing, or null. */
  trim: BorderTrim | null;
  /** Pyramid of the full image, then (if trimmed) pyramid of the trimmed content; trim level 0 is the PDQ of the trimmed content. */
  regions: RegionHash[];
}

/** What the query side computes: the same regions with their dihedral variants. */
export interface RobustQuery {
  version: 1;
  ratio: number;
  trim: BorderTrim | null;
  regions: QueryRegion[];
  /** Proposed insets (base 'inset' regions, by index), in the same coordinates as trim. */
  insets?: Rect[];
  /** The frame those coordinates are in (the full image's size). */
  frame?: { width: number; height: number };
}

const LUMA_R = 0.299;
const LUMA_G = 0.587;
const LUMA_B = 0.114;

/**
 * Luma of a rectangle of interleaved pixels, box-averaged by an integer factor so that the longest
 * side is at most maxSide. PDQ reduces to 64x64 anyway; this keeps every region hash cheap. Large
 * blocks are sampled on a sub-grid (at most ~4 samples per block side) so a 12 MP photo costs about
 * as much as a 3 MP one.
 */
export function downscaledLuma(
  pixels: Uint8Array,
  width: number,
  channels: number,
  r: Rect,
  maxSide: number,
): { luma: Float32Array; width: number; height: number } {
  const f = Math.max(1, Math.ceil(Math.max(r.width, r.height) / maxSide));
  const step = Math.max(1, Math.floor(f / 4));
  const ow = Math.ceil(r.width / f);
  const oh = Math.ceil(r.height / f);
  if (step === 1 && channels >= 3) {
    // Every pixel of RGB(A) blocks (the worker's case): luma.wat, the same float64 sums in the same order as below.
    const fast = blockLumaWasm(pixels, width, channels, r, f, ow, oh);
    if (fast) return { luma: fast, width: ow, height: oh };
  }
  const luma = new Float32Array(ow * oh);
  if (f === 1 && channels === 3) {
    // Already small enough (the hashing worker's work image): one pixel per output, the same sum as below.
    for (let y = 0, o = 0; y < oh; y++)
      for (let p = ((r.y + y) * width + r.x) * 3, end = p + ow * 3; p < end; p += 3)
        luma[o++] = LUMA_R * pixels[p]! + LUMA_G * pixels[p + 1]! + LUMA_B * pixels[p + 2]!;
    return { luma, width: ow, height: oh };
  }
  const acc = new Float64Array(ow);
  const cnt = new Uint32Array(ow);
  const grey = channels < 3;
  for (let oy = 0; oy < oh; oy++) {
    acc.fill(0);
    cnt.fill(0);
    const yEnd = Math.min(r.height, (oy + 1) * f);
    for (let y = oy * f; y < yEnd; y += step) {
      const rowStart = ((r.y + y) * width + r.x) * channels;
      for (let ox = 0; ox < ow; ox++) {
        const xEnd = Math.min(r.width, (ox + 1) * f);
        let s = 0;
        let n = 0;
        for (let x = ox * f, p = rowStart + x * channels; x < xEnd; x += step, p += step * channels) {
          s += grey ? pixels[p]! : LUMA_R * pixels[p]! + LUMA_G * pixels[p + 1]! + LUMA_B * pixels[p + 2]!;
          n++;
        }
        acc[ox] += s;
        cnt[ox]! += n;
      }
    }
    const o = oy * ow;
    for (let ox = 0; ox < ow; ox++) luma[o + ox] = acc[ox]! / cnt[ox]!;
  }
  return { luma, width: ow, height: oh };
}

/** The centre crop at `scale` of a w×h image. */
function centreCrop(w: number, h: number, scale: number): Rect {
  if (scale >= 1) return { x: 0, y: 0, width: w, height: h };
  const cw = Math.max(1, Math.round(w * scale));
  const ch = Math.max(1, Math.round(h * scale));
  return { x: Math.floor((w - cw) / 2), y: Math.floor((h - ch) / 2), width: cw, height: ch };
}

function checkImage(pixels: Uint8Array, width: number, height: number, channels: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) throw new RangeError(`invalid dimensions ${width}x${height}`);
  if (!Number.isInteger(channels) || channels < 1 || channels > 4) throw new RangeError(`channels must be 1..4, got ${channels}`);
  if (pixels.length < width * height * channels)
    throw new RangeError(`pixel buffer has ${pixels.length} bytes, ${width}x${height}x${channels} needs ${width * height * channels}`);
}

function pyramid(
  work: { luma: Float32Array; width: number; height: number },
  base: QueryBase,
  o: Required<Omit<PyramidOptions, 'border' | 'fullSize'>>,
  out: QueryRegion[],
  inset?: number,
): void {
  const step = o.halfLevels ? 0.5 : 1;
  for (let level = 0; level <= o.levels - 1; level += step) {
    const c = centreCrop(work.width, work.height, Math.pow(o.ratio, level));
    const d = pdqDihedralFromLumaWindow(work.luma, work.width, c.x, c.y, c.width, c.height);
    if (d.quality < o.minQuality) continue;
    out.push({ base, level, hash: d.hashes.original, quality: d.quality, dihedral: d.hashes, ...(inset === undefined ? {} : { inset }) });
  }
}

/**
 * Query form: pyramid of the full image and, when a uniform border is found, of the trimmed
 * content too (a copy and its original may disagree on what is border: e.g. an original on a plain
 * background trims to its subject, the padded copy only loses the padding).
 * Input: decoded 8-bit pixels, 1-4 channels.
 */
export function robustQueryFromPixels(pixels: Uint8Array, width: number, height: number, channels = 3, options: PyramidOptions = {}): RobustQuery {
  checkImage(pixels, width, height, channels);
  const o = { ...PYRAMID_DEFAULTS, ...options };
  const trim = detectBorders(pixels, width, height, channels, o.border);
  const regions: QueryRegion[] = [];
  const whole = downscaledLuma(pixels, width, channels, { x: 0, y: 0, width, height }, o.workSize);
  pyramid(whole, 'full', o, regions);
  if (trim) pyramid(downscaledLuma(pixels, width, channels, trim.content, o.workSize), 'trim', o, regions);
  const insets: Rect[] = [];
  if (o.insets) {
    // Found on small planes, then placed on the pixels: a PDQ of a small region moves with a line of the host.
    const d = detectionPlanes(pixels, width, height, channels);
    for (const p of findInsets(d.planes, d.w, d.h)) {
      const scaled = { x: p.x * d.f, y: p.y * d.f, width: p.width * d.f, height: p.height * d.f };
      const r = refineInset(pixels, width, height, channels, scaled, 2 * d.f + 1);
      if (r.width < 16 || r.height < 16) continue;
      pyramid(downscaledLuma(pixels, width, channels, r, o.workSize), 'inset', { ...o, levels: Math.min(o.levels, INSET_LEVELS) }, regions, insets.length);
      insets.push(options.fullSize ? scaleRect(r, width, height, options.fullSize) : r);
    }
  }
  return {
    version: 1,
    ratio: o.ratio,
    trim: trim && options.fullSize ? scaleTrim(trim, width, height, options.fullSize) : trim,
    regions,
    ...(insets.length ? { insets, frame: options.fullSize ?? { width, height } } : {}),
  };
}

/** A rectangle found on a downscaled copy, in the full image's pixel coordinates. */
function scaleRect(r: Rect, w: number, h: number, full: { width: number; height: number }): Rect {
  const sx = full.width / w,
    sy = full.height / h;
  return { x: Math.round(r.x * sx), y: Math.round(r.y * sy), width: Math.round(r.width * sx), height: Math.round(r.height * sy) };
}

/** A trim found on a downscaled copy, in the full image's pixel coordinates. */
function scaleTrim(t: BorderTrim, w: number, h: number, full: { width: number; height: number }): BorderTrim {
  const sx = full.width / w;
  const sy = full.height / h;
  const left = Math.round(t.left * sx);
  const top = Math.round(t.top * sy);
  const right = Math.round(t.right * sx);
  const bottom = Math.round(t.bottom * sy);
  return { left, top, right, bottom, content: { x: left, y: top, width: full.width - left - right, height: full.height - top - bottom } };
}

/** The stored form of a query: integer levels only, without the dihedral variants (the index holds originals only). */
export function signatureOf(q: RobustQuery): RobustSignature {
  return {
    version: 1,
    ratio: q.ratio,
    trim: q.trim,
    regions: q.regions
      .filter((r): r is QueryRegion & { base: RegionBase } => Number.isInteger(r.level) && r.base !== 'inset')
      .map(({ base, level, hash, quality }) => ({ base, level, hash, quality })),
  };
}

/** Ingest form: what to store per media. */
export function robustSignatureFromPixels(pixels: Uint8Array, width: number, height: number, channels = 3, options: PyramidOptions = {}): RobustSignature {
  return signatureOf(robustQueryFromPixels(pixels, width, height, channels, { ...options, halfLevels: false, insets: false }));
}
