// The ingest bench's photo set: distinct 1–3 MP JPEGs derived from benign packaged photos (Debian wallpaper
// packages and scikit-image's sample data, fetched by scripts/fetch-photos.ts with `apt-get download` and
// unpacked with dpkg-deb: nothing else goes to the network). Each file is a seeded random crop of one source,
// resized to 1–3 MP and re-encoded at quality 75–92, so every file has its own bytes and pixels.
// Without apt (or without any package), generated pictures stand in, and the set says so (source='generated').
//   npx tsx bench/photo-set.ts [--n 300] [--dir data/bench-photos] [--mp 1-3]
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { fetchPhotos } from '../scripts/fetch-photos.js';
import { generatedImage } from '../src/seizures/fixtures.js';

export interface PhotoSet {
  files: string[];
  source: 'photos' | 'generated';
  sources: number;
  dir: string;
}

const VERSION = 'v1';

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function pooled<T>(items: T[], jobs: number, fn: (t: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      for (let i = next++; i < items.length; i = next++) await fn(items[i]!, i);
    }),
  );
}

/** Masters: each source photo once at ≤ 2600 px (a 5K wallpaper decoded per derived file would dominate). */
async function masters(dir: string, log: (m: string) => void, side = 2600): Promise<string[]> {
  const photos = fetchPhotos(undefined, undefined, log);
  const out = path.join(dir, side === 2600 ? `masters-${VERSION}` : `masters-${VERSION}-${side}`);
  fs.mkdirSync(out, { recursive: true });
  const made: string[] = [];
  await pooled(photos, 2, async (src, i) => {
    const dst = path.join(out, `${String(i).padStart(4, '0')}.jpg`);
    if (!fs.existsSync(dst)) {
      try {
        const img = sharp(src, { failOn: 'none' }).rotate();
        const m = await img.metadata();
        if ((m.width ?? 0) * (m.height ?? 0) < 1.2e6) return; // too small to give 1–3 MP crops
        await img
          .resize(side, side, { fit: 'inside', withoutEnlargement: true })
          .flatten({ background: '#808080' })
          .jpeg({ quality: 95 })
          .toFile(dst + '.tmp');
        fs.renameSync(dst + '.tmp', dst);
      } catch {
        return;
      }
    }
    made.push(dst);
  });
  return made.sort();
}

/** `--mp LO-HI` from a command line (default 1-3). */
export function mpRangeArg(argv: string[]): [number, number] {
  const i = argv.indexOf('--mp');
  return (i > 0 ? argv[i + 1]!.split('-').map(Number) : [1, 3]) as [number, number];
}

const sizes = new Map<string, Promise<[number, number]>>();
const masterSize = (src: string) => {
  if (!sizes.has(src))
    sizes.set(
      src,
      sharp(src)
        .metadata()
        .then((m) => [m.width!, m.height!] as [number, number]),
    );
  return sizes.get(src)!;
};

/** Builds (once per n) and returns the bench set. */
export async function photoSet(
  n: number,
  dir = path.resolve(process.env.ICSE_BENCH_PHOTOS ?? 'data/bench-photos'),
  log = (m: string) => process.stderr.write(`${m}\n`),
  /** Megapixel range of the derived files (1–3 MP: camera photos; a 100,000-file run uses web-size pictures so the set
   * fits on the disk twice, as files and as encrypted objects). */
  mpRange: [number, number] = [1, 3],
): Promise<PhotoSet> {
  let srcs: string[] = [];
  try {
    // Web-size pictures come from smaller masters: decoding a 2,600-px master per file would take ~50 min for 100,000.
    srcs = await masters(dir, log, mpRange[1] <= 1.2 ? 1400 : 2600);
  } catch (e) {
    log(`photo-set: packaged photos unavailable (${(e as Error).message})`);
  }
  const source = srcs.length >= 8 ? 'photos' : 'generated';
  if (source === 'generated') log('photo-set: apt-get / dpkg-deb gave fewer than 8 usable photos: FALLING BACK to generated images (not realistic photos)');
  const sized = mpRange[0] === 1 && mpRange[1] === 3 ? '' : `-${mpRange[0]}-${mpRange[1]}mp`;
  const out = path.join(dir, `${source}-${VERSION}-${n}${sized}`);
  const done = path.join(out, '.done');
  const files = Array.from({ length: n }, (_, i) => path.join(out, `${String(i).padStart(6, '0')}.jpg`));
  if (fs.existsSync(done)) return { files, source, sources: srcs.length, dir: out };
  fs.mkdirSync(out, { recursive: true });
  const t0 = Date.now();
  await pooled(files, 2, async (dst, i) => {
    if (fs.existsSync(dst)) return;
    const rnd = mulberry32(i * 2654435761 + 7);
    const mp = (mpRange[0] + rnd() * (mpRange[1] - mpRange[0])) * 1e6;
    const quality = 75 + Math.floor(rnd() * 18);
    let data: Buffer;
    if (source === 'photos') {
      const src = srcs[i % srcs.length]!;
      const [W, H] = await masterSize(src);
      const fw = 0.6 + rnd() * 0.4,
        fh = Math.min(1, fw * (0.85 + rnd() * 0.3));
      const cw = Math.max(64, Math.floor(W * fw)),
        ch = Math.max(64, Math.floor(H * fh));
      const left = Math.floor(rnd() * (W - cw + 1)),
        top = Math.floor(rnd() * (H - ch + 1));
      const scale = Math.min(1, Math.sqrt(mp / (cw * ch)));
      const img = sharp(src)
        .extract({ left, top, width: cw, height: ch })
        .resize(Math.round(cw * scale), Math.round(ch * scale));
      const brightness = 0.9 + rnd() * 0.2;
      // The sized sets scale brightness linearly (modulate goes through LCh): with that and each master's size read once,
      // 91 instead of 39 files/s, so 100,000 files take ~18 min.
      const lit = sized ? img.linear(brightness, 0) : img.modulate({ brightness });
      data = await lit.jpeg({ quality, mozjpeg: false }).toBuffer();
    } else {
      const w = Math.round(Math.sqrt((mp * 4) / 3)),
        h = Math.round((w * 3) / 4);
      data = await sharp(await generatedImage(i + 1, { width: w, height: h, format: 'png' }))
        .jpeg({ quality })
        .toBuffer();
    }
    fs.writeFileSync(dst + '.tmp', data);
    fs.renameSync(dst + '.tmp', dst);
    if ((i + 1) % 500 === 0) log(`photo-set: ${i + 1}/${n} (${((i + 1) / ((Date.now() - t0) / 1000)).toFixed(0)} files/s)`);
  });
  fs.writeFileSync(done, new Date().toISOString());
  return { files, source, sources: srcs.length, dir: out };
}

if (process.argv[1]?.endsWith('photo-set.ts')) {
  const i = process.argv.indexOf('--n');
  const d = process.argv.indexOf('--dir');
  const set = await photoSet(
    i > 0 ? Number(process.argv[i + 1]) : 300,
    d > 0 ? path.resolve(process.argv[d + 1]!) : undefined,
    undefined,
    mpRangeArg(process.argv),
  );
  console.log(`${set.files.length} ${set.source} files from ${set.sources} sources in ${set.dir}`);
}
