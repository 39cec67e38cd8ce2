// The database interface. Each module declares its own tables by augmenting `DB`:
//   declare module '../db/types.js' { interface DB { seizures: SeizureTable } }
import type { Kysely, Transaction } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DB {}

export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;
/** Either the database or an open transaction: repositories accept both so callers pass `trx`. */
export type Executor = Kysely<DB> | Transaction<DB>;
