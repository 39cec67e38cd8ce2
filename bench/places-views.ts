// "Pictures of a place" for bench:places: each is a new camera view of a background photo — perspective
// (keystone up to what a ±15° turn gives), scale 0.5–1 with the crop at a random position, rotation up to
// 10°, a lighting/colour change, an occluder over 20–50 % of the frame (a patch of an unrelated image or a
// flat shape: the subject differs between pictures) and JPEG 40–90. Seeded, so every run builds the same set.
import sharp from 'sharp';
import { Prng } from '../src/matching/prng.js';
import { fitHomography } from '../src/places/geometry.js';

export interface Raw {
  pixels: Uint8Array;
  width: number;
  height: number;
  channels: number;
}

/** The w×h region of `r` at (x0, y0), copied. */
export function cropRaw(r: Raw, x0: number, y0: number, w: number, h: number): Raw {
  const px = new Uint8Array(w * h * r.channels);
  for (let y = 0; y < h; y++) px.set(r.pixels.subarray(((y0 + y) * r.width + x0) * r.channels, ((y0 + y) * r.width + x0 + w) * r.channels), y * w * r.channels);
  return { pixels: px, width: w, height: h, channels: r.channels };
}

/** Quarter t of `r` (0 top left, 1 top right, 2 bottom left, 3 bottom right): four disjoint pictures of one photo. */
export function quarterOf(r: Raw, t: number): Raw {
  const w = Math.floor(r.width / 2),
    h = Math.floor(r.height / 2);
  return cropRaw(r, (t % 2) * w, (t >> 1) * h, w, h);
}

