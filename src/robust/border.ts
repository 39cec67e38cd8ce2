// Uniform-border detection: solid or near-solid padding, letterboxing and pillarboxing added
// around re-posted copies. Pure: works on decoded interleaved 8-bit pixels.
//
// A border line (row or column) is one whose pixels nearly all lie within a colour tolerance of
// that side's reference colour (the median of the outermost line). Textured or graded dark content
// fails that test, so an image whose edges are merely dark is left alone.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface BorderTrim {
  /** Pixels removed from each side. */
  left: number;
  top: number;
  right: number;
  bottom: number;
  /** The content rectangle left after trimming, in the input's pixel coordinates. */
  content: Rect;
}

export interface BorderOptions {
  /** Max per-channel deviation from the side's reference colour (JPEG noise and chroma subsampling on saturated padding reach ~25). */
  tolerance?: number;
  /** Share of a line's pixels that must lie within tolerance. */
  minUniformShare?: number;
  /** Max mean absolute difference between neighbouring pixels along a line (per channel):
   * JPEG-compressed padding stays near 1, textured content (night scenes, shadows, grain) above 4. */
  maxMeanDeviation?: number;
  /** Most of a dimension a single side may take. */
  maxSideShare?: number;
  /** A side thinner than this share of its dimension (and than 2 px) is not trimmed. */
  minSideShare?: number;
}

const DEFAULTS: Required<BorderOptions> = { tolerance: 28, minUniformShare: 0.97, maxMeanDeviation: 3, maxSideShare: 0.4, minSideShare: 0.01 };

/** Smallest content (px per dimension) kept after trimming; below it nothing is trimmed. */
const MIN_CONTENT_PX = 16;
/** Lines next to the content that may be ringing rather than border, and the share of border colour they still need. */
const RINGING_LINES = 16;
const RINGING_SHARE = 0.6;
/** At most this many samples per line (strided), so large images cost the same. */
const MAX_LINE_SAMPLES = 512;

type Colour = [number, number, number];

function pixelAt(px: Uint8Array, w: number, ch: number, x: number, y: number, out: Colour): Colour {
  const p = (y * w + x) * ch;
  if (ch >= 3) {
    out[0] = px[p]!;
    out[1] = px[p + 1]!;
    out[2] = px[p + 2]!;
  } else {
    out[0] = out[1] = out[2] = px[p]!;
  }
  return out;
}

/** Line geometry: `n` pixels from (x0, y0) stepping by (dx, dy). */
interface Line {
  x0: number;
  y0: number;
  dx: number;
  dy: number;
  n: number;
}

function lineMedian(px: Uint8Array, w: number, ch: number, line: Line): Colour {
  const step = Math.max(1, Math.floor(line.n / MAX_LINE_SAMPLES));
  const count = Math.ceil(line.n / step);
  // Typed arrays sort numerically in native code (a comparator over plain arrays dominated this stage).
  const cols = [new Uint8Array(count), new Uint8Array(count), new Uint8Array(count)];
  const c: Colour = [0, 0, 0];
  for (let i = 0, j = 0; i < line.n; i += step, j++) {
    pixelAt(px, w, ch, line.x0 + i * line.dx, line.y0 + i * line.dy, c);
    cols[0]![j] = c[0];
    cols[1]![j] = c[1];
    cols[2]![j] = c[2];
  }
  return cols.map((v) => v.sort()[v.length >> 1]!) as Colour;
}

function lineIsUniform(
  px: Uint8Array,
  w: number,
  ch: number,
  line: Line,
  ref: Colour,
  o: Required<BorderOptions>,
  share = o.minUniformShare,
  maxDev = o.maxMeanDeviation,
): boolean {
  const step = Math.max(1, Math.floor(line.n / MAX_LINE_SAMPLES));
  // Closeness is judged against the side's reference colour; texture by the mean difference between
  // neighbouring pixels (JPEG shifts a padding's colour in smooth 8-16 px blocks, while grain,
  // foliage or a night sky change from one pixel to the next).
  // Both counts only grow along the line, so a line is rejected as soon as either passes its limit (the same answer
  // as counting to the end). Pixels are read in place: this loop ran over most rows of a photo with a flat sky.
  const total = Math.ceil(line.n / step);
  const maxOff = total * (1 - share);
  const maxDevSum = maxDev * 3 * total;
  const stride = (line.dy * w + line.dx) * ch; // bytes from one pixel of the line to the next
  const tol = o.tolerance;
  const [r0, g0, b0] = ref;
  const grey = ch < 3;
  const g1 = grey ? 0 : 1,
    b1 = grey ? 0 : 2;
  let off = 0;
  let dev = 0;
  for (let i = 0, p = (line.y0 * w + line.x0) * ch; i < line.n; i += step, p += step * stride) {
    const r = px[p]!,
      g = px[p + g1]!,
      b = px[p + b1]!;
    if (Math.abs(r - r0) > tol || Math.abs(g - g0) > tol || Math.abs(b - b0) > tol) {
      if (++off > maxOff) return false;
    }
    if (i + 1 < line.n) {
      const q = p + stride;
      dev += Math.abs(r - px[q]!) + Math.abs(g - px[q + g1]!) + Math.abs(b - px[q + b1]!);
      // dev / (3 * total) <= maxDev, compared as in one division at the end (Infinity: texture not judged)
      if (dev > maxDevSum && dev / (3 * total) > maxDev) return false;
    }
  }
  return off <= maxOff && dev / (3 * total) <= maxDev;
}

