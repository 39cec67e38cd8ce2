// Kysely database types generated from the migrated schema (kysely-codegen), written to src/db/schema.gen.ts: the
// one `DB` type every repository uses (src/db/types.ts). The migrations run into a scratch schema on a PostgreSQL
// server (ICSE_TYPEGEN_URL, default the local test server), the generator introspects that schema only, and the
// schema is dropped.
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

/**
 * Database types as the application receives them on both legs: int8 as a number (src/db/database.ts installs
 * the parser for node-postgres; PGlite returns numbers), bytea as Uint8Array (PGlite's type; node-postgres's
 * Buffer is one), timestamptz and date as the generator's `Timestamp` (a Date out, a Date or ISO text in).
 * JSON reads as whatever the column holds (parsed by the driver) and is written as JSON text: node-postgres
 * would send a JS array as a PostgreSQL array literal, so writers JSON.stringify (a column of a known shape is
 * narrowed below and written through sql`…::jsonb`).
 */
const typeMapping = { int8: 'number', json: 'ColumnType<unknown, string, string>', jsonb: 'ColumnType<unknown, string, string>', bytea: 'Uint8Array' };

/** Types the JSON columns of a known shape hold, from the modules that own them. */
const customImports = {
  NoticeSubject: '../notices/tables.js#NoticeSubject',
  Rejection: '../referrals/tables.js#Rejection',
};

/**
 * Column types narrower than the database says. Text columns held to a vocabulary by a CHECK constraint
 * (`col = ANY (ARRAY[...])`, `col <@ ARRAY[...]`) are narrowed to its literals without being listed; this list is
 * for what a constraint cannot say (JSON of a known shape). Only the value type is written: `Generated<>` (the
 * column has a default) and `| null` (nullable) are added from the schema, and a listed column that no longer
 * exists fails the run. src/db/vocabularies.test.ts holds the modules' named vocabularies to the same literals.
 */
const narrowed: Record<string, string> = {
  'notices.subject': 'ColumnType<NoticeSubject, string, string>',
  'referral_reports.rejections': 'ColumnType<Rejection[], string, string>',
};

/** CHECK-listed columns left as text: the stage name comes from the matcher's verdict (a string), checked by the database. */
const keepWide = new Set(['seizure_items.match_stage']);

const database = await openDatabase({ databaseUrl: url, databaseSchema: schema, dataDir: root });
try {
  await migrate(database);
  await database.close();
  const overrides = await overridesFor({ ...(await checkVocabularies()), ...narrowed });
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
      '--type-mapping',
      JSON.stringify(typeMapping),
      '--custom-imports',
      JSON.stringify(customImports),
      '--overrides',
      JSON.stringify({ columns: overrides }),
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

/** Literal unions from the schema's CHECK constraints that hold a text column (or text[]) to a list of values. */
async function checkVocabularies(): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table: string; def: string }>(
      `SELECT conrelid::regclass::text AS table, pg_get_constraintdef(oid) AS def
         FROM pg_constraint WHERE contype = 'c' AND connamespace = $1::regnamespace ORDER BY 1, 2`,
      [schema],
    );
    const out: Record<string, string> = {};
    for (const { table, def } of rows) {
      // The whole constraint must be the list (CHECK ((status = ANY (ARRAY['a'::text, ...])))), not a clause of a larger one.
      const m = /^CHECK \(\((\w+) (= ANY \(|<@ )ARRAY\[([^\]]*)\]\)?\)\)$/.exec(def);
      const list = /^CHECK \(\(\((\w+) <@ ARRAY\[([^\]]*)\]\) AND \(cardinality\(\w+\) > 0\)\)\)$/.exec(def);
      const [column, array, values] = m ? [m[1]!, m[2] === '<@ ', m[3]!] : list ? [list[1]!, true, list[2]!] : [];
      if (!column || values === undefined) continue;
      const literals = [...values.matchAll(/'((?:[^']|'')*)'::\w+/g)].map((v) => `'${v[1]!.replace(/''/g, "\\'")}'`);
      const union = literals.join(' | ');
      const name = `${table.replace(`${schema}.`, '')}.${column}`;
      if (!keepWide.has(name)) out[name] = array ? `Array<${union}>` : union;
    }
    return out;
  } finally {
    await client.end();
  }
}

/** Full column types for kysely-codegen's overrides: the narrowed value type, `Generated<>` and `| null` as the schema says. */
async function overridesFor(columns: Record<string, string>): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; nullable: boolean; generated: boolean }>(
      `SELECT table_name || '.' || column_name AS name, is_nullable = 'YES' AS nullable,
              (column_default IS NOT NULL OR is_identity = 'YES') AS generated
         FROM information_schema.columns WHERE table_schema = $1`,
      [schema],
    );
    const known = new Map(rows.map((r) => [r.name, r]));
    const out: Record<string, string> = {};
    for (const [name, type] of Object.entries(columns)) {
      const column = known.get(name);
      if (!column) throw new Error(`scripts/db-types.ts narrows ${name}, which the migrated schema does not have`);
      const value = column.nullable ? `${type} | null` : type;
      out[name] = column.generated ? `Generated<${value}>` : value;
    }
    return out;
  } finally {
    await client.end();
  }
}