export async function loadRaw(file: string | Buffer, max = 1024): Promise<Raw> {
  const { data, info } = await sharp(file)
    .flatten({ background: '#fff' })
    .removeAlpha()
    .resize(max, max, { fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { pixels: data, width: info.width, height: info.height, channels: info.channels };
}

export interface ViewParams {
  scale: number;
  rotationDeg: number;
  keystone: number;
  gain: [number, number, number];
  gamma: number;
  occluder: number;
  jpeg: number;
}

/** The edit kinds a query picture is made with: one at full strength over a mild base, or all at once. */
export const VIEW_KINDS = ['perspective', 'scale', 'rotation', 'light', 'jpeg', 'occluder', 'combined'] as const;
export type ViewKind = (typeof VIEW_KINDS)[number];

export function randomParams(rng: Prng, opts: { mild?: boolean; kind?: ViewKind } = {}): ViewParams {
  const u = (a: number, b: number) => a + (b - a) * rng.float();
  if (opts.mild)
    return {
      scale: u(0.85, 1),
      rotationDeg: u(-3, 3),
      keystone: u(-0.05, 0.05),
      gain: [u(0.9, 1.1), u(0.9, 1.1), u(0.9, 1.1)],
      gamma: u(0.9, 1.1),
      occluder: u(0.2, 0.3),
      jpeg: Math.round(u(70, 90)),
    };
  if (opts.kind && opts.kind !== 'combined') {
    // Mild base (a small camera move, no occluder), then the kind at its full range.
    const k = opts.kind;
    const sign = () => (rng.float() < 0.5 ? -1 : 1);
    return {
      scale: k === 'scale' ? u(0.5, 1) : u(0.9, 1),
      rotationDeg: k === 'rotation' ? sign() * u(3, 10) : u(-2, 2),
      keystone: k === 'perspective' ? sign() * u(0.05, 0.13) : u(-0.03, 0.03),
      gain: k === 'light' ? [u(0.6, 1.4), u(0.6, 1.4), u(0.6, 1.4)] : [u(0.95, 1.05), u(0.95, 1.05), u(0.95, 1.05)],
      gamma: k === 'light' ? u(0.6, 1.6) : u(0.95, 1.05),
      occluder: k === 'occluder' ? u(0.2, 0.5) : 0,
      jpeg: k === 'jpeg' ? Math.round(u(40, 90)) : Math.round(u(80, 92)),
    };
  }
  return {
    scale: u(0.5, 1),
    rotationDeg: u(-10, 10),
    keystone: u(-0.13, 0.13),
    gain: [u(0.7, 1.3), u(0.7, 1.3), u(0.7, 1.3)],
    gamma: u(0.7, 1.4),
    occluder: u(0.2, 0.5),
    jpeg: Math.round(u(40, 90)),
  };
}

export interface View {
  jpeg: Buffer;
  width: number;
  height: number;
  /** Row-major 3×3 mapping output pixels to source pixels (the ground truth for the diagnosis). */
  toSource: number[];
}

/** Renders a view of `src` (RGB) with `p`; `occluderSrc` supplies the foreign patch (else a flat shape). */
export async function renderView(src: Raw, p: ViewParams, rng: Prng, occluderSrc: Raw | null, outMax = 640): Promise<Buffer> {
  return (await renderViewWithTruth(src, p, rng, occluderSrc, outMax)).jpeg;
}

export async function renderViewWithTruth(src: Raw, p: ViewParams, rng: Prng, occluderSrc: Raw | null, outMax = 640): Promise<View> {
  const { width: W, height: H, channels: C } = src;
  const aspect = W / H;
  const ow = aspect >= 1 ? outMax : Math.round(outMax * aspect),
    oh = aspect >= 1 ? Math.round(outMax / aspect) : outMax;
  // Source quad: a crop of `scale`, at a random position, rotated, with a keystone on one random side.
  const cw = W * p.scale,
    ch = H * p.scale;
  const cx = cw / 2 + rng.float() * (W - cw),
    cy = ch / 2 + rng.float() * (H - ch);
  const a = (p.rotationDeg * Math.PI) / 180,
    ca = Math.cos(a),
    sa = Math.sin(a);
  const k = p.keystone,
    side = rng.int(4);
  const corners: Array<[number, number]> = [
    [-0.5, -0.5],
    [0.5, -0.5],
    [0.5, 0.5],
    [-0.5, 0.5],
  ];
  const quad = corners.map(([x, y], i) => {
    // Shrink the chosen side (a turn of the camera about the other axis), keeping the view inside the photo.
    const onSide = side === 0 ? i < 2 : side === 1 ? i === 1 || i === 2 : side === 2 ? i >= 2 : i === 0 || i === 3;
    const shrink = onSide ? 1 - Math.abs(k) * 2 : 1;
    const sx = side % 2 === 0 ? x * shrink : x,
      sy = side % 2 === 1 ? y * shrink : y;
    const px = sx * cw * 0.92,
      py = sy * ch * 0.92;
    return [cx + ca * px - sa * py, cy + sa * px + ca * py] as [number, number];
  });
  const dst = [0, 0, ow, 0, ow, oh, 0, oh];
  const srcPts = quad.flat();
  const h = fitHomography(dst, srcPts, [0, 1, 2, 3])!; // output pixel → source pixel
  const out = Buffer.alloc(ow * oh * 3);
  const lut = [0, 1, 2].map((c) =>
    Uint8Array.from({ length: 256 }, (_, v) => Math.max(0, Math.min(255, Math.round(255 * Math.pow(v / 255, p.gamma) * p.gain[c]!)))),
  );
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      const w = h[6]! * x + h[7]! * y + 1;
      let sx = (h[0]! * x + h[1]! * y + h[2]!) / w,
        sy = (h[3]! * x + h[4]! * y + h[5]!) / w;
      sx = Math.min(W - 1.001, Math.max(0, sx));
      sy = Math.min(H - 1.001, Math.max(0, sy));
      const x0 = sx | 0,
        y0 = sy | 0,
        fx = sx - x0,
        fy = sy - y0;
      const i = (y0 * W + x0) * C,
        o = (y * ow + x) * 3;
      for (let c = 0; c < 3; c++) {
        const cc = C >= 3 ? c : 0;
        const v =
          (src.pixels[i + cc]! * (1 - fx) + src.pixels[i + C + cc]! * fx) * (1 - fy) +
          (src.pixels[i + W * C + cc]! * (1 - fx) + src.pixels[i + W * C + C + cc]! * fx) * fy;
        out[o + c] = lut[c]![Math.round(v)]!;
      }
    }
  }
  // Occluder: a rectangle of the requested share of the frame, a foreign patch or a flat colour.
  const ar = 0.6 + rng.float() * 0.8;
  const occW = Math.min(ow, Math.round(Math.sqrt(p.occluder * ow * oh * ar))),
    occH = occW > 0 ? Math.min(oh, Math.round((p.occluder * ow * oh) / occW)) : 0;
  const ox = rng.int(Math.max(1, ow - occW)),
    oy = rng.int(Math.max(1, oh - occH));
  const flat = [rng.int(256), rng.int(256), rng.int(256)];
  for (let y = 0; y < occH; y++) {
    for (let x = 0; x < occW; x++) {
      const o = ((oy + y) * ow + ox + x) * 3;
      for (let c = 0; c < 3; c++) {
        if (occluderSrc) {
          const s = occluderSrc,
            sx = Math.floor((x * s.width) / occW),
            sy = Math.floor((y * s.height) / occH);
          out[o + c] = s.pixels[(sy * s.width + sx) * s.channels + (s.channels >= 3 ? c : 0)]!;
        } else out[o + c] = flat[c]!;
      }
    }
  }
  const jpeg = await sharp(out, { raw: { width: ow, height: oh, channels: 3 } })
    .jpeg({ quality: p.jpeg })
    .toBuffer();
  return { jpeg, width: ow, height: oh, toSource: h };
}
