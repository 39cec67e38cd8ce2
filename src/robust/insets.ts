// Picture-in-picture proposals: axis-aligned rectangles whose sides are straight step edges, such as a
// known picture pasted into another one (an inset) or one side of a collage. A known picture shown there
// shares no centre crop with the query, so the crop pyramid cannot see it; hashing the proposed rectangle
// as a pyramid of its own can (signature.ts). Pure: works on decoded pixels.
//
// A side of an inset is a row (or column) boundary where the pixels step (in luma or hue) at most positions along
// a run and the step is the strongest within a few lines across it. Texture steps as often, but its strongest line
// wanders from one position to the next; a pasted edge stays on one line.

import type { Rect } from './border.js';

export interface InsetOptions {
  /** Smallest step (0–255, between the 2-line means on either side, the largest over the planes) that counts along a side. */
  minStep?: number;
  /** Lines on either side of a boundary its step must be the strongest of. */
  window?: number;
  /** Share of a side's positions that must step. */
  minDensity?: number;
  /** Longest run of positions without a step inside a side. */
  maxGap?: number;
  /** Shortest side, as a share of the image's side along it. */
  minSideShare?: number;
  /** Largest proposal, as a share of the image's area (larger ones are the whole picture, which the pyramid sees). */
  maxAreaShare?: number;
  /** Most proposals returned. */
  maxProposals?: number;
  /** Most lines per direction a rectangle's sides are chosen from (the most covered). */
  maxLines?: number;
  /** Share of an inner side the found sides must cover. */
  minCover?: number;
  /** Share of the one inner side of a rectangle otherwise bounded by the plane's edges (a collage's seam). */
  seamCover?: number;
  /** Most weak sides (too little of them stepping) a rectangle may have, each where a covered side across it ends. */
  maxWeak?: number;
}

export const INSET_DEFAULTS: Required<InsetOptions> = {
  minStep: 14,
  window: 3,
  minDensity: 0.55,
  maxGap: 8,
  minSideShare: 0.15,
  maxAreaShare: 0.8,
  maxProposals: 3,
  maxLines: 12,
  minCover: 0.6,
  seamCover: 0.9,
  maxWeak: 2,
};

/** A straight run of steps: along `at` (a row boundary for horizontal sides, a column boundary for vertical ones). */
export interface Side {
  at: number;
  from: number;
  to: number;
  /** Positions that step. */
  count: number;
}

export interface InsetProposal extends Rect {
  /** Share of the four sides that found sides cover, a side on the plane's edge counting half, an open one nothing. */
  support: number;
}

/**
 * Sides along row boundaries of w×h planes (boundary y lies between rows y-1 and y). Pass the planes transposed
 * for column boundaries.
 */
export function findSides(planes: readonly Float32Array[], w: number, h: number, o: Required<InsetOptions>): Side[] {
  // step[y][x]: |mean of rows y, y+1 − mean of rows y-1, y-2|, the step across boundary y, the largest over the planes
  // (luma, and colour-opponent planes: a picture can meet its host in brightness and differ in hue).
  const step = new Float32Array(w * h);
  for (const plane of planes)
    for (let y = 2; y < h - 1; y++)
      for (let x = 0, p = y * w; x < w; x++, p++) {
        const s = Math.abs(plane[p]! + plane[p + w]! - plane[p - w]! - plane[p - 2 * w]!) / 2;
        if (s > step[p]!) step[p] = s;
      }
  const minLen = Math.max(24, Math.round(o.minSideShare * w));
  const sides: Side[] = [];
  // hit: the step is at least minStep and the strongest within the window across it (the window cut short by
  // the plane's edge: an inset a few pixels from it has its side there).
  const hit = new Uint8Array(w * h);
  const win = o.window,
    minStep = o.minStep;
  for (let y = 2; y < h - 1; y++) {
    const row = y * w,
      up = Math.min(win, y - 2) * w,
      down = Math.min(win, h - 2 - y) * w;
    for (let x = 0; x < w; x++) {
      const p = row + x,
        s = step[p]!;
      if (s < minStep) continue;
      let on = 1;
      for (let d = w; d <= up; d += w)
        if (step[p - d]! > s) {
          on = 0;
          break;
        }
      for (let d = w; on && d <= down; d += w)
        if (step[p + d]! > s) {
          on = 0;
          break;
        }
      hit[p] = on;
    }
  }
  for (let y = 2; y < h - 1; y++) {
    // An edge between two lines of the plane (a pasted picture at an odd offset, after downscaling) steps on
    // either of two boundaries from one position to the next: a side is on boundary y or y + 1.
    const row = y * w,
      next = y + 1 < h - 1 ? row + w : row;
    let from = -1,
      last = -1,
      count = 0;
    const close = () => {
      if (from >= 0 && last - from + 1 >= minLen && count / (last - from + 1) >= o.minDensity) sides.push({ at: y, from, to: last + 1, count });
    };
    for (let x = 0; x < w; x++) {
      if (!hit[row + x] && !hit[next + x]) continue;
      if (from < 0 || x - last - 1 > o.maxGap) {
        close();
        from = x;
        count = 0;
      }
      last = x;
      count++;
    }
    close();
  }
  return sides;
}

