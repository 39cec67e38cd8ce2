// hashImage end to end: upstream C++ vectors (incl. EXIF-applied rows), pytx vectors, digests,
// EXIF orientation equivalence with sharp's own rotate, metadata read-back.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { pdqDistance, pdqFromRgb } from '../hashing/index.js';
import { DIHEDRAL_COLUMNS, PDQ_DATA_DIR, hasTestData, parseCsv, readCppCoreVectors, readSharpCppCoreVectors } from '../hashing/test-vectors.js';
import { decodeImage, hashImage } from './index.js';
import { encodeTiffRgb, patternRgb } from './test-images.js';
import { readExifMetadata } from './metadata.js';

/**
 * The expected row per file: the C++ core on sharp's pixels, except for files with an embedded ICC profile
 * (not CMYK), whose pixels are now taken as stored, as Pillow (the pillow rows) and every peer decoder take them.
 */
async function peerVectors() {
  const pillow = readCppCoreVectors('pillow');
  const out = [];
  for (const v of readSharpCppCoreVectors()) {
    const m = await sharp(v.file).metadata();
    const asPeers = m.hasProfile && m.space !== 'cmyk' && !v.exifApplied;
    out.push(asPeers ? { ...pillow.find((p) => p.path === v.path)!, exifApplied: false } : v);
  }
  return out;
}
const vectors = hasTestData() ? await peerVectors() : [];

describe.skipIf(!hasTestData())('hashImage vs upstream C++ core (sharp rows; pillow rows where an ICC profile is ignored as peers do)', () => {
  it.each(vectors.map((v) => [`${v.path} [${v.exifApplied ? 'EXIF applied' : 'as stored'}]`, v] as const))('%s', async (_n, v) => {
    const r = await hashImage(v.file, { applyExif: v.exifApplied, dihedral: true });
    const oriented = v.exifApplied && r.orientation >= 5;
    expect(oriented ? [r.height, r.width] : [r.width, r.height]).toEqual([v.width, v.height]);
    expect(r.pdq.quality).toBe(v.quality);
    expect(pdqDistance(r.pdq.hash, v.hashes.original)).toBe(0);
    expect(r.dihedral!.quality).toBe(v.quality);
    const dist = Object.fromEntries(DIHEDRAL_COLUMNS.map(([k]) => [k, pdqDistance(r.dihedral!.hashes[k], v.hashes[k])]));
    expect(dist).toEqual(Object.fromEntries(DIHEDRAL_COLUMNS.map(([k]) => [k, 0])));
  });

  it("default is the peers' hash: exif-rotn-6 gives the as-stored row as pdq and the .rotate() row as pdqUpright", async () => {
    const rows = vectors.filter((v) => v.path.endsWith('exif-rotn-6.jpg'));
    const stored = rows.find((v) => !v.exifApplied)!;
    const upright = rows.find((v) => v.exifApplied)!;
    const r = await hashImage(stored.file);
    expect(r.orientation).toBe(6);
    expect(r.pdq).toEqual({ hash: stored.hashes.original, quality: stored.quality });
    expect(r.pdqUpright).toEqual({ hash: upright.hashes.original, quality: upright.quality });
    const u = await hashImage(stored.file, { applyExif: true });
    expect(u.pdq).toEqual({ hash: upright.hashes.original, quality: upright.quality });
    expect(u.pdqNoExif).toEqual({ hash: stored.hashes.original, quality: stored.quality });
    const one = await hashImage(vectors.find((v) => v.path.endsWith('exif-rotn-1.jpg'))!.file);
    expect(one.orientation).toBe(1);
    expect(one.pdqUpright).toBeUndefined();
  });
});

