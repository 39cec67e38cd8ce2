// One data-access layer: Kysely over embedded PGlite (default) or a PostgreSQL server (DATABASE_URL).
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PGliteDialect, PostgresDialect, type KyselyPlugin, type LogEvent } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Config } from '../config.js';
import type { DB } from './types.js';
import { addSpan, spansEnabled } from '../shared/spans.js';
import { yieldToLoop } from '../shared/event-loop.js';

/** With spans on (bench:ingest --profile, ICSE_PROFILE=1): each statement's time under its SQL text. */
const sqlSpans = (e: LogEvent) => {
  if (spansEnabled() && e.level === 'query') addSpan(`sql: ${e.query.sql.replace(/\s+/g, ' ').slice(0, 100)}`, e.queryDurationMillis);
};

// int8 (count(*), sums) as JS numbers: our counts stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

const BYTEA = 17;
/** bytea through Node's native hex codec, as node-postgres does (Buffers). PGlite's own goes byte by byte in JS
 * (a parseInt per hex pair): 22 KB of stored place features took ~2.6 ms to read, and with 100,000 media, where the
 * candidates' features are seldom held in memory, parsing results was 39 % of the main thread (docs/ingest-profile.md). */
export const pgliteByteaCodec = {
  parsers: { [BYTEA]: (hex: string) => Buffer.from(hex.slice(2), 'hex') },
  serializers: {
    [BYTEA]: (v: Uint8Array) => {
      if (!(v instanceof Uint8Array)) throw new Error('Invalid input for bytea type');
      return `\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`;
    },
  },
};

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Kysely<DB>;
  /** Runs a multi-statement SQL script outside Kysely (migrations). */
  execScript(sql: string): Promise<void>;
  /** The embedded instance, for pg-boss on PGlite. */
  pglite?: PGlite;
  schema: string;
  close(): Promise<void>;
}

/**
 * `template`: a PGlite data-directory dump (`dumpDataDir`) to start an in-memory database from, instead of an
 * empty cluster (tests boot from a migrated, seeded template; see src/testing/template.ts).
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'databaseSchema' | 'dataDir'>,
  opts: { memory?: boolean; template?: Blob } = {},
): Promise<Database> {
  if (config.databaseUrl) return openServer(config.databaseUrl, config.databaseSchema);
  let dir: string | undefined;
  if (!opts.memory) {
    dir = path.join(config.dataDir, 'pglite');
    fs.mkdirSync(dir, { recursive: true });
  }
  const releaseLock = dir ? lockDataDir(dir) : () => undefined;
  // (PGlite ignores the options object when the first argument is an undefined directory.)
  const pglite = dir ? new PGlite(dir, pgliteByteaCodec) : new PGlite({ loadDataDir: opts.template, ...pgliteByteaCodec });
  await pglite.waitReady;
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }), plugins: [yieldAfterEachQuery], log: sqlSpans });
  return {
    kind: 'pglite',
    db,
    pglite,
    schema: 'public',
    execScript: async (script) => {
      await pglite.exec(script);
    },
    close: async () => {
      await db.destroy();
      releaseLock();
    },
  };
}

/**
 * PGlite answers a query through promise callbacks only, so a chain of awaited queries (an ingest batch of
 * hundreds) never lets timers and sockets run: /health and every other request waited seconds behind one.
 * Yielding to the event loop after each query lets them in between (a few microseconds per query).
 */
const yieldAfterEachQuery: KyselyPlugin = {
  transformQuery: (args) => args.node,
  transformResult: async (args) => {
    await yieldToLoop();
    return args.result;
  },
};

/** PGlite allows one process per data directory: a second one would corrupt it. */
function lockDataDir(dir: string): () => void {
  const lockPath = path.join(dir, '..', 'pglite.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(lockPath, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new Error(
          `the embedded database in ${path.dirname(dir)} is in use by process ${pid}; stop it first (PGlite allows one process per data directory)`,
        );
      }
      fs.unlinkSync(lockPath); // stale lock from a crashed process
    }
  }
  throw new Error(`could not lock ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function openServer(url: string, schema: string): Promise<Database> {
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  try {
    await setup.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } finally {
    await setup.end();
  }
  const pool = new pg.Pool({ connectionString: url, max: 10, options: `-c search_path="${schema}"` });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: sqlSpans });
  return {
    kind: 'postgres',
    db,
    schema,
    execScript: async (script) => {
      await pool.query(script);
    },
    close: async () => {
      await db.destroy();
    },
  };
}
