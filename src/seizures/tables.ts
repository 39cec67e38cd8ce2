// Vocabularies and row types of seizures and their items (003_core.sql + 004_ingest.sql + 007_robust_regions.sql;
// columns in src/db/schema.gen.ts).
import type { Selectable } from 'kysely';
import type { DB } from '../db/types.js';

export type SeizureStatus = 'receiving' | 'processing' | 'complete';
export type ItemStatus = 'pending' | 'processing' | 'done' | 'error';
export type ItemResult = 'known_exact' | 'known_near' | 'new';

export type SeizureRow = Selectable<DB['seizures']>;
/** near_item_id: images, the lowest-numbered item of the same seizure within PDQ distance 31 (see near.ts). */
export type ItemRow = Selectable<DB['seizure_items']>;