describe.skipIf(!hasTestData())('python-threatexchange test vectors (Pillow + pdqhash)', () => {
  const rows = hasTestData()
    ? parseCsv(readFileSync(path.join(PDQ_DATA_DIR, 'expected/upstream-vectors.csv'), 'utf8')).filter((r) => r.local_path!.startsWith('pytx-resources/'))
    : [];
  it('has LA, I16 and rgb vectors', () => expect(rows.map((r) => path.basename(r.local_path!)).sort()).toEqual(['I16.png', 'LA.png', 'rgb.jpeg']));
  it.each(rows.filter((r) => !r.local_path!.endsWith('I16.png')).map((r) => [r.local_path!, r] as const))('%s: exact hash and quality', async (p, row) => {
    const r = await hashImage(path.join(PDQ_DATA_DIR, p));
    expect(r.pdq).toEqual({ hash: row.hash, quality: Number(row.quality_if_given) });
  });
  it("I16.png: pytx (Pillow) clips 16-bit grey to 0..255; ICSE scales it (docs/interop.md), and the clipped pixels give pytx's hash", async () => {
    const row = rows.find((r) => r.local_path!.endsWith('I16.png'))!;
    const file = path.join(PDQ_DATA_DIR, row.local_path!);
    const g = await sharp(file).toColourspace('grey16').raw({ depth: 'ushort' }).toBuffer({ resolveWithObject: true });
    const u16 = new Uint16Array(g.data.buffer, g.data.byteOffset, g.data.length >> 1);
    const grey = (f: (v: number) => number) => {
      const px = new Uint8Array(u16.length * 3);
      u16.forEach((v, i) => {
        px[i * 3] = px[i * 3 + 1] = px[i * 3 + 2] = f(v);
      });
      return pdqFromRgb(px, g.info.width, g.info.height);
    };
    expect(grey((v) => Math.min(255, v))).toEqual({ hash: row.hash, quality: Number(row.quality_if_given) });
    const r = await hashImage(file);
    expect(r.pdq).toEqual(grey((v) => Math.round(v / 257)));
    expect(r.pdq.quality).toBe(100);
    expect(Number(row.quality_if_given)).toBeLessThan(50); // Pillow's clipped picture is below the match threshold
  });
});

