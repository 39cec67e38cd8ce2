import { describe, expect, it } from 'vitest';
import sharp from 'sharp';

type RGBA = { r: number; g: number; b: number; alpha?: number };
import { cropPixels, detectBorders } from './border.js';

interface Raw {
  pixels: Uint8Array;
  width: number;
  height: number;
  channels: number;
}

async function raw(buf: Buffer): Promise<Raw> {
  const { data, info } = await sharp(buf).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { pixels: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: info.channels };
}

/** Busy content reaching every edge: stripes, circles and noise. */
async function content(w: number, h: number, seed = 1): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#3a7"/><stop offset="1" stop-color="#e94"/></linearGradient>
    <pattern id="p" width="${20 + seed}" height="${20 + seed}" patternUnits="userSpaceOnUse" patternTransform="rotate(${15 * seed})"><rect width="40" height="40" fill="url(#g)"/><rect width="${8 + seed}" height="40" fill="#246"/></pattern></defs>
    <rect width="${w}" height="${h}" fill="url(#p)"/>
    <circle cx="${w * 0.4}" cy="${h * 0.5}" r="${h * 0.3}" fill="#fd3" fill-opacity="0.8"/>
    <rect x="${w * 0.6}" y="${h * 0.1}" width="${w * 0.3}" height="${h * 0.5}" fill="#a2c"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function padded(img: Buffer, px: { top: number; bottom: number; left: number; right: number }, background: RGBA, quality: number): Promise<Buffer> {
  return sharp(img)
    .extend({ ...px, background })
    .jpeg({ quality })
    .toBuffer();
}

describe('detectBorders', () => {
  it('finds solid padding on all sides through heavy JPEG compression', async () => {
    const img = await content(400, 300);
    for (const [background, quality] of [
      [{ r: 0, g: 0, b: 0 }, 30],
      [{ r: 255, g: 255, b: 255 }, 30],
      [{ r: 190, g: 40, b: 70 }, 60],
    ] as const) {
      const r = await raw(await padded(img, { top: 15, bottom: 15, left: 20, right: 20 }, background, quality));
      const t = detectBorders(r.pixels, r.width, r.height, r.channels);
      expect(t).not.toBeNull();
      // JPEG ringing may leave a pixel or two of border, never eats into the content.
      for (const [got, want] of [
        [t!.top, 15],
        [t!.bottom, 15],
        [t!.left, 20],
        [t!.right, 20],
      ] as const) {
        expect(got).toBeLessThanOrEqual(want);
        expect(got).toBeGreaterThanOrEqual(want - 3);
      }
      expect(t!.content.width).toBe(r.width - t!.left - t!.right);
      expect(t!.content.height).toBe(r.height - t!.top - t!.bottom);
    }
  });

  it('finds a letterbox (bars top and bottom only) and a pillarbox', async () => {
    const img = await content(320, 180, 2);
    const lb = await raw(await padded(img, { top: 70, bottom: 70, left: 0, right: 0 }, { r: 0, g: 0, b: 0 }, 75));
    const t = detectBorders(lb.pixels, lb.width, lb.height, lb.channels)!;
    expect(t.top).toBeGreaterThanOrEqual(67);
    expect(t.bottom).toBeGreaterThanOrEqual(67);
    expect(t.left).toBe(0);
    expect(t.right).toBe(0);
    const pb = await raw(await padded(img, { top: 0, bottom: 0, left: 60, right: 60 }, { r: 20, g: 20, b: 20 }, 75));
    const u = detectBorders(pb.pixels, pb.width, pb.height, pb.channels)!;
    expect([u.top, u.bottom]).toEqual([0, 0]);
    expect(u.left).toBeGreaterThanOrEqual(57);
    expect(u.right).toBeGreaterThanOrEqual(57);
  });

  it('does not trim images whose edges are dark but textured or graded content', async () => {
    // Dark noise at every edge (a night scene) and a dark vignette gradient.
    const w = 300;
    const h = 200;
    const noise = Buffer.alloc(w * h * 3);
    let s = 7;
    for (let i = 0; i < noise.length; i++) {
      s = (s * 1103515245 + 12345) >>> 0;
      noise[i] = 5 + ((s >>> 16) % 60);
    }
    const night = await sharp(noise, { raw: { width: w, height: h, channels: 3 } })
      .composite([
        { input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><circle cx="150" cy="100" r="50" fill="#eee"/></svg>`) },
      ])
      .jpeg({ quality: 40 })
      .toBuffer();
    const vignette = await sharp(
      Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><defs><radialGradient id="v" r="0.7"><stop offset="0.2" stop-color="#cc8844"/><stop offset="1" stop-color="#000"/></radialGradient></defs><rect width="${w}" height="${h}" fill="url(#v)"/><rect x="120" y="60" width="60" height="80" fill="#135"/></svg>`,
      ),
    )
      .jpeg({ quality: 40 })
      .toBuffer();
    for (const buf of [night, vignette]) {
      const r = await raw(buf);
      const t = detectBorders(r.pixels, r.width, r.height, r.channels);
      // Either nothing, or a sliver far below a real border.
      const total = t ? t.top + t.bottom + t.left + t.right : 0;
      expect(total).toBeLessThan(8);
    }
    const busy = await raw(await content(300, 200, 3));
    expect(detectBorders(busy.pixels, busy.width, busy.height, busy.channels)).toBeNull();
  });

  it('leaves uniform and tiny images alone, and handles greyscale input', async () => {
    const flat = new Uint8Array(100 * 80 * 3).fill(128);
    expect(detectBorders(flat, 100, 80, 3)).toBeNull();
    expect(detectBorders(new Uint8Array(10 * 10), 10, 10, 1)).toBeNull();
    const grey = await sharp(await padded(await content(200, 150), { top: 10, bottom: 10, left: 10, right: 10 }, { r: 255, g: 255, b: 255 }, 80))
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(grey.info.channels).toBe(1);
    const t = detectBorders(new Uint8Array(grey.data), grey.info.width, grey.info.height, 1)!;
    expect(t.left).toBeGreaterThanOrEqual(8);
    expect(t.top).toBeGreaterThanOrEqual(8);
  });

  it('rejects malformed input with a clear error', () => {
    expect(() => detectBorders(new Uint8Array(10), 100, 100, 3)).toThrow(/needs 30000/);
    expect(() => detectBorders(new Uint8Array(10), 2, 2, 5)).toThrow(/channels/);
  });
});

describe('cropPixels', () => {
  it('copies the rectangle row by row and refuses one outside the image', () => {
    const px = Uint8Array.from({ length: 4 * 3 * 2 }, (_, i) => i);
    const c = cropPixels(px, 4, 3, 2, { x: 1, y: 1, width: 2, height: 2 });
    expect([...c]).toEqual([10, 11, 12, 13, 18, 19, 20, 21]);
    expect(() => cropPixels(px, 4, 3, 2, { x: 3, y: 0, width: 2, height: 1 })).toThrow(/outside/);
  });
});
