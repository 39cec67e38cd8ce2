// Row type of media (migrations/003_core.sql + 004_ingest.sql; columns in src/db/schema.gen.ts), named once for
// every module that reads it.
import type { Selectable } from 'kysely';
import type { DB } from '../db/types.js';

export type MediaRow = Selectable<DB['media']>;
