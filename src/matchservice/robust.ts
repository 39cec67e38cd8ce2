// Persistence of robust signatures (migrations/007_robust_regions.sql): rows for one image, and the
// whole RobustIndex rebuilt at start (keyset pages over media_robust, regions fetched per page).
import type { Insertable } from 'kysely';
import type { DB, Db, Executor } from '../db/types.js';
import { RobustIndex, type RobustSignature } from '../robust/index.js';
import type { RegionBase } from '../robust/signature.js';

const PAGE = 2000;
const BASE_CODE: Record<RegionBase, 'f' | 't'> = { full: 'f', trim: 't' };

/** An image's signature as rows: its media_robust row and its media_robust_regions rows. */
export function robustRows(
  mediaId: number,
  sig: RobustSignature,
): { robust: Insertable<DB['media_robust']>; regions: Insertable<DB['media_robust_regions']>[] } {
  const t = sig.trim;
  return {
    robust: {
      media_id: mediaId,
      version: sig.version,
      ratio: sig.ratio,
      computed_at: undefined,
      trim_left: t?.left ?? null,
      trim_top: t?.top ?? null,
      trim_right: t?.right ?? null,
      trim_bottom: t?.bottom ?? null,
    },
    regions: sig.regions.map((r) => ({ media_id: mediaId, base: BASE_CODE[r.base], level: r.level, pdq: Buffer.from(r.hash, 'hex'), quality: r.quality })),
  };
}

/** Stores signatures' rows (in the caller's transaction): one statement per table, whatever the number of images. */
export async function insertRobustRows(trx: Executor, rows: ReturnType<typeof robustRows>[]): Promise<void> {
  if (!rows.length) return;
  await trx
    .insertInto('media_robust')
    .values(rows.map((r) => r.robust))
    .onConflict((oc) => oc.column('media_id').doNothing())
    .execute();
  const regions = rows.flatMap((r) => r.regions);
  for (let i = 0; i < regions.length; i += REGION_ROWS_PER_STATEMENT)
    await trx
      .insertInto('media_robust_regions')
      .values(regions.slice(i, i + REGION_ROWS_PER_STATEMENT))
      .onConflict((oc) => oc.columns(['media_id', 'base', 'level']).doNothing())
      .execute();
}

/** Five parameters a row: well under PostgreSQL's 65,535 per statement. */
const REGION_ROWS_PER_STATEMENT = 2000;

/** The stored signatures of the given images (absent: none stored, or no regions). */
export async function loadRobustSignatures(db: Db, mediaIds: number[]): Promise<Map<number, RobustSignature>> {
  const out = new Map<number, RobustSignature>();
  if (!mediaIds.length) return out;
  const heads = await db.selectFrom('media_robust').select(['media_id', 'version', 'ratio']).where('media_id', 'in', mediaIds).execute();
  const regions = await db
    .selectFrom('media_robust_regions')
    .select(['media_id', 'base', 'level', 'pdq', 'quality'])
    .where('media_id', 'in', mediaIds)
    .execute();
  for (const h of heads) {
    const list = regions
      .filter((r) => r.media_id === h.media_id)
      .map((r) => ({
        base: r.base === 't' ? ('trim' as const) : ('full' as const),
        level: r.level,
        hash: Buffer.from(r.pdq).toString('hex'),
        quality: r.quality,
      }));
    if (h.version === 1 && list.length) out.set(h.media_id, { version: 1, ratio: h.ratio, trim: null, regions: list });
  }
  return out;
}

/** Every stored signature into `index` (a new, empty RobustIndex). The trim rectangle is not needed for matching. */
export async function loadRobustIndex(db: Db, index = new RobustIndex()): Promise<RobustIndex> {
  let after = 0;
  for (;;) {
    const heads = await db
      .selectFrom('media_robust')
      .select(['media_id', 'version', 'ratio'])
      .where('media_id', '>', after)
      .orderBy('media_id')
      .limit(PAGE)
      .execute();
    if (!heads.length) break;
    const regions = await db
      .selectFrom('media_robust_regions')
      .select(['media_id', 'base', 'level', 'pdq', 'quality'])
      .where(
        'media_id',
        'in',
        heads.map((h) => h.media_id),
      )
      .orderBy('media_id')
      .execute();
    const byMedia = new Map<number, RobustSignature['regions']>();
    for (const r of regions) {
      let l = byMedia.get(r.media_id);
      if (!l) byMedia.set(r.media_id, (l = []));
      l.push({ base: r.base === 't' ? 'trim' : 'full', level: r.level, hash: Buffer.from(r.pdq).toString('hex'), quality: r.quality });
    }
    for (const h of heads) {
      const list = byMedia.get(h.media_id);
      if (h.version === 1 && list?.length) index.add(String(h.media_id), { version: 1, ratio: h.ratio, trim: null, regions: list });
    }
    if (heads.length < PAGE) break;
    after = heads[heads.length - 1]!.media_id;
  }
  return index;
}
