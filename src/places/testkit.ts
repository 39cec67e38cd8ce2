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

/** A picture of room `seed`: a crop at (x, y) of the given share, turned by `angle`°, a subject (flat shape) in front. */
export async function roomPicture(
  seed: number,
  view: { x: number; y: number; share: number; angle: number; subject: string },
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
  const cut = await sharp(turned).extract({ left, top, width: w, height: h }).png().toBuffer();
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
