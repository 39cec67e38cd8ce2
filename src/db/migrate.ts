// SQL migrations from one folder, applied in name order, each once, each atomically.
import { cleanupAfter } from '../shared/failures.js';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './database.js';

export const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

export async function migrate(database: Database): Promise<string[]> {
  const { db } = database;
  await database.execScript('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  const files = fs
    .readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const applied: string[] = [];
  for (const file of files) {
    const done = await sql<{ name: string }>`SELECT name FROM schema_migrations WHERE name = ${file}`.execute(db);
    if (done.rows.length) continue;
    const body = fs.readFileSync(path.join(migrationsDir, file), 'utf8');
    // One script, one transaction: a failed migration leaves nothing half-applied. The advisory lock
    // keeps two server processes from migrating at once.
    await database
      .execScript(
        `BEGIN;\nSELECT pg_advisory_xact_lock(727001);\n${body}\n;INSERT INTO schema_migrations(name) VALUES ('${file.replace(/'/g, "''")}') ON CONFLICT DO NOTHING;\nCOMMIT;`,
      )
      .catch(async (err: unknown) => {
        await cleanupAfter(err, () => database.execScript('ROLLBACK'));
        throw new Error(`migration ${file} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      });
    applied.push(file);
  }
  return applied;
}
