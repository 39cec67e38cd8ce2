// PostgreSQL-backed job queue (pg-boss) on both PGlite and a PostgreSQL server.
import { PgBoss, fromKysely, fromPglite, type WorkOptions } from 'pg-boss';
import { addSpan, spansEnabled } from '../shared/spans.js';
import type { Database } from '../db/database.js';
import type { Config } from '../config.js';
import type { Trx } from '../db/types.js';
import { createLog, type Log } from '../shared/log.js';

export interface JobOptions {
  singletonKey?: string;
  retryLimit?: number;
  retryDelay?: number;
  expireInSeconds?: number;
}
export type JobHandler<T> = (data: T, job: { id: string; name: string }) => Promise<void>;

/** pg-boss's own statements under 'sql: pg-boss …' spans (profiles, and what bench:ingest names a hold by): on PGlite they
 * run on the main thread like the application's. */
type BossDb = ReturnType<typeof fromPglite>;
function timed(db: BossDb): BossDb {
  return {
    ...db,
    executeSql: async (text: string, values?: unknown[]) => {
      if (!spansEnabled()) return db.executeSql(text, values);
      const t = performance.now();
      try {
        return await db.executeSql(text, values);
      } finally {
        addSpan(`sql: pg-boss ${text.replace(/\s+/g, ' ').slice(0, 90)}`, performance.now() - t);
      }
    },
  };
}

export class JobQueue {
  readonly boss: PgBoss;
  private started = false;
  private readonly queues = new Set<string>();

  private readonly log: Log;

  constructor(database: Database, config: Pick<Config, 'databaseUrl'>, log: Log = createLog('info')) {
    this.log = log;
    const schema = database.kind === 'postgres' ? `${database.schema === 'public' ? 'pgboss' : database.schema + '_boss'}` : 'pgboss';
    this.boss = database.pglite
      ? new PgBoss({ db: timed(fromPglite(database.pglite)), backend: 'pglite', schema })
      : new PgBoss({ connectionString: config.databaseUrl!, schema, max: 4 });
    this.boss.on('error', (err: unknown) => {
      this.log.error('job queue error', { err });
    });
  }

  async start() {
    if (this.started) return;
    await this.boss.start();
    this.started = true;
  }

  /**
   * Creates the queue if needed. Call it before the first `send` inside a transaction: on PGlite, creating a
   * queue from inside an open transaction would wait on the transaction's own connection (deadlock).
   */
  async ensureQueue(name: string) {
    if (this.queues.has(name)) return;
    await this.boss.createQueue(name).catch(this.log.failed('creating the job queue', { queue: name }));
    this.queues.add(name);
  }

  /** Enqueue inside the caller's transaction: the job exists if and only if the change commits. */
  async send<T extends object>(name: string, data: T, opts: JobOptions & { trx?: Trx } = {}): Promise<string | null> {
    const { trx, ...options } = opts;
    if (trx && !this.queues.has(name)) {
      throw new Error(`job queue ${name} must be created (ensureQueue) before sending inside a transaction`);
    }
    await this.ensureQueue(name);
    return this.boss.send(name, data, { retryLimit: 3, retryDelay: 2, ...options, ...(trx ? { db: fromKysely(trx as never) } : {}) });
  }

  /** Many jobs of one queue in one statement (inside the caller's transaction when given). */
  async sendMany<T extends object>(name: string, datas: T[], opts: JobOptions & { trx?: Trx } = {}): Promise<void> {
    if (!datas.length) return;
    const { trx, ...options } = opts;
    if (trx && !this.queues.has(name)) throw new Error(`job queue ${name} must be created (ensureQueue) before sending inside a transaction`);
    await this.ensureQueue(name);
    await this.boss.insert(
      name,
      datas.map((data) => ({ retryLimit: 3, retryDelay: 2, ...options, data })),
      trx ? { db: fromKysely(trx as never) } : {},
    );
  }

  /** Options pass through to pg-boss (batchSize, localConcurrency, burst settings, …). */
  async work<T extends object>(name: string, handler: JobHandler<T>, opts: WorkOptions = {}) {
    await this.ensureQueue(name);
    await this.boss.work<T>(name, { batchSize: 1, pollingIntervalSeconds: 0.5, ...opts } as WorkOptions, async (jobs) => {
      for (const job of jobs) await handler(job.data, { id: job.id, name: job.name });
    });
  }

  /** Graceful stop: workers finish the jobs they hold. */
  async stop() {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, timeout: 30_000, close: true } as never);
  }
}
