// Keeps this process's match indexes in step with commits of every process (issue 18 item 2).
// index_changes (migration 018b) gets a row per changed media/frame/robust id from triggers, which also
// NOTIFY icse_index. The feed reads rows past its seq watermark and re-reads those ids (reconcile), so
// applying a change twice is harmless. A seq can become visible after a higher one (its transaction
// committed later): such gaps are re-asked for until GAP_TIMEOUT_MS (a rolled-back insert never appears).
// Wake-ups: LISTEN on the server, PGlite's listen in-process, and a poll every second, so a missed
// notification only delays.
import { createLog, type Log } from '../shared/log.js';
import { settled } from '../shared/failures.js';
import { sql } from 'kysely';
import type { Db } from '../db/types.js';
import { CoalescedRun } from '../shared/coalesce.js';

export const INDEX_CHANNEL = 'icse_index';
const GAP_TIMEOUT_MS = 2 * 60_000;
const PAGE = 5000;
const KEEP_MS = 24 * 3600_000;
/** Seqs below the start watermark that may still be in flight are looked at again. */
const START_LOOKBACK = 2000;

interface Reconciler {
  reconcile(kind: 'media' | 'frame' | 'robust', ids: number[]): Promise<void>;
}

export class IndexChangeFeed {
  watermark = 0;
  private readonly gaps = new Map<number, number>();
  private readonly runs = new CoalescedRun(() => this.pollOnce());
  private timer: NodeJS.Timeout | null = null;
  private pruner: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private log: Log = createLog('info');
  /** Changes applied since start (tests and /health). */
  applied = 0;

  constructor(
    private readonly db: Db,
    private readonly target: Reconciler,
  ) {}

  /** Sets the watermark to the newest change, remembering recent holes that may still commit. */
  async init(): Promise<void> {
    const top = await this.db
      .selectFrom('index_changes')
      .select((eb) => eb.fn.max('seq').as('m'))
      .executeTakeFirst();
    const max = Number(top?.m ?? 0);
    const present = new Set(
      (
        await this.db
          .selectFrom('index_changes')
          .select('seq')
          .where('seq', '>', max - START_LOOKBACK)
          .execute()
      ).map((r) => Number(r.seq)),
    );
    const now = Date.now();
    for (let s = Math.max(1, max - START_LOOKBACK + 1); s <= max; s++) if (!present.has(s)) this.gaps.set(s, now);
    this.watermark = max;
  }

  /** Applies pending changes; concurrent calls share one run (plus one more if asked during it). */
  poll(): Promise<number> {
    return this.runs.run();
  }

  private async pollOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const gapList = [...this.gaps.keys()];
      const rows = await this.db
        .selectFrom('index_changes')
        .select(['seq', 'kind', 'ref_id'])
        .where((eb) => (gapList.length ? eb.or([eb('seq', '>', this.watermark), eb('seq', 'in', gapList)]) : eb('seq', '>', this.watermark)))
        .orderBy('seq')
        .limit(PAGE)
        .execute();
      const byKind = { media: new Set<number>(), frame: new Set<number>(), robust: new Set<number>() };
      let next = this.watermark;
      const now = Date.now();
      for (const r of rows) {
        const seq = Number(r.seq);
        byKind[r.kind].add(r.ref_id);
        this.gaps.delete(seq);
        if (seq > next) {
          for (let s = next + 1; s < seq; s++) this.gaps.set(s, now);
          next = seq;
        }
      }
      for (const kind of ['media', 'frame', 'robust'] as const) await this.target.reconcile(kind, [...byKind[kind]]);
      this.watermark = next;
      for (const [s, since] of this.gaps) if (now - since > GAP_TIMEOUT_MS) this.gaps.delete(s);
      total += rows.length;
      this.applied += rows.length;
      if (rows.length < PAGE) return total;
    }
  }

  /**
   * Wakes on notifications and polls every `intervalMs`. `listen` subscribes to the channel (server: a
   * dedicated connection; PGlite: its in-process listen) and returns the unsubscribe function.
   */
  async follow(listen: ((onNotify: () => void) => Promise<() => Promise<void>>) | null, intervalMs = 1000, log: Log = createLog('info')): Promise<void> {
    this.log = log;
    const wake = () => {
      void this.poll().catch(log.failed('applying index changes (the next wake-up retries)'));
    };
    if (listen)
      this.unlisten =
        (await listen(wake).catch((err: unknown) => {
          log.warn('listening for index changes failed: they are polled only', { intervalMs, err });
        })) ?? null;
    this.timer = setInterval(wake, intervalMs);
    this.timer.unref();
    // The log only wakes running processes (a starting one loads the tables): keep a day of it.
    this.pruner = setInterval(() => {
      void this.db
        .deleteFrom('index_changes')
        .where('at', '<', new Date(Date.now() - KEEP_MS))
        .where('seq', '<', this.watermark)
        .execute()
        .catch(log.failed('pruning the index change log (the next hour retries)'));
    }, 3600_000);
    this.pruner.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.pruner) clearInterval(this.pruner);
    this.timer = this.pruner = null;
    await this.unlisten?.().catch(this.log.failed('unsubscribing from index changes'));
    this.unlisten = null;
    await settled(this.runs.current); // a failed run was logged by the wake-up or reported to its poll() caller
  }
}

export { sql };