/** Number of uniform lines from one side inward; `lineAt(k)` is the k-th line from that side. Returns -1 when the run reaches maxDepth (a mostly flat image, not a border). */
function sideDepth(px: Uint8Array, w: number, ch: number, lineAt: (k: number) => Line, maxDepth: number, o: Required<BorderOptions>): number {
  if (maxDepth <= 0) return 0; // trimming disabled
  // Reference colour: median of the outermost lines' medians (encoders treat the very edge
  // differently, so line 0 alone can be off by 20 levels on saturated colours).
  const first = [0, 1, 2].filter((k) => k < maxDepth).map((k) => lineMedian(px, w, ch, lineAt(k)));
  const ref = [0, 1, 2].map((c) => first.map((m) => m[c]!).sort((a, b) => a - b)[first.length >> 1]!) as Colour;
  let k = 0;
  while (k < maxDepth && lineIsUniform(px, w, ch, lineAt(k), ref, o)) k++;
  if (k === maxDepth) return -1;
  // JPEG ringing (and chroma subsampling) smears the last few border lines next to the content:
  // go on through lines that are still mostly border colour, at most one 16-px MCU further.
  if (k > 0) {
    const limit = Math.min(maxDepth, k + RINGING_LINES);
    while (k < limit && lineIsUniform(px, w, ch, lineAt(k), ref, o, RINGING_SHARE, Infinity)) k++;
  }
  return k;
}

function checkInput(px: Uint8Array, w: number, h: number, ch: number): void {
  if (!Number.isInteger(w) || !Number.isInteger(h) || w < 0 || h < 0) throw new RangeError(`invalid dimensions ${w}x${h}`);
  if (!Number.isInteger(ch) || ch < 1 || ch > 4) throw new RangeError(`channels must be 1..4, got ${ch}`);
  if (px.length < w * h * ch) throw new RangeError(`pixel buffer has ${px.length} bytes, ${w}x${h}x${ch} needs ${w * h * ch}`);
}

/**
 * Detects uniform borders. Returns null when there is nothing worth trimming (no border, a border
 * thinner than minSideShare, or an image that is uniform all over).
 */
export function detectBorders(pixels: Uint8Array, width: number, height: number, channels = 3, options: BorderOptions = {}): BorderTrim | null {
  checkInput(pixels, width, height, channels);
  const o = { ...DEFAULTS, ...options };
  if (width < MIN_CONTENT_PX || height < MIN_CONTENT_PX) return null;
  const maxV = Math.floor(height * o.maxSideShare);
  const maxH = Math.floor(width * o.maxSideShare);
  const keep = (depth: number, dim: number): number => (depth >= Math.max(2, Math.ceil(dim * o.minSideShare)) ? depth : 0);

  // Rows first (letterbox), then columns within the rows that remain (pillarbox).
  // A side that runs to its limit (a mostly flat image) settles the answer: the sides after it are not looked at.
  const topRun = sideDepth(pixels, width, channels, (k) => ({ x0: 0, y0: k, dx: 1, dy: 0, n: width }), maxV, o);
  if (topRun < 0) return null;
  const bottomRun = sideDepth(pixels, width, channels, (k) => ({ x0: 0, y0: height - 1 - k, dx: 1, dy: 0, n: width }), maxV, o);
  if (bottomRun < 0) return null;
  const top = keep(topRun, height);
  const bottom = keep(bottomRun, height);
  const rows = height - top - bottom;
  if (rows < MIN_CONTENT_PX) return null;
  const leftRun = sideDepth(pixels, width, channels, (k) => ({ x0: k, y0: top, dx: 0, dy: 1, n: rows }), maxH, o);
  if (leftRun < 0) return null;
  const rightRun = sideDepth(pixels, width, channels, (k) => ({ x0: width - 1 - k, y0: top, dx: 0, dy: 1, n: rows }), maxH, o);
  if (rightRun < 0) return null;
  const left = keep(leftRun, width);
  const right = keep(rightRun, width);
  const cols = width - left - right;
  if (cols < MIN_CONTENT_PX) return null;
  if (top + bottom + left + right === 0) return null;
  return { left, top, right, bottom, content: { x: left, y: top, width: cols, height: rows } };
}

/** Copy of a rectangle of interleaved pixels. */
export function cropPixels(pixels: Uint8Array, width: number, height: number, channels: number, r: Rect): Uint8Array {
  checkInput(pixels, width, height, channels);
  if (r.x < 0 || r.y < 0 || r.width <= 0 || r.height <= 0 || r.x + r.width > width || r.y + r.height > height) {
    throw new RangeError(`crop ${r.x},${r.y} ${r.width}x${r.height} outside ${width}x${height}`);
  }
  const out = new Uint8Array(r.width * r.height * channels);
  const rowBytes = r.width * channels;
  for (let y = 0; y < r.height; y++) {
    const src = ((r.y + y) * width + r.x) * channels;
    out.set(pixels.subarray(src, src + rowBytes), y * rowBytes);
  }
  return out;
}
