// SQL of item processing (processing.ts keeps the orchestration: claim, hash, decide, record) and of the
// row changes a near-match verdict asks for (near.ts decides them without writing).
import { sql, type Insertable, type Updateable } from 'kysely';
import type { DB, Executor, Trx } from '../db/types.js';
import type { ItemRow } from './tables.js';

/** A claimed item's row as the processing transaction writes it. */
export type ItemOutcomeColumns = Pick<
  Updateable<DB['seizure_items']>,
  | 'status'
  | 'result'
  | 'media_id'
  | 'match'
  | 'note'
  | 'near_item_id'
  | 'error_reason'
  | 'error_message'
  | 'match_stage'
  | 'match_rule'
  | 'match_votes'
  | 'match_min_distance'
  | 'pdq'
>;

/** The media columns that come from an item's content (processing.ts contentColumns). */
export type MediaContentColumns = Omit<
  Insertable<DB['media']>,
  'id' | 'sha256' | 'series_id' | 'category' | 'owner_country' | 'owner_agency_id' | 'distribution' | 'shared_with' | 'first_seizure_id' | 'first_item_id'
>;

/** The medium a candidate points at, as judging a verdict reads it. */
export interface CandidateMedium {
  id: number;
  first_seizure_id: number | null;
  first_item_id: number | null;
  media_type: string;
  pdq: string | null;
  series_id: number | null;
}

/** Only the holder of the current claim (`token`) may write a claimed item. */
const claimedBy = (db: Executor, token: Date) => db.updateTable('seizure_items').where('status', '=', 'processing').where('claimed_at', '=', token);

export const processingRepo = {
  seizure: (trx: Executor, id: number) => trx.selectFrom('seizures').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),

  /** The claimed items still held under `token`, locked for this transaction. */
  lockClaimed: async (trx: Trx, ids: number[], token: Date): Promise<Set<number>> =>
    new Set(
      (
        await trx
          .selectFrom('seizure_items')
          .select('id')
          .where('id', 'in', ids)
          .where('status', '=', 'processing')
          .where('claimed_at', '=', token)
          .forUpdate()
          .execute()
      ).map((r) => r.id),
    ),

  /** The outcome of a claimed item: processed now, claim released. */
  recordOutcome: (trx: Trx, itemId: number, cols: ItemOutcomeColumns) =>
    trx
      .updateTable('seizure_items')
      .set({ ...cols, processed_at: new Date(), claimed_at: null })
      .where('id', '=', itemId)
      .execute(),

  /** Hands a claimed item back to pending (if still held under `token`). */
  releaseClaim: (db: Executor, itemId: number, token: Date) =>
    claimedBy(db, token).set({ status: 'pending', claimed_at: null }).where('id', '=', itemId).execute(),

  /** Ends a claimed item in error (if still held under `token`). */
  failClaim: (db: Executor, itemId: number, token: Date, message: string) =>
    claimedBy(db, token)
      .set({ status: 'error', error_reason: 'processing_failed', error_message: message, processed_at: new Date(), claimed_at: null })
      .where('id', '=', itemId)
      .execute(),

  /** The media row with these bytes (SHA-256), else (hash lines) MD5 or SHA-1, with the stage that found it. */
  findExact: async (trx: Executor, item: Pick<ItemRow, 'kind' | 'sha256' | 'md5' | 'sha1'>) => {
    const q = () => trx.selectFrom('media').select(['id', 'first_seizure_id', 'first_item_id', 'stored']);
    if (item.sha256) {
      const r = await q().where('sha256', '=', item.sha256).executeTakeFirst();
      if (r) return { ...r, stage: 'sha256' };
    }
    if (item.kind === 'hash' && item.md5) {
      const r = await q().where('md5', '=', item.md5).orderBy('id').executeTakeFirst();
      if (r) return { ...r, stage: 'md5' };
    }
    if (item.kind === 'hash' && item.sha1) {
      const r = await q().where('sha1', '=', item.sha1).orderBy('id').executeTakeFirst();
      if (r) return { ...r, stage: 'sha1' };
    }
    return null;
  },

  setFirstItem: (trx: Trx, mediaId: number, itemId: number) => trx.updateTable('media').set({ first_item_id: itemId }).where('id', '=', mediaId).execute(),

  setNote: (trx: Trx, itemId: number, note: string) => trx.updateTable('seizure_items').set({ note }).where('id', '=', itemId).execute(),

  itemPath: (trx: Executor, id: number) => trx.selectFrom('seizure_items').select(['id', 'path']).where('id', '=', id).executeTakeFirst(),

  /** Completes a hash-line record with its file's content; null when it is no longer hash-only (another worker did it). */
  completeFromFile: async (trx: Trx, mediaId: number, cols: MediaContentColumns, md5: string | null, sha1: string | null) => {
    const row = await trx
      .updateTable('media')
      .set({ ...cols, md5: sql`coalesce(md5, ${md5})` as never, sha1: sql`coalesce(sha1, ${sha1})` as never })
      .where('id', '=', mediaId)
      .where('stored', '=', false)
      .returning('id')
      .executeTakeFirst();
    if (row) await trx.deleteFrom('media_frames').where('media_id', '=', mediaId).execute();
    return row ?? null;
  },

  /** Inserts a media row; null when the bytes (SHA-256) are already stored. */
  insertMedia: (trx: Trx, values: Insertable<DB['media']>) =>
    trx
      .insertInto('media')
      .values(values)
      .onConflict((oc) => oc.column('sha256').doNothing())
      .returning('id')
      .executeTakeFirst(),

  insertFrames: (trx: Trx, rows: Insertable<DB['media_frames']>[]) =>
    trx.insertInto('media_frames').values(rows).returning(['id', 'pdq', 'crop_pdq']).execute(),

  /** The media a verdict's candidates point at (at most the first 50 distinct ones are judged). */
  candidateMedia: (trx: Executor, ids: number[]): Promise<CandidateMedium[]> =>
    ids.length
      ? trx.selectFrom('media').select(['id', 'first_seizure_id', 'first_item_id', 'media_type', 'pdq', 'series_id']).where('id', 'in', ids).execute()
      : Promise.resolve([]),

  /**
   * An in-seizure near-duplicate note on another item. `ifFree`: only when it has no note yet (videos);
   * `ifNoLowerThan`: only when it names no partner, or a higher-numbered one than this (images).
   */
  setNearNote: (trx: Trx, change: { itemId: number; note: string; nearItemId: number | null; ifNoLowerThan?: number }) => {
    const q = trx.updateTable('seizure_items').where('id', '=', change.itemId);
    if (change.ifNoLowerThan === undefined) return q.set({ note: change.note }).where('note', 'is', null).execute();
    const lower = change.ifNoLowerThan;
    return q
      .set({ note: change.note, near_item_id: change.nearItemId })
      .where((eb) => eb.or([eb.and([eb('note', 'is', null), eb('near_item_id', 'is', null)]), eb('near_item_id', '>', lower)]))
      .execute();
  },
};
