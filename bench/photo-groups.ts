// Packaged photos grouped by artwork (scripts/fetch-photos.ts), shared by the benches that must keep one
// artwork's pictures on one side of a split. Packages ship one artwork several times (light/dark, colour
// variants, a theme's boot splash and login background, the skimage samples inside the doc figures): one
// content group per artwork, so that no group is both a known picture and an unrelated one.
import path from 'node:path';
import { Prng } from '../src/matching/prng.js';

export const groupOf = (f: string) => {
  if (f.includes('/_images/') || f.includes('/skimage')) return 'skimage';
  const theme = /(?:desktop-base|plymouth\/themes)\/([a-z]+)/.exec(f)?.[1];
  if (theme) return `theme:${theme.replace(/-theme$/, '')}`;
  const wp = /wallpapers\/([^/]+)\//.exec(f)?.[1];
  if (wp) return `wp:${wp}`;
  return path
    .basename(f)
    .replace(/\.\w+$/, '')
    .replace(/-[dl]$/, '')
    .replace(/^(Ubuntu-Mate|MATE-Stripes)-.*/, '$1');
};

export function groupPhotos(files: string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const f of files) groups.set(groupOf(f), [...(groups.get(groupOf(f)) ?? []), f]);
  return groups;
}

/** A seeded shuffle. */
export function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const r = new Prng(seed),
    a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
