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
 * the parser for node-postgres; PGlite returns numbers), JSON as whatever the column holds (parsed by the driver;
 * a column with a known shape is narrowed below), bytea as Uint8Array (PGlite's type; node-postgres's Buffer is one).
 * timestamptz and date stay the generator's `Timestamp` (a Date out, a Date or ISO text in).
 */
const typeMapping = { int8: 'number', json: 'unknown', jsonb: 'unknown', bytea: 'Uint8Array' };

/** The vocabularies the text columns are held to (CHECK constraints in the migrations), from the modules that own them. */
const customImports = {
  Distribution: '../access/visibility.js#Distribution',
  Role: '../access/principal.js#Role',
  BlocklistStatus: '../blocklist/tables.js#BlocklistStatus',
  VerificationKind: '../blocklist/tables.js#VerificationKind',
  CommentTarget: '../collab/tables.js#CommentTarget',
  FirearmType: '../firearms/tables.js#FirearmType',
  RecordStatus: '../firearms/tables.js#RecordStatus',
  ReportedStatus: '../firearms/tables.js#ReportedStatus',
  TraceAnswer: '../firearms/tables.js#TraceAnswer',
  TraceBasis: '../firearms/tables.js#TraceBasis',
  NoticeChannel: '../notices/tables.js#NoticeChannel',
  NoticeKind: '../notices/tables.js#NoticeKind',
  NoticeStatus: '../notices/tables.js#NoticeStatus',
  NoticeSubject: '../notices/tables.js#NoticeSubject',
  Offence: '../payments/tables.js#Offence',
  PaymentOutcome: '../payments/tables.js#Outcome',
  PaymentStatus: '../payments/tables.js#PaymentStatus',
  PlaceLinkStatus: '../places/tables.js#PlaceLinkStatus',
  FileResult: '../referrals/tables.js#FileResult',
  IncidentStatus: '../referrals/tables.js#IncidentStatus',
  PackageStatus: '../referrals/tables.js#PackageStatus',
  ReferralOutcome: '../referrals/tables.js#Outcome',
  Rejection: '../referrals/tables.js#Rejection',
  ItemResult: '../seizures/tables.js#ItemResult',
  ItemStatus: '../seizures/tables.js#ItemStatus',
  SeizureStatus: '../seizures/tables.js#SeizureStatus',
  EntityType: '../series/tables.js#EntityType',
};

/**
 * Column types narrower than the database's (text held to a vocabulary, JSON of a known shape). Only the value type
 * is written here: `Generated<>` (the column has a default) and `| null` (nullable) are added from the schema, and
 * a column that no longer exists fails the run.
 */
const narrowed: Record<string, string> = {
  'agencies.kind': "'ncb' | 'police' | 'hub'",
  'blocklist_entries.status': 'BlocklistStatus',
  'blocklist_verifications.kind': 'VerificationKind',
  'cases.distribution': 'Distribution',
  'cases.status': "'open' | 'closed'",
  'comments.target_type': 'CommentTarget',
  'firearm_records.reported_status': 'ReportedStatus',
  'firearm_records.status': 'RecordStatus',
  'firearm_references.type': 'FirearmType',
  'firearm_trace_recipients.basis': 'TraceBasis[]',
  'firearm_trace_recipients.status': "'pending' | TraceAnswer",
  'hash_banks.distribution': 'Distribution',
  'index_changes.kind': "'media' | 'frame' | 'robust'",
  'interchange_imports.distribution': 'Distribution',
  'interchange_imports.kind': "'vics' | 'hashes'",
  'media.distribution': 'Distribution',
  'media.media_type': "'image' | 'video'",
  'media.pdq_basis': "'stored' | 'derived' | 'given'",
  'media_links.entity_type': 'EntityType',
  'media_robust_regions.base': "'f' | 't'",
  'notices.channel': 'NoticeChannel',
  'notices.kind': 'NoticeKind',
  'notices.status': 'NoticeStatus',
  'notices.subject': 'NoticeSubject',
  'offenders.distribution': 'Distribution',
  'payment_requests.offence': 'Offence',
  'payment_requests.status': 'PaymentStatus',
  'payment_transfers.outcome': 'PaymentOutcome',
  'place_links.status': 'PlaceLinkStatus',
  'places.distribution': 'Distribution',
  'referral_files.result': 'FileResult',
  'referral_incidents.outcome': 'ReferralOutcome',
  'referral_incidents.status': 'IncidentStatus',
  'referral_packages.status': 'PackageStatus',
  'referral_reports.format': "'json' | 'csv'",
  'referral_reports.rejections': 'Rejection[]',
  'seizure_items.kind': "'file' | 'hash'",
  'seizure_items.result': 'ItemResult',
  'seizure_items.status': 'ItemStatus',
  'seizures.distribution': 'Distribution',
  'seizures.status': 'SeizureStatus',
  'series.distribution': 'Distribution',
  'series.status': "'active' | 'closed'",
  'users.role': 'Role',
  'victims.distribution': 'Distribution',
};

const database = await openDatabase({ databaseUrl: url, databaseSchema: schema, dataDir: root });
try {
  await migrate(database);
  await database.close();
  const overrides = await overridesFor(narrowed);
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
