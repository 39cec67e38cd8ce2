// Rows an item's decision adds that nothing later in the same batch reads: its place features and suggested
// link, its crop/border signature. Later items find committed media through the indexes and this batch's own
// through in-memory peers, so these rows are written together at the end of the batch's transaction, one
// statement per table instead of one per item (on the embedded database each statement costs ~1–2 ms of the
// main thread: docs/ingest-profile.md).
import type { Trx } from '../db/types.js';
import { insertRobustRows, type robustRows } from '../matchservice/robust.js';
import { insertPlaceRows, type placeRows } from '../places/triage.js';

export class BatchWrites {
  private readonly place: ReturnType<typeof placeRows>[] = [];
  private readonly robust: ReturnType<typeof robustRows>[] = [];

  addPlace(rows: ReturnType<typeof placeRows>): void {
    this.place.push(rows);
  }

  addRobust(rows: ReturnType<typeof robustRows>): void {
    this.robust.push(rows);
  }

  /** Writes what was added, in the batch's transaction, before it commits. */
  async flush(trx: Trx): Promise<void> {
    await insertRobustRows(trx, this.robust.splice(0));
    await insertPlaceRows(trx, this.place.splice(0));
  }
}