describe('digests and basic fields', () => {
  it.skipIf(!hasTestData())('MD5/SHA-1/SHA-256 of the original bytes, size, format, dimensions', async () => {
    const file = path.join(PDQ_DATA_DIR, 'data/misc-images/wee.jpg');
    const bytes = readFileSync(file);
    const r = await hashImage(file);
    expect(r.md5).toBe(createHash('md5').update(bytes).digest('hex'));
    expect(r.sha1).toBe(createHash('sha1').update(bytes).digest('hex'));
    expect(r.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(r.size).toBe(statSync(file).size);
    expect([r.format, r.width, r.height, r.path]).toEqual(['jpeg', 34, 42, file]);
    const fromBuffer = await hashImage(bytes);
    expect(fromBuffer.path).toBeUndefined();
    expect({ ...fromBuffer, path: file }).toEqual(r);
  });
});

describe('EXIF orientation applied in JS equals sharp .rotate() for all 8 values', () => {
  const w = 48,
    h = 30;
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('orientation %i', async (o) => {
    const jpeg = await sharp(Buffer.from(patternRgb(w, h, o)), { raw: { width: w, height: h, channels: 3 } })
      .withMetadata({ orientation: o })
      .jpeg({ quality: 95 })
      .toBuffer();
    const viaSharp = await sharp(jpeg).rotate().removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    const stored = await sharp(jpeg).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    const r = await hashImage(jpeg, { applyExif: true });
    expect(r.orientation).toBe(o);
    expect(r.pdq).toEqual(pdqFromRgb(viaSharp.data, viaSharp.info.width, viaSharp.info.height));
    if (o === 1) expect(r.pdqNoExif).toBeUndefined();
    else expect(r.pdqNoExif).toEqual(pdqFromRgb(stored.data, stored.info.width, stored.info.height));
    const asStored = await hashImage(jpeg);
    expect(asStored.pdq).toEqual(pdqFromRgb(stored.data, stored.info.width, stored.info.height));
    expect(asStored.pdqNoExif).toBeUndefined();
    if (o === 1) expect(asStored.pdqUpright).toBeUndefined();
    else expect(asStored.pdqUpright).toEqual(r.pdq);
    // The transform itself: pixel-identical to sharp's.
    const { applyOrientation } = await import('./orientation.js');
    const dec = await decodeImage(jpeg);
    const mine = applyOrientation(dec, dec.orientation);
    expect([mine.width, mine.height]).toEqual([viaSharp.info.width, viaSharp.info.height]);
    expect(Buffer.from(mine.pixels).equals(viaSharp.data)).toBe(true);
  });
});

describe('metadata', () => {
  it('reads make, model, serial, lens, software, capture time and GPS written into a generated JPEG', async () => {
    const jpeg = await sharp({ create: { width: 32, height: 16, channels: 3, background: '#336699' } })
      .withExif({
        IFD0: { Make: 'TestCam', Model: 'Model X', Software: 'icse-test 1.0' },
        IFD2: {
          DateTimeOriginal: '2021:03:04 05:06:07',
          OffsetTimeOriginal: '+02:00',
          SubSecTimeOriginal: '250',
          BodySerialNumber: 'SN12345',
          LensModel: 'Lens 50mm',
        },
        IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '33/1 52/1 3000/100', GPSLongitudeRef: 'E', GPSLongitude: '151/1 12/1 4500/100' },
      })
      .jpeg()
      .toBuffer();
    const r = await hashImage(jpeg);
    expect(r.metadata).toMatchObject({
      make: 'TestCam',
      model: 'Model X',
      serialNumber: 'SN12345',
      lensModel: 'Lens 50mm',
      software: 'icse-test 1.0',
      captureTime: '2021-03-04T05:06:07.250+02:00',
      space: 'srgb',
      channels: 3,
      hasAlpha: false,
    });
    expect(r.metadata.gpsLatitude).toBeCloseTo(-(33 + 52 / 60 + 30 / 3600), 9);
    expect(r.metadata.gpsLongitude).toBeCloseTo(151 + 12 / 60 + 45 / 3600, 9);
    expect((await hashImage(jpeg, { metadata: false })).metadata.make).toBeUndefined();
  });

  it.each(['png', 'webp', 'avif'] as const)('EXIF is read from %s too (the blob libvips extracts)', async (fmt) => {
    const buf = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#123456' } })
      .withExif({ IFD0: { Make: 'FmtCam', Model: fmt }, IFD2: { DateTimeOriginal: '2022:12:31 23:59:58' } })
      .toFormat(fmt)
      .toBuffer();
    expect((await hashImage(buf)).metadata).toMatchObject({ make: 'FmtCam', model: fmt, captureTime: '2022-12-31T23:59:58' });
  });

  it('TIFF: tags read from the file itself; pixels decoded losslessly', async () => {
    const px = patternRgb(50, 30, 4);
    const r = await hashImage(encodeTiffRgb(50, 30, px, { make: 'ScanCo', model: 'Flatbed 9', dateTime: '2020:01:02 03:04:05' }));
    expect([r.format, r.width, r.height]).toEqual(['tiff', 50, 30]);
    expect(r.metadata).toMatchObject({ make: 'ScanCo', model: 'Flatbed 9' });
    expect(r.metadata.captureTime).toBeUndefined(); // DateTime (306) is the modification time
    expect(r.pdq).toEqual(pdqFromRgb(px, 50, 30));
  });

  it('only TIFF-structured input reaches the EXIF parser', async () => {
    const heif = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'), Buffer.alloc(100)]);
    expect(await readExifMetadata(heif)).toEqual({});
    expect(await readExifMetadata(Buffer.from('Exif\0\0garbage'))).toEqual({});
    expect(await readExifMetadata(undefined)).toEqual({});
  });

  it.skipIf(!hasTestData())('phone photo: camera and GPS as recorded (DMS converted to degrees)', async () => {
    const file = path.join(PDQ_DATA_DIR, 'data/reg-test-input/exif-rotn/exif-rotn-6.jpg');
    const bytes = readFileSync(file);
    const r = await hashImage(bytes);
    for (const s of ['samsung', 'SM-G930V', '2017:11:07 22:14:06']) expect(bytes.includes(Buffer.from(s))).toBe(true);
    expect(r.metadata).toMatchObject({ make: 'samsung', model: 'SM-G930V', captureTime: '2017-11-07T22:14:06', orientation: 6 });
    expect(r.metadata.gpsLatitude).toBeCloseTo(38 + 58 / 60 + 40.566 / 3600, 6);
    expect(r.metadata.gpsLongitude).toBeCloseTo(-(77 + 1 / 60 + 23.5297 / 3600), 6);
  });

  it('no EXIF: empty camera fields, never an error', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 4, background: '#ff000080' } })
      .png()
      .toBuffer();
    const r = await hashImage(png);
    expect(r.metadata).toEqual({ space: 'srgb', depth: 'uchar', channels: 4, hasAlpha: true, hasProfile: false, pages: 1 });
  });
});
