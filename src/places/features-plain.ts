// The plain per-pixel steps of the feature extractor (features.ts): FAST-9 scores, the pyramid's bilinear downscale,
// integral images and the intensity-centroid orientation. The WebAssembly kernel (kernel.wat) computes the same
// values faster; these stay as the reference its tests compare with and for runtimes without WebAssembly SIMD. Pure.

export const PATCH_R = 15; // BRIEF and centroid radius
/** Pixels left out at each edge: the BRIEF patch and its 5×5 box sums fit inside. */
export const BORDER = PATCH_R + 4;

const CIRCLE = [
  [0, -3],
  [1, -3],
  [2, -2],
  [3, -1],
  [3, 0],
  [3, 1],
  [2, 2],
  [1, 3],
  [0, 3],
  [-1, 3],
  [-2, 2],
  [-3, 1],
  [-3, 0],
  [-3, -1],
  [-2, -2],
  [-1, -3],
] as const;

/** FAST-9 corner score (sum of the contrast beyond the threshold on the circle) or 0 if not a corner, per pixel. */
export function fastScoresScalar(img: Uint8Array, w: number, h: number, t: number): Float32Array {
  const score = new Float32Array(w * h);
  const off = Int32Array.from(CIRCLE, ([dx, dy]) => dy * w + dx);
  const o0 = off[0]!,
    o4 = off[4]!,
    o8 = off[8]!,
    o12 = off[12]!;
  for (let y = BORDER; y < h - BORDER; y++) {
    for (let i = y * w + BORDER, end = y * w + w - BORDER; i < end; i++) {
      const c = img[i]!,
        hi = c + t,
        lo = c - t;
      // Quick rejection: a 9-arc covers at least two of the four compass points... on the same side.
      const p0 = img[i + o0]!,
        p4 = img[i + o4]!,
        p8 = img[i + o8]!,
        p12 = img[i + o12]!;
      const nb = (p0 > hi ? 1 : 0) + (p4 > hi ? 1 : 0) + (p8 > hi ? 1 : 0) + (p12 > hi ? 1 : 0);
      const nd = (p0 < lo ? 1 : 0) + (p4 < lo ? 1 : 0) + (p8 < lo ? 1 : 0) + (p12 < lo ? 1 : 0);
      if (nb < 2 && nd < 2) continue;
      // The circle as two 16-bit masks (brighter, darker); a corner has 9 contiguous set bits in one of them.
      let mb = 0,
        md = 0;
      for (let k = 0; k < 16; k++) {
        const p = img[i + off[k]!]!;
        if (p > hi) mb |= 1 << k;
        else if (p < lo) md |= 1 << k;
      }
      if (!arc9(mb) && !arc9(md)) continue;
      let sum = 0;
      for (let k = 0; k < 16; k++) sum += Math.max(0, Math.abs(img[i + off[k]!]! - c) - t);
      score[i] = sum;
    }
  }
  return score;
}

/** Whether a 16-bit circular mask has 9 contiguous set bits (the mask doubled, then runs of 2, 4, 8 and 9). */
function arc9(m: number): boolean {
  if (m === 0) return false;
  const d = (m | (m << 16)) >>> 0;
  let r = d & (d >>> 1);
  r &= r >>> 2;
  r &= r >>> 4;
  r &= d >>> 8;
  return (r & 0xffff) !== 0;
}

export function downscaleScalar(src: Uint8Array, w: number, h: number, nw: number, nh: number): Uint8Array {
  const out = new Uint8Array(nw * nh);
  const fx = w / nw,
    fy = h / nh;
  // Each column's source position and weights, worked out once for all rows (the same values as per pixel).
  const xs = new Int32Array(nw),
    axs = new Float64Array(nw);
  for (let x = 0; x < nw; x++) {
    const sx = Math.min(w - 1.001, (x + 0.5) * fx - 0.5);
    xs[x] = Math.max(0, Math.floor(sx));
    axs[x] = Math.max(0, sx - xs[x]!);
  }
  for (let y = 0; y < nh; y++) {
    const sy = Math.min(h - 1.001, (y + 0.5) * fy - 0.5),
      y0 = Math.max(0, Math.floor(sy)),
      ay = Math.max(0, sy - y0);
    const row = y0 * w,
      o = y * nw;
    for (let x = 0; x < nw; x++) {
      const ax = axs[x]!,
        i = row + xs[x]!;
      const top = src[i]! * (1 - ax) + src[i + 1]! * ax,
        bot = src[i + w]! * (1 - ax) + src[i + w + 1]! * ax;
      out[o + x] = top * (1 - ay) + bot * ay + 0.5;
    }
  }
  return out;
}

/** Integral image ((w+1)×(h+1), a zero first row and column): any box sum in four reads. */
export function integral(src: Uint8Array, w: number, h: number): Int32Array {
  const iw = w + 1,
    out = new Int32Array(iw * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += src[y * w + x]!;
      out[(y + 1) * iw + x + 1] = out[y * iw + x + 1]! + row;
    }
  }
  return out;
}

// Circular patch rows for the intensity centroid.
export const UMAX = Array.from({ length: PATCH_R + 1 }, (_, v) => Math.floor(Math.sqrt(PATCH_R * PATCH_R - v * v)));

export function angleOf(img: Uint8Array, w: number, x: number, y: number): number {
  let m01 = 0,
    m10 = 0;
  const c = y * w + x;
  for (let u = -PATCH_R; u <= PATCH_R; u++) m10 += u * img[c + u]!;
  for (let v = 1; v <= PATCH_R; v++) {
    let vsum = 0;
    const d = UMAX[v]!;
    for (let u = -d; u <= d; u++) {
      const plus = img[c + u + v * w]!,
        minus = img[c + u - v * w]!;
      vsum += plus - minus;
      m10 += u * (plus + minus);
    }
    m01 += v * vsum;
  }
  return Math.atan2(m01, m10);
}
