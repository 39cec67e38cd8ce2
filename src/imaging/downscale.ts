// Integer box downscale of decoded pixels: the hashing worker decodes each image once at full resolution
// (PDQ needs every pixel) and hands this smaller copy to the consumers that need fewer pixels (robust
// signature, place features, thumbnail), so none of them walks the full image again. Integer sums, no
// resampling kernel; factor 2 (1–4 MP photos) has its own loop: a 2.4 MP photo takes about 4 ms.
import type { PixelImage } from './orientation.js';

/** Smallest integer factor that brings the longest side to at most `maxSide` (1: already small enough). */
export function boxFactor(width: number, height: number, maxSide: number): number {
  return Math.max(1, Math.ceil(Math.max(width, height) / Math.max(1, maxSide)));
}

/**
 * Box average over `factor` × `factor` blocks, rounded; a last partial row or column of blocks is dropped
 * (under `factor` pixels of the edge). Factor 1 returns the input itself (no copy). An even factor is done
 * as halvings (the same average up to rounding of the intermediate).
 */
export function boxDownscale(img: PixelImage, factor: number): PixelImage {
  const f = Math.max(1, Math.min(Math.trunc(factor), img.width, img.height));
  if (f === 1) return img;
  if (f % 2 === 0) return boxDownscale(img.channels === 3 ? halve3(img) : blocks(img, 2), f / 2);
  return blocks(img, f);
}

/** Factor 2, three channels: the common case, unrolled. */
function halve3(img: PixelImage): PixelImage {
  const { pixels: src, width: w, height: h } = img;
  const ow = w >> 1;
  const oh = h >> 1;
  const out = new Uint8Array(ow * oh * 3);
  const rowLen = w * 3;
  for (let oy = 0; oy < oh; oy++) {
    let p = 2 * oy * rowLen;
    let q = p + rowLen;
    let o = oy * ow * 3;
    for (let ox = 0; ox < ow; ox++, p += 6, q += 6, o += 3) {
      out[o] = (src[p]! + src[p + 3]! + src[q]! + src[q + 3]! + 2) >> 2;
      out[o + 1] = (src[p + 1]! + src[p + 4]! + src[q + 1]! + src[q + 4]! + 2) >> 2;
      out[o + 2] = (src[p + 2]! + src[p + 5]! + src[q + 2]! + src[q + 5]! + 2) >> 2;
    }
  }
  return { pixels: out, width: ow, height: oh, channels: 3 };
}

/** Any factor, any channel count. */
function blocks(img: PixelImage, f: number): PixelImage {
  const { pixels: src, width: w, height: h, channels: c } = img;
  const ow = Math.floor(w / f);
  const oh = Math.floor(h / f);
  const out = new Uint8Array(ow * oh * c);
  const area = f * f;
  const half = area >> 1;
  for (let oy = 0, o = 0; oy < oh; oy++) {
    for (let ox = 0; ox < ow; ox++) {
      for (let ch = 0; ch < c; ch++, o++) {
        let s = 0;
        for (let y = oy * f; y < oy * f + f; y++) {
          for (let x = ox * f, p = (y * w + x) * c + ch; x < ox * f + f; x++, p += c) s += src[p]!;
        }
        out[o] = ((s + half) / area) | 0;
      }
    }
  }
  return { pixels: out, width: ow, height: oh, channels: c };
}
