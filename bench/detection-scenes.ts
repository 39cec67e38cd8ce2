// Benign, visually diverse generated scenes for the detection benchmark: SVG backgrounds
// (gradients, stripes, checks, solids), random shapes, text and a noise layer, composited by sharp.
// Deterministic from a seed.

import sharp from 'sharp';
import { prng } from '../src/demo/scenes.js';

/** The demo scenes' seeded PRNG (mulberry32). */
export const rng = prng;

const SIZES: Array<[number, number]> = [
  [640, 480],
  [800, 600],
  [600, 800],
  [720, 720],
  [1024, 640],
  [480, 640],
  [900, 500],
];
const WORDS = [
  'harbour',
  'meadow',
  'orbit',
  'lantern',
  'quartz',
  'summit',
  'violet',
  'delta',
  'comet',
  'garden',
  'RIVER',
  'ALPHA',
  '2024',
  'No. 17',
  'atlas',
  'ember',
];
const FONTS = ['sans-serif', 'serif', 'monospace'];

export interface Scene {
  name: string;
  png: Buffer;
}

export async function generateScene(seed: number): Promise<Scene> {
  const r = rng(seed * 7919 + 13);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const colour = (): string => `rgb(${Math.floor(r() * 256)},${Math.floor(r() * 256)},${Math.floor(r() * 256)})`;
  const [w, h] = pick(SIZES);
  const defs: string[] = [];
  const body: string[] = [];
  const bg = seed % 6;
  if (bg === 0) {
    const a = r() * Math.PI;
    defs.push(
      `<linearGradient id="g" x1="${0.5 - Math.cos(a) / 2}" y1="${0.5 - Math.sin(a) / 2}" x2="${0.5 + Math.cos(a) / 2}" y2="${0.5 + Math.sin(a) / 2}"><stop offset="0" stop-color="${colour()}"/><stop offset="${(0.3 + r() * 0.4).toFixed(2)}" stop-color="${colour()}"/><stop offset="1" stop-color="${colour()}"/></linearGradient>`,
    );
    body.push(`<rect width="${w}" height="${h}" fill="url(#g)"/>`);
  } else if (bg === 1) {
    defs.push(
      `<radialGradient id="g" cx="${r().toFixed(2)}" cy="${r().toFixed(2)}" r="${(0.4 + r() * 0.6).toFixed(2)}"><stop offset="0" stop-color="${colour()}"/><stop offset="1" stop-color="${colour()}"/></radialGradient>`,
    );
    body.push(`<rect width="${w}" height="${h}" fill="url(#g)"/>`);
  } else if (bg === 2) {
    const s = 10 + Math.floor(r() * 60);
    defs.push(
      `<pattern id="p" width="${s}" height="${s}" patternUnits="userSpaceOnUse" patternTransform="rotate(${Math.floor(r() * 180)})"><rect width="${s}" height="${s}" fill="${colour()}"/><rect width="${s / 2}" height="${s}" fill="${colour()}"/></pattern>`,
    );
    body.push(`<rect width="${w}" height="${h}" fill="url(#p)"/>`);
  } else if (bg === 3) {
    const s = 20 + Math.floor(r() * 80);
    defs.push(
      `<pattern id="p" width="${2 * s}" height="${2 * s}" patternUnits="userSpaceOnUse"><rect width="${2 * s}" height="${2 * s}" fill="${colour()}"/><rect width="${s}" height="${s}" fill="${colour()}"/><rect x="${s}" y="${s}" width="${s}" height="${s}" fill="${colour()}"/></pattern>`,
    );
    body.push(`<rect width="${w}" height="${h}" fill="url(#p)"/>`);
  } else if (bg === 4) {
    body.push(`<rect width="${w}" height="${h}" fill="rgb(${Math.floor(r() * 40)},${Math.floor(r() * 40)},${Math.floor(r() * 50)})"/>`);
  } else {
    // Horizon: sky gradient over ground.
    const y = Math.floor(h * (0.3 + r() * 0.4));
    defs.push(
      `<linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${colour()}"/><stop offset="1" stop-color="${colour()}"/></linearGradient>`,
    );
    body.push(
      `<rect width="${w}" height="${h}" fill="url(#g)"/><path d="M0 ${y} Q ${w * r()} ${y - 80 * r()} ${w} ${y + 40 * (r() - 0.5)} L ${w} ${h} L 0 ${h} Z" fill="${colour()}"/>`,
    );
  }
  const shapes = 3 + Math.floor(r() * 10);
  for (let i = 0; i < shapes; i++) {
    const x = r() * w;
    const y = r() * h;
    const s = (0.05 + r() * 0.3) * Math.min(w, h);
    const style = `fill="${colour()}" fill-opacity="${(0.5 + r() * 0.5).toFixed(2)}" stroke="${colour()}" stroke-width="${Math.floor(r() * 8)}"`;
    const kind = Math.floor(r() * 6);
    if (kind === 0) body.push(`<circle cx="${x}" cy="${y}" r="${s / 2}" ${style}/>`);
    else if (kind === 1)
      body.push(`<ellipse cx="${x}" cy="${y}" rx="${s / 2}" ry="${s / 4 + (r() * s) / 2}" transform="rotate(${Math.floor(r() * 180)} ${x} ${y})" ${style}/>`);
    else if (kind === 2)
      body.push(
        `<rect x="${x - s / 2}" y="${y - s / 3}" width="${s}" height="${s * (0.3 + r())}" transform="rotate(${Math.floor(r() * 90)} ${x} ${y})" ${style}/>`,
      );
    else if (kind === 3) {
      const n = 3 + Math.floor(r() * 5);
      const pts = Array.from({ length: n }, (_, k) => {
        const a = (2 * Math.PI * k) / n + r() * 0.5;
        const rad = s * (0.3 + r() * 0.7);
        return `${(x + rad * Math.cos(a)).toFixed(1)},${(y + rad * Math.sin(a)).toFixed(1)}`;
      });
      body.push(`<polygon points="${pts.join(' ')}" ${style}/>`);
    } else if (kind === 4) {
      body.push(
        `<path d="M ${x} ${y} C ${x + s} ${y - s} ${x - s} ${y + 2 * s} ${x + 2 * s * r()} ${y + s}" fill="none" stroke="${colour()}" stroke-width="${4 + Math.floor(r() * 20)}" stroke-linecap="round"/>`,
      );
    } else {
      const n = 5;
      const pts = Array.from({ length: 2 * n }, (_, k) => {
        const a = (Math.PI * k) / n;
        const rad = k % 2 ? s * 0.2 : s * 0.5;
        return `${(x + rad * Math.cos(a)).toFixed(1)},${(y + rad * Math.sin(a)).toFixed(1)}`;
      });
      body.push(`<polygon points="${pts.join(' ')}" ${style}/>`);
    }
  }
  const texts = Math.floor(r() * 3);
  for (let i = 0; i < texts; i++) {
    body.push(
      `<text x="${(r() * w * 0.6).toFixed(0)}" y="${(h * (0.15 + r() * 0.8)).toFixed(0)}" font-family="${pick(FONTS)}" font-size="${Math.floor(18 + r() * 70)}" font-weight="${r() < 0.5 ? 'bold' : 'normal'}" fill="${colour()}">${pick(WORDS)} ${pick(WORDS)}</text>`,
    );
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><defs>${defs.join('')}</defs>${body.join('')}</svg>`;
  let img = sharp(Buffer.from(svg));
  const noise = r();
  if (noise < 0.5) {
    // Grain layer: random grey noise at a random strength.
    const amp = Math.floor(10 + noise * 120);
    const raw = Buffer.alloc(w * h * 4);
    for (let i = 0; i < w * h; i++) {
      const v = Math.floor(r() * 256);
      raw[4 * i] = raw[4 * i + 1] = raw[4 * i + 2] = v;
      raw[4 * i + 3] = amp;
    }
    const flat = await img.png().toBuffer();
    img = sharp(flat).composite([{ input: raw, raw: { width: w, height: h, channels: 4 } }]);
  }
  const png = await img.removeAlpha().png().toBuffer();
  return { name: `scene-${String(seed).padStart(2, '0')}`, png };
}
