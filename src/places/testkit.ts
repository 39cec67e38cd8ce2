// Generated benign "rooms" for place tests: a wallpaper of many small random shapes and words (texture a
// camera sees the same way twice), and two pictures of it from different viewpoints with a different
// subject (a plain occluding shape) in front. No photographs are needed.
import sharp from 'sharp';
import { Prng } from '../matching/prng.js';

export function roomSvg(seed: number, width = 1200, height = 900): string {
  const rng = new Prng(seed);
  const col = () => `rgb(${rng.int(256)},${rng.int(256)},${rng.int(256)})`;
  const parts: string[] = [`<rect width="${width}" height="${height}" fill="${col()}"/>`];
  for (let i = 0; i < 260; i++) {
    const x = rng.int(width),
      y = rng.int(height),
      s = 8 + rng.int(40);
    const k = rng.int(4);
    if (k === 0)
      parts.push(
        `<rect x="${x}" y="${y}" width="${s}" height="${Math.round(s * (0.5 + rng.float()))}" fill="${col()}" transform="rotate(${rng.int(90)} ${x} ${y})"/>`,
      );
    else if (k === 1) parts.push(`<circle cx="${x}" cy="${y}" r="${s / 2}" fill="${col()}"/>`);
    else if (k === 2) parts.push(`<polygon points="${x},${y} ${x + s},${y + rng.int(s)} ${x + rng.int(s)},${y + s}" fill="${col()}"/>`);
    else
      parts.push(
        `<text x="${x}" y="${y}" font-size="${s}" font-family="sans-serif" fill="${col()}">${['ICSE', 'Lamp', 'Kaffee', 'Hotel', 'Nord', 'Sud'][rng.int(6)]}</text>`,
      );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

/** Keystone: the camera tilted, so the top edge shrinks by `tilt` of the width on each side (a projective warp,
 * what another camera position gives and what an edit of a picture does not). Bilinear, grey outside. */
async function keystone(png: Buffer, tilt: number): Promise<Buffer> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width: w, height: h, channels: ch } = info;
  const out = Buffer.alloc(w * h * ch, 128);
  for (let y = 0; y < h; y++) {
    // Row y of the output spans [l, r] of the source row: narrower at the top.
    const k = tilt * (1 - y / (h - 1)),
      l = k * w,
      r = w - 1 - k * w;
    for (let x = 0; x < w; x++) {
      const sx = l + (x / (w - 1)) * (r - l);
      const x0 = Math.floor(sx),
        fx = sx - x0;
      if (x0 < 0 || x0 + 1 >= w) continue;
      for (let c = 0; c < ch; c++) out[(y * w + x) * ch + c] = Math.round(data[(y * w + x0) * ch + c]! * (1 - fx) + data[(y * w + x0 + 1) * ch + c]! * fx);
    }
  }
  return sharp(out, { raw: { width: w, height: h, channels: ch } })
    .png()
    .toBuffer();
}

/** A picture of room `seed`: a crop at (x, y) of the given share, turned by `angle`°, a subject (flat shape) in
 * front; with `tilt`, seen from another camera position (keystone), not only another crop of the same view. */
export async function roomPicture(
  seed: number,
  view: { x: number; y: number; share: number; angle: number; subject: string; tilt?: number },
  width = 1200,
  height = 900,
): Promise<Buffer> {
  const room = await sharp(Buffer.from(roomSvg(seed, width, height)))
    .png()
    .toBuffer();
  const turned = await sharp(room).rotate(view.angle, { background: '#808080' }).png().toBuffer();
  const m = await sharp(turned).metadata();
  const w = Math.round(width * view.share),
    h = Math.round(height * view.share);
  const left = Math.round(((m.width ?? width) - w) * view.x),
    top = Math.round(((m.height ?? height) - h) * view.y);
  const subject = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><ellipse cx="${w * 0.5}" cy="${h * 0.6}" rx="${w * 0.18}" ry="${h * 0.3}" fill="${view.subject}"/></svg>`,
  );
  const crop = await sharp(turned).extract({ left, top, width: w, height: h }).png().toBuffer();
  const cut = view.tilt ? await keystone(crop, view.tilt) : crop;
  return sharp(
    await sharp(cut)
      .composite([{ input: subject }])
      .png()
      .toBuffer(),
  )
    .resize(800)
    .jpeg({ quality: 85 })
    .toBuffer();
}