function iou(a: Rect, b: Rect): number {
  const x0 = Math.max(a.x, b.x),
    y0 = Math.max(a.y, b.y),
    x1 = Math.min(a.x + a.width, b.x + b.width),
    y1 = Math.min(a.y + a.height, b.y + b.height);
  const i = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  return i / (a.width * a.height + b.width * b.height - i);
}

/** Per line (a boundary with sides on it, or on the boundary beside it), how much of it the sides cover up to each position. */
class Lines {
  readonly at: number[];
  /** Where the sides on each kept line begin and end. */
  readonly ends: number[][];
  private readonly cum: Uint16Array[];
  constructor(sides: Side[], length: number, most: number) {
    const byLine = new Map<number, Side[]>();
    for (const s of sides)
      for (const a of [s.at - 1, s.at, s.at + 1]) {
        const l = byLine.get(a);
        if (l) l.push(s);
        else byLine.set(a, [s]);
      }
    const covered = new Map<number, Uint8Array>();
    for (const [a, ss] of byLine) {
      const c = new Uint8Array(length);
      for (const s of ss) c.fill(1, s.from, s.to);
      covered.set(a, c);
    }
    // The lines with sides of their own, most covered first.
    const own = [...new Set(sides.map((s) => s.at))].map((a) => ({ a, n: covered.get(a)!.reduce((t, v) => t + v, 0) }));
    own.sort((p, q) => q.n - p.n || p.a - q.a);
    const kept: number[] = [];
    for (const { a } of own) if (kept.length < most && !kept.some((k) => Math.abs(k - a) <= 1)) kept.push(a);
    this.at = kept.sort((p, q) => p - q);
    this.ends = this.at.map((a) => byLine.get(a)!.flatMap((s) => [s.from, s.to]));
    this.cum = this.at.map((a) => {
      const c = covered.get(a)!,
        cum = new Uint16Array(length + 1);
      for (let i = 0; i < length; i++) cum[i + 1] = cum[i]! + c[i]!;
      return cum;
    });
  }
  /** Share of [from, to) covered on line i. */
  share(i: number, from: number, to: number): number {
    const c = this.cum[i]!;
    return (c[to]! - c[from]!) / (to - from);
  }
}

/**
 * Rectangles bounded by straight step edges in w×h planes (detectionPlanes), best supported first. Every rectangle whose
 * sides lie on lines with sides found (or on the plane's edge) is scored by how much of each inner side the
 * found sides cover: each must be covered for at least minCover, and two of them at least (a collage's
 * part, bounded by one seam, needs that seam covered almost whole).
 */
