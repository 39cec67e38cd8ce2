// The application context: configuration, database, queue and the services built on them.
// HTTP routes and CLI commands are thin adapters over these services.
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import type { Db } from './db/types.js';
import { JobQueue } from './jobs/queue.js';
import type { IdentityService } from './identity/service.js';
import { openMediaStore, type MediaStore } from './media/store.js';
import type { MatchService } from './matchservice/matcher.js';
import type { ItemHashPool } from './seizures/hasher.js';
import { buildCoreServices, buildServices, type Services } from './services.js';
import { createLog, type Log } from './shared/log.js';
import { loadAuditKey } from './audit/key.js';
import { AuditSealer, CHECKPOINT_FILE, chainId } from './audit/sealer.js';
import { setAuditWriteMode } from './audit/audit.js';
import path from 'node:path';

export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  jobs: JobQueue;
  identity: IdentityService;
  /** Encrypted content-addressed store of media bytes and thumbnails. */
  mediaStore: MediaStore;
  /** Live PDQ index of known media (near-duplicate matching). */
  matcher: MatchService;
  /** The audit chain's key (outside the database), chain id, checkpoint file and background sealer. */
  audit: { key: Buffer; chain: string; checkpointFile: string; sealer: AuditSealer };
  /** Structured log for work outside HTTP requests (workers, queue, sweeps). */
  log: Log;
  /** Every service, built once with its dependencies (src/services.ts, the composition root). */
  services: Services;
  /** Hooks run at close, in reverse order of registration (workers, indexes, …). */
  onClose: Array<() => Promise<void>>;
}

export interface ContextOptions {
  memoryDb?: boolean;
  startJobs?: boolean;
  /** An embedded-database dump to start from (tests; see src/testing/template.ts). */
  template?: Blob;
  /** A hashing pool owned by the caller, not closed with the context (tests share one per process). */
  hashPool?: ItemHashPool;
}

export async function createContext(config: Config, opts: ContextOptions = {}): Promise<AppContext> {
  const database = await openDatabase(config, { memory: opts.memoryDb, template: opts.template });
  await migrate(database);
  const log = createLog(config.logLevel);
  const jobs = new JobQueue(database, config, log);
  if (opts.startJobs !== false) await jobs.start();
  const auditKey = loadAuditKey(config.dataDir, config.auditKey);
  const chain = chainId(database.kind, database.schema);
  setAuditWriteMode(config.auditMode);
  const base: Omit<AppContext, 'services'> = {
    config,
    database,
    db: database.db,
    jobs,
    log,
    audit: {
      key: auditKey,
      chain,
      checkpointFile: path.join(config.dataDir, CHECKPOINT_FILE),
      sealer: new AuditSealer(database.db, {
        key: auditKey,
        chain,
        dataDir: config.dataDir,
        checkpointSeconds: config.auditCheckpointSeconds,
        log: !['info', 'debug', 'trace'].includes(config.logLevel)
          ? null
          : (entry, msg) => process.stdout.write(JSON.stringify({ level: 30, time: Date.now(), pid: process.pid, ...entry, msg }) + '\n'),
      }),
    },
    ...buildCoreServices(database.db, config),
    mediaStore: await openMediaStore(config),
    onClose: [],
  };
  const ctx = base as AppContext; // services are built from the rest of the context
  ctx.services = buildServices(ctx, { hashPool: opts.hashPool });
  return ctx;
}

export async function closeContext(ctx: AppContext): Promise<void> {
  // Jobs first: workers finish the jobs they hold while pools and indexes are still open.
  await ctx.jobs.stop().catch(ctx.log.failed('stopping the job queue'));
  for (const hook of [...ctx.onClose].reverse()) await hook().catch(ctx.log.failed('a close hook'));
  await ctx.database.close();
}
