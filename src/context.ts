// The application context: configuration, database, queue and the services built on them.
// HTTP routes and CLI commands are thin adapters over these services.
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import type { Db } from './db/types.js';
import { JobQueue } from './jobs/queue.js';
import { IdentityService } from './identity/service.js';
import { openMediaStore, type MediaStore } from './media/store.js';
import { MatchService } from './matchservice/matcher.js';

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
  /** Hooks run at close, in reverse order of registration (workers, indexes, …). */
  onClose: Array<() => Promise<void>>;
}

export async function createContext(config: Config, opts: { memoryDb?: boolean; startJobs?: boolean } = {}): Promise<AppContext> {
  const database = await openDatabase(config, { memory: opts.memoryDb });
  await migrate(database);
  const jobs = new JobQueue(database, config);
  if (opts.startJobs !== false) await jobs.start();
  const ctx: AppContext = {
    config, database, db: database.db, jobs,
    identity: new IdentityService(database.db, config),
    mediaStore: await openMediaStore(config),
    matcher: new MatchService(database.db, { dataDir: config.dataDir }),
    onClose: [],
  };
  return ctx;
}

export async function closeContext(ctx: AppContext): Promise<void> {
  // Jobs first: workers finish the jobs they hold while pools and indexes are still open.
  await ctx.jobs.stop().catch(() => undefined);
  for (const hook of [...ctx.onClose].reverse()) await hook().catch(() => undefined);
  await ctx.database.close();
}