export function findInsets(planes: readonly Float32Array[], w: number, h: number, options: InsetOptions = {}): InsetProposal[] {
  const o = { ...INSET_DEFAULTS, ...options };
  if (w < 32 || h < 32 || !planes.length) return [];
  const transposed = planes.map((p) => {
    const t = new Float32Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) t[x * h + y] = p[y * w + x]!;
    return t;
  });
  const rows = new Lines(findSides(planes, w, h, o), w, o.maxLines);
  const cols = new Lines(findSides(transposed, h, w, o), h, o.maxLines);
  const minW = Math.max(24, o.minSideShare * w),
    minH = Math.max(24, o.minSideShare * h);
  // Candidate positions: the plane's edges (kind 'edge'), the lines ('line', i its index), and where the
  // perpendicular lines' sides end ('open': a side that steps too little along most of it, such as an inset
  // whose colours meet the host's, is placed where the sides across it end).
  type Pos = { at: number; kind: 'edge' | 'line' | 'open'; i: number };
  const positions = (lines: Lines, across: Lines, limit: number): Pos[] => {
    const out: Pos[] = [{ at: 0, kind: 'edge', i: -1 }, ...lines.at.map((at, i) => ({ at, kind: 'line' as const, i })), { at: limit, kind: 'edge', i: -1 }];
    const ends = across.ends.flat().sort((a, b) => a - b);
    let open = 0;
    for (const e of ends)
      if (open < o.maxLines && !out.some((p) => Math.abs(p.at - e) <= tol)) {
        out.push({ at: e, kind: 'open', i: -1 });
        open++;
      }
    return out.sort((a, b) => a.at - b.at);
  };
  const tol = Math.max(2, Math.round(Math.min(w, h) * 0.006));
  const xs = positions(cols, rows, w);
  const ys = positions(rows, cols, h);
  /** Whether a side on line i of `lines` ends within tol of p. */
  const endsAt = (lines: Lines, i: number, p: number) => lines.ends[i]!.some((e) => Math.abs(e - p) <= tol);
  /** A side at p (its share covered) holds: on the plane's edge, covered, or where a covered side across it (a or b,
   * on `across`, spanning from..to) ends. */
  const sideHolds = (p: Pos, share: number, a: Pos, b: Pos, across: Lines, from: number, to: number) =>
    p.kind === 'edge' || share >= o.minCover || endsHere(a, across, from, to, p.at) || endsHere(b, across, from, to, p.at);
  /** Whether q is a line whose sides cover from..to and end at `at`. */
  const endsHere = (q: Pos, lines: Lines, from: number, to: number, at: number) =>
    q.kind === 'line' && lines.share(q.i, from, to) >= o.minCover && endsAt(lines, q.i, at);
  const found: InsetProposal[] = [];
  for (let a = 0; a < ys.length; a++)
    for (let b = a + 1; b < ys.length; b++) {
      const y0 = ys[a]!,
        y1 = ys[b]!;
      const rh = y1.at - y0.at;
      if (rh < minH) continue;
      for (let c = 0; c < xs.length; c++)
        for (let d = c + 1; d < xs.length; d++) {
          const x0 = xs[c]!,
            x1 = xs[d]!;
          const rw = x1.at - x0.at;
          if (rw < minW || rw * rh > o.maxAreaShare * w * h) continue;
          const top = y0.kind === 'line' ? rows.share(y0.i, x0.at, x1.at) : 0,
            bottom = y1.kind === 'line' ? rows.share(y1.i, x0.at, x1.at) : 0,
            left = x0.kind === 'line' ? cols.share(x0.i, y0.at, y1.at) : 0,
            right = x1.kind === 'line' ? cols.share(x1.i, y0.at, y1.at) : 0;
          const edges = +(y0.kind === 'edge') + +(y1.kind === 'edge') + +(x0.kind === 'edge') + +(x1.kind === 'edge');
          const covered = +(top >= o.minCover) + +(bottom >= o.minCover) + +(left >= o.minCover) + +(right >= o.minCover);
          const sum = top + bottom + left + right;
          if (covered === 0 || covered + edges < 4 - o.maxWeak) continue;
          if (covered === 1 && (edges < 3 || sum < o.seamCover)) continue;
          // A weak side (stepping along too little of it, or not on a line at all) lies where a covered side
          // across it ends: an inset whose colours meet the host's along part of its edge.
          if (
            !sideHolds(y0, top, x0, x1, cols, y0.at, y1.at) ||
            !sideHolds(y1, bottom, x0, x1, cols, y0.at, y1.at) ||
            !sideHolds(x0, left, y0, y1, rows, x0.at, x1.at) ||
            !sideHolds(x1, right, y0, y1, rows, x0.at, x1.at)
          )
            continue;
          found.push({ x: x0.at, y: y0.at, width: rw, height: rh, support: (sum + 0.5 * edges) / 4 });
        }
    }
  found.sort((p, q) => q.support - p.support || q.width * q.height - p.width * p.height);
  const out: InsetProposal[] = [];
  for (const r of found) {
    if (out.length >= o.maxProposals) break;
    if (out.some((p) => iou(p, r) > 0.7)) continue;
    out.push(r);
  }
  return out;
}

/** Longest side of the planes sides are looked for on. */
export const DETECT_SIDE = 256;

/** The planes sides are looked for on, w×h, and how many pixels of the image each of theirs stands for. */
export interface DetectionPlanes {
  planes: Float32Array[];
  w: number;
  h: number;
  f: number;
}

/**
 * Luma and two colour-opponent planes ((R − G) / 2, (R + G) / 4 − B / 2) of interleaved 8-bit pixels, as means of
 * f×f blocks (f = ceil(longest side / side)), each sampled on a sub-grid of at most 2×2: edges are what is looked for,
 * and refineInset places them on the pixels. Grey pixels give the luma plane alone.
 */
export function detectionPlanes(pixels: Uint8Array, width: number, height: number, channels: number, side = DETECT_SIDE): DetectionPlanes {
  const f = Math.max(1, Math.ceil(Math.max(width, height) / side));
  const w = Math.floor(width / f),
    h = Math.floor(height / f);
  const step = Math.max(1, Math.floor(f / 2));
  const colour = channels >= 3;
  const luma = new Float32Array(w * h),
    rg = colour ? new Float32Array(w * h) : null,
    yb = colour ? new Float32Array(w * h) : null;
  for (let oy = 0; oy < h; oy++)
    for (let ox = 0; ox < w; ox++) {
      let l = 0,
        a = 0,
        b = 0,
        n = 0;
      for (let y = oy * f; y < (oy + 1) * f; y += step)
        for (let x = ox * f, p = (y * width + x) * channels; x < (ox + 1) * f; x += step, p += step * channels) {
          if (!colour) {
            l += pixels[p]!;
          } else {
            const r = pixels[p]!,
              g = pixels[p + 1]!,
              bl = pixels[p + 2]!;
            l += 0.299 * r + 0.587 * g + 0.114 * bl;
            a += r - g;
            b += (r + g) / 2 - bl;
          }
          n++;
        }
      const i = oy * w + ox;
      luma[i] = l / n;
      if (rg && yb) {
        rg[i] = a / (2 * n);
        yb[i] = b / (2 * n);
      }
    }
  return { planes: rg && yb ? [luma, rg, yb] : [luma], w, h, f };
}

