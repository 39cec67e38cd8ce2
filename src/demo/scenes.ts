// Benign generated scenes for demo data and tests: seeded compositions of gradients, shapes and text,
// and the edited copies offenders typically re-post (resized, re-encoded, cropped, flipped, watermarked).
import sharp from 'sharp';

export type SceneVariant = 'original' | 'resized' | 'reencoded' | 'cropped' | 'flipped' | 'watermarked';
export const SCENE_VARIANTS: SceneVariant[] = ['original', 'resized', 'reencoded', 'cropped', 'flipped', 'watermarked'];

/** Small deterministic PRNG (mulberry32) so a seed always gives the same scene. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const colour = (r: () => number) => `hsl(${Math.floor(r() * 360)},${40 + Math.floor(r() * 50)}%,${25 + Math.floor(r() * 50)}%)`;

export function sceneSvg(seed: number, width = 640, height = 480, label = `scene ${seed}`): string {
  const r = prng(seed);
  const shapes: string[] = [];
  const n = 6 + Math.floor(r() * 8);
  for (let i = 0; i < n; i++) {
    const x = Math.floor(r() * width),
      y = Math.floor(r() * height),
      s = 20 + Math.floor(r() * width * 0.3);
    switch (Math.floor(r() * 4)) {
      case 0:
        shapes.push(`<circle cx="${x}" cy="${y}" r="${s / 2}" fill="${colour(r)}" opacity="${0.6 + r() * 0.4}"/>`);
        break;
      case 1:
        shapes.push(
          `<rect x="${x - s / 2}" y="${y - s / 3}" width="${s}" height="${(s * 2) / 3}" fill="${colour(r)}" transform="rotate(${Math.floor(r() * 90)} ${x} ${y})"/>`,
        );
        break;
      case 2:
        shapes.push(`<polygon points="${x},${y - s / 2} ${x + s / 2},${y + s / 2} ${x - s / 2},${y + s / 2}" fill="${colour(r)}"/>`);
        break;
      default:
        shapes.push(
          `<line x1="${x}" y1="${y}" x2="${Math.floor(r() * width)}" y2="${Math.floor(r() * height)}" stroke="${colour(r)}" stroke-width="${4 + Math.floor(r() * 16)}"/>`,
        );
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs><linearGradient id="g" x1="0" y1="0" x2="${r().toFixed(2)}" y2="1"><stop offset="0" stop-color="${colour(r)}"/><stop offset="1" stop-color="${colour(r)}"/></linearGradient></defs>
  <rect width="100%" height="100%" fill="url(#g)"/>${shapes.join('')}
  <text x="${Math.floor(width * 0.05)}" y="${Math.floor(height * 0.92)}" font-family="sans-serif" font-size="${Math.floor(height / 14)}" fill="white" stroke="black" stroke-width="1">${label}</text>
</svg>`;
}

/** The original scene as a JPEG. */
export async function sceneJpeg(seed: number, width = 640, height = 480): Promise<Buffer> {
  return sharp(Buffer.from(sceneSvg(seed, width, height)))
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** An edited copy of a scene, as re-posted material typically is. */
export async function sceneVariant(seed: number, variant: SceneVariant, width = 640, height = 480): Promise<Buffer> {
  const original = await sceneJpeg(seed, width, height);
  const img = sharp(original);
  switch (variant) {
    case 'original':
      return original;
    case 'resized':
      return img
        .resize(Math.round(width * 0.6))
        .jpeg({ quality: 85 })
        .toBuffer();
    case 'reencoded':
      return img.jpeg({ quality: 35 }).toBuffer();
    case 'cropped': {
      // A light crop (3 % per side): still within PDQ's reach; heavier crops need the robust stage.
      const dx = Math.round(width * 0.03),
        dy = Math.round(height * 0.03);
      return img
        .extract({ left: dx, top: dy, width: width - 2 * dx, height: height - 2 * dy })
        .jpeg({ quality: 90 })
        .toBuffer();
    }
    case 'flipped':
      return img.flop().jpeg({ quality: 90 }).toBuffer();
    case 'watermarked': {
      const mark = Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><text x="${width - 200}" y="40" font-family="sans-serif" font-size="28" fill="white" opacity="0.7">© reposted</text></svg>`,
      );
      return img
        .composite([{ input: mark }])
        .jpeg({ quality: 90 })
        .toBuffer();
    }
  }
}
