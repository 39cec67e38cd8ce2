// Kysely database types generated from the migrated schema (kysely-codegen), written to src/db/schema.gen.ts.
// The migrations run into a scratch schema on a PostgreSQL server (ICSE_TYPEGEN_URL, default the local test
// server), the generator introspects that schema only, and the schema is dropped.
//   npm run db:types          regenerate
//   npm run db:types:check    fail when the committed file is stale (CI, PostgreSQL leg)
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const url = process.env.ICSE_TYPEGEN_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const check = process.argv.includes('--check');
const schema = `typegen_${randomBytes(4).toString('hex')}`;
const outFile = path.join(root, 'src/db/schema.gen.ts');

const database = await openDatabase({ databaseUrl: url, databaseSchema: schema, dataDir: root });
try {
  await migrate(database);
  await database.close();
  execFileSync(
    path.join(root, 'node_modules/.bin/kysely-codegen'),
    [
      '--dialect',
      'postgres',
      '--url',
      url,
      '--default-schema',
      schema,
      '--include-pattern',
      `${schema}.*`,
      '--out-file',
      outFile,
      ...(check ? ['--verify'] : []),
    ],
    { stdio: 'inherit', cwd: root },
  );
} finally {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}