/** How far two pixels of interleaved 8-bit pixels differ: in luma, or in either colour-opponent plane. */
function pixelStep(px: Uint8Array, width: number, channels: number, x0: number, y0: number, x1: number, y1: number): number {
  const p = (y0 * width + x0) * channels,
    q = (y1 * width + x1) * channels;
  if (channels < 3) return Math.abs(px[p]! - px[q]!);
  const dr = px[p]! - px[q]!,
    dg = px[p + 1]! - px[q + 1]!,
    db = px[p + 2]! - px[q + 2]!;
  return Math.max(Math.abs(0.299 * dr + 0.587 * dg + 0.114 * db), Math.abs(dr - dg) / 2, Math.abs((dr + dg) / 2 - db) / 2);
}

/** Most positions sampled along a side while refining it. */
const REFINE_SAMPLES = 256;
/** A side given on the image's edge is looked for this far inside it (share of the image's side), */
const EDGE_MARGIN = 0.03;
/** where it must step at least this much on average (0–255), and this many times the median line there. */
const EDGE_MIN_STEP = 12;
const EDGE_STEP_RATIO = 3;

/**
 * A proposal found on downscaled planes, placed on the pixels it came from: each side moves to the line
 * (within `radius` pixels of its scaled place) where the pixels step most along the side (pixelStep). A side on
 * the image's edge moves inside it only onto a line that steps far more than the lines there (a thin margin of the
 * host). A PDQ of a small region is sensitive to a line of the host left inside it.
 */
export function refineInset(pixels: Uint8Array, width: number, height: number, channels: number, r: Rect, radius: number): Rect {
  // Mean step across the boundary before line p (between p - 1 and p), along [from, to) of the other axis.
  const stepAt = (horizontal: boolean, p: number, from: number, to: number) => {
    const stride = Math.max(1, Math.floor((to - from) / REFINE_SAMPLES));
    let s = 0,
      n = 0;
    for (let q = from; q < to; q += stride, n++)
      s += horizontal ? pixelStep(pixels, width, channels, q, p, q, p - 1) : pixelStep(pixels, width, channels, p, q, p - 1, q);
    return n ? s / n : 0;
  };
  const best = (horizontal: boolean, at: number, from: number, to: number, limit: number) => {
    if (at <= 0 || at >= limit) {
      // On the image's edge: the picture may still end a few pixels inside it, on a margin of the host. Its side
      // is then a line that steps far more than the lines around it; otherwise the side stays on the edge.
      const edge = Math.max(0, Math.min(limit, at)),
        inward = Math.max(radius, Math.round(EDGE_MARGIN * limit));
      const steps: Array<{ p: number; s: number }> = [];
      for (let k = 1; k <= inward; k++) {
        const p = edge === 0 ? k : limit - k;
        steps.push({ p, s: stepAt(horizontal, p, from, to) });
      }
      const sorted = steps.map((x) => x.s).sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
      const top = steps.reduce((a, b) => (b.s > a.s ? b : a), { p: edge, s: -1 });
      return top.s >= EDGE_MIN_STEP && top.s >= EDGE_STEP_RATIO * Math.max(1, median) ? top.p : edge;
    }
    let top = at,
      strongest = -1;
    for (let p = Math.max(1, at - radius); p <= Math.min(limit - 1, at + radius); p++) {
      const s = stepAt(horizontal, p, from, to);
      if (s > strongest) [strongest, top] = [s, p];
    }
    return top;
  };
  // The sides' spans, kept inside by a margin so a neighbouring side's own step is not counted.
  const mx = Math.min(radius + 1, Math.floor(r.width / 4)),
    my = Math.min(radius + 1, Math.floor(r.height / 4));
  const x1 = r.x + r.width,
    y1 = r.y + r.height;
  const top = best(true, r.y, r.x + mx, x1 - mx, height);
  const bottom = best(true, y1, r.x + mx, x1 - mx, height);
  const left = best(false, r.x, r.y + my, y1 - my, width);
  const right = best(false, x1, r.y + my, y1 - my, width);
  return { x: left, y: top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) };
}
