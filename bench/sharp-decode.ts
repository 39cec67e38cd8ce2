// sharp's own decode path, as src/imaging/decode.ts takes it without the native JPEG decoder: the header, then
// the pixels in sRGB with an embedded profile ignored (CMYK keeps it). The benches' "sharp alone" baseline.
import sharp from 'sharp';

export async function decodeViaSharp(b: Buffer): Promise<void> {
  const meta = await sharp(b).metadata();
  await sharp(b, { sequentialRead: true, failOn: 'error', ignoreIcc: meta.space !== 'cmyk' })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer();
}
