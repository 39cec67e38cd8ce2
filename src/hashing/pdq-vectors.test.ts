// Bit-exactness against the upstream C++ core: every sharp row of cpp-core-fullres.csv, decoded
// exactly as SOURCE.md describes (sharp(input)[.rotate()].removeAlpha().toColourspace('srgb').raw()).
import sharp, { type OutputInfo } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdqDihedralFromRgb, pdqDistance, pdqFromRgb, setSimdEnabled, simdAvailable } from './index.js';
import { DIHEDRAL_COLUMNS, hasTestData, readSharpCppCoreVectors } from './test-vectors.js';

const vectors = hasTestData() ? readSharpCppCoreVectors() : [];

// Each image is decoded once for both implementations below (the decode is not what they differ in).
const decoded = new Map<(typeof vectors)[number], Promise<{ data: Buffer; info: OutputInfo }>>();
function decode(v: (typeof vectors)[number]) {
  let d = decoded.get(v);
  if (!d) {
    let pipeline = sharp(v.file);
    if (v.exifApplied) pipeline = pipeline.rotate();
    decoded.set(v, (d = pipeline.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true })));
  }
  return d;
}

// Both implementations of the downscale: the WebAssembly SIMD kernel (the default) and the scalar one.
describe.skipIf(!hasTestData()).each([
  ['WebAssembly SIMD', true],
  ['scalar', false],
] as const)('PDQ core (%s) vs upstream C++ (cpp-core-fullres.csv, sharp rows)', (_kind, simd) => {
  beforeAll(() => {
    if (simd) expect(simdAvailable()).toBe(true);
    setSimdEnabled(simd);
  });
  afterAll(() => setSimdEnabled(true));

  it('has the expected number of sharp rows', () => {
    expect(vectors.length).toBe(40); // 38 images as stored + 2 exif-rotn rows after .rotate()
    expect(vectors.filter((v) => v.exifApplied).length).toBe(2);
  });

  it.each(vectors.map((v) => [`${v.path} [${v.exifApplied ? 'EXIF applied' : 'as stored'}]`, v] as const))('%s', async (_name, v) => {
    const { data, info } = await decode(v);
    expect([info.width, info.height]).toEqual([v.width, v.height]);

    const plain = pdqFromRgb(data, info.width, info.height, info.channels);
    expect(plain.quality).toBe(v.quality);
    expect(pdqDistance(plain.hash, v.hashes.original)).toBe(0);
    expect(plain.hash).toBe(v.hashes.original);

    const dih = pdqDihedralFromRgb(data, info.width, info.height, info.channels);
    expect(dih.quality).toBe(v.quality);
    const distances = Object.fromEntries(DIHEDRAL_COLUMNS.map(([k]) => [k, pdqDistance(dih.hashes[k], v.hashes[k])]));
    expect(distances).toEqual(Object.fromEntries(DIHEDRAL_COLUMNS.map(([k]) => [k, 0])));
    expect(dih.hashes).toEqual(v.hashes);
  });
});
