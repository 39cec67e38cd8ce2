// The database interface: generated from the migrated schema by `npm run db:types` (scripts/db-types.ts writes
// schema.gen.ts; CI fails when it is stale). Modules name the rows they pass around as `Selectable<DB['table']>`.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.gen.js';

export type { DB };
export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;
/** Either the database or an open transaction: repositories accept both so callers pass `trx`. */
export type Executor = Kysely<DB> | Transaction<DB>;
