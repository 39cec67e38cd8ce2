// EXIF orientations are the 8 dihedral transforms. For an image whose EXIF orientation is o, the PDQ of the
// pixels as stored is (up to the box filter's rounding) the dihedral variant EXIF_TO_DIHEDRAL[o] of the upright
// image's PDQ, and the upright PDQ is the variant DIHEDRAL_TO_UPRIGHT[o] of the stored one. Used by
// migrations/020 (same table) and to name which variant of a query matched.
import type { PdqDihedralHashes } from '../hashing/index.js';

export const DIHEDRAL_ORDER = [
  'original',
  'rotate90',
  'rotate180',
  'rotate270',
  'flipx',
  'flipy',
  'flipPlus1',
  'flipMinus1',
] as const satisfies readonly (keyof PdqDihedralHashes)[];
export type DihedralName = (typeof DIHEDRAL_ORDER)[number];

/** orientation (1..8) -> dihedral variant of the upright hash that equals the as-stored hash. */
export const EXIF_TO_DIHEDRAL: Record<number, DihedralName> = {
  1: 'original',
  2: 'flipy',
  3: 'rotate180',
  4: 'flipx',
  5: 'flipPlus1',
  6: 'rotate90',
  7: 'flipMinus1',
  8: 'rotate270',
};

/** orientation (1..8) -> dihedral variant of the as-stored hash that equals the upright hash (the inverse transform). */
export const UPRIGHT_FROM_STORED: Record<number, DihedralName> = {
  1: 'original',
  2: 'flipy',
  3: 'rotate180',
  4: 'flipx',
  5: 'flipPlus1',
  6: 'rotate270',
  7: 'flipMinus1',
  8: 'rotate90',
};

/**
 * Best hit per medium over the 8 dihedral variants of the as-stored hash and, for an EXIF-rotated photo, the
 * exact hash of its upright pixels (variant 'upright'): PDQ's DCT-derived rotate180 and flipMinus1 variants can
 * sit 30-40 bits from a real rotation, and a copy re-saved upright is common. Sorted by distance, then id.
 */
export function mergeVariantHits(
  dihedral: ReadonlyArray<{ mediaId: number; distance: number; variant: number }>,
  upright: ReadonlyArray<{ mediaId: number; distance: number }>,
): Array<{ mediaId: number; distance: number; variant: string }> {
  const best = new Map<number, { mediaId: number; distance: number; variant: string }>();
  for (const h of dihedral) {
    const b = best.get(h.mediaId);
    if (!b || h.distance < b.distance) best.set(h.mediaId, { mediaId: h.mediaId, distance: h.distance, variant: DIHEDRAL_ORDER[h.variant] ?? 'original' });
  }
  for (const h of upright) {
    const b = best.get(h.mediaId);
    if (!b || h.distance < b.distance) best.set(h.mediaId, { mediaId: h.mediaId, distance: h.distance, variant: 'upright' });
  }
  return [...best.values()].sort((a, b) => a.distance - b.distance || a.mediaId - b.mediaId);
}
