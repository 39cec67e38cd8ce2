// A feature set, its stored form (media_features.features) and descriptor distances. Pure.
export const DESC_BYTES = 32;

export interface Features {
  /** Work frame the coordinates refer to (the image scaled to WORK_SIZE longest side). */
  width: number;
  height: number;
  count: number;
  /** x, y per keypoint (work frame pixels). */
  xy: Float32Array;
  /** Pyramid level per keypoint (its scale is levelScale(level) work-frame pixels per level pixel); negative for the
   * query form's levels finer than the work frame. */
  level: Int8Array;
  /** Orientation per keypoint (radians, intensity centroid); NaN when the record predates ORB2. */
  angle: Float32Array;
  /** DESC_BYTES per keypoint. */
  desc: Uint8Array;
}

// Stored form (bytea), ORB2: header 'ORB2', width u16, height u16, count u16, then per keypoint x u16 (×4),
// y u16 (×4), level u8, angle u8 (256 steps of a turn), then the descriptors: 38 bytes per keypoint. ORB1
// records (no angle) still decode, with NaN angles.
const MAGIC1 = 0x3142524f; // 'ORB1' little-endian
const MAGIC2 = 0x3242524f; // 'ORB2'

export function encodeFeatures(f: Features): Uint8Array {
  const head = 10,
    per = 6;
  const out = new Uint8Array(head + f.count * per + f.count * DESC_BYTES);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, MAGIC2, true);
  dv.setUint16(4, f.width, true);
  dv.setUint16(6, f.height, true);
  dv.setUint16(8, f.count, true);
  for (let i = 0; i < f.count; i++) {
    dv.setUint16(head + i * per, Math.round(f.xy[2 * i]! * 4), true);
    dv.setUint16(head + i * per + 2, Math.round(f.xy[2 * i + 1]! * 4), true);
    out[head + i * per + 4] = f.level[i]! & 255;
    const a = f.angle[i]!;
    out[head + i * per + 5] = Number.isNaN(a) ? 0 : Math.round((a / (2 * Math.PI)) * 256) & 255;
  }
  out.set(f.desc, head + f.count * per);
  return out;
}

export function decodeFeatures(b: Uint8Array): Features {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const magic = b.byteLength >= 10 ? dv.getUint32(0, true) : 0;
  if (magic !== MAGIC1 && magic !== MAGIC2) throw new Error('not an ORB feature record');
  const width = dv.getUint16(4, true),
    height = dv.getUint16(6, true),
    count = dv.getUint16(8, true);
  const head = 10,
    per = magic === MAGIC2 ? 6 : 5;
  if (b.byteLength !== head + count * (per + DESC_BYTES)) throw new Error('truncated ORB feature record');
  const xy = new Float32Array(2 * count),
    level = new Int8Array(count),
    angle = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    xy[2 * i] = dv.getUint16(head + i * per, true) / 4;
    xy[2 * i + 1] = dv.getUint16(head + i * per + 2, true) / 4;
    level[i] = (b[head + i * per + 4]! << 24) >> 24;
    angle[i] = per === 6 ? (b[head + i * per + 5]! / 256) * 2 * Math.PI : NaN;
  }
  return { width, height, count, xy, level, angle, desc: b.slice(head + count * per) };
}

const POP8 = (() => {
  const t = new Uint8Array(256);
  for (let i = 0; i < 256; i++) t[i] = (i & 1) + t[i >> 1]!;
  return t;
})();

/** Hamming distance between descriptor i of a and descriptor j of b. */
export function descDistance(a: Uint8Array, i: number, b: Uint8Array, j: number): number {
  let d = 0;
  const ai = i * DESC_BYTES,
    bj = j * DESC_BYTES;
  for (let k = 0; k < DESC_BYTES; k++) d += POP8[a[ai + k]! ^ b[bj + k]!]!;
  return d;
}
