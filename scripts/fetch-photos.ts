// Benign photographs for the place benchmark and the vocabulary: Debian packages that ship photos
// (wallpapers, scikit-image's sample data), fetched with `apt-get download` into a cache directory and
// unpacked with dpkg-deb. Nothing else goes to the network. Prints the list of image files found.
//   npx tsx scripts/fetch-photos.ts [--dir DIR] [--packages a,b,c]
import fs from 'node:fs';
import path from 'node:path';
import { unpackDebianPackages } from './debian-packages.js';

export const PHOTO_PACKAGES = [
  'python3-skimage',
  'python-skimage-doc',
  'plasma-workspace-wallpapers',
  'lomiri-wallpapers',
  'ukui-wallpapers',
  'desktop-base',
  'gnome-backgrounds',
  'mate-backgrounds',
  'lomiri-wallpapers-16.04',
  'lomiri-wallpapers-20.04',
];
export const DEFAULT_PHOTO_DIR = process.env.ICSE_PHOTO_DIR ?? path.resolve('data/photo-cache');

const IMAGE = /\.(jpe?g|png|webp)$/i;

function walk(dir: string, out: string[]) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && IMAGE.test(e.name) && !/screenshot|preview|thumb/i.test(e.name) && fs.statSync(p).size > 20_000) out.push(p);
  }
}

/** Downloads (once) and unpacks the packages; returns every photo-sized image file, sorted. */
export function fetchPhotos(dir = DEFAULT_PHOTO_DIR, packages = PHOTO_PACKAGES, log = (m: string) => console.error(m)): string[] {
  unpackDebianPackages(dir, packages, (m) => log(`fetch-photos: ${m}`));
  const root = path.join(dir, 'root');
  const out: string[] = [];
  walk(root, out);
  // One copy per file content size+name (wallpaper packages ship the same picture at several resolutions).
  const seen = new Map<string, string>();
  for (const f of out.sort()) {
    const key =
      path.dirname(f).replace(/\d+x\d+/g, '') +
      '/' +
      path
        .basename(f)
        .replace(/[-_.]?\d+x\d+/, '')
        .replace(/\.\w+$/, '');
    const prev = seen.get(key);
    if (!prev || fs.statSync(f).size > fs.statSync(prev).size) seen.set(key, f);
  }
  return [...new Set(seen.values())].sort();
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('fetch-photos.ts')) {
  const arg = (n: string) => {
    const i = process.argv.indexOf(n);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const files = fetchPhotos(arg('--dir') ?? DEFAULT_PHOTO_DIR, arg('--packages')?.split(',') ?? PHOTO_PACKAGES);
  for (const f of files) console.log(f);
  console.error(`fetch-photos: ${files.length} images`);
}
