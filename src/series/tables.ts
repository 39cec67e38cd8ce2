// Vocabulary and row types of the knowledge layer (migrations/003_core.sql; columns in src/db/schema.gen.ts), named
// once for every module that reads them.
import type { Selectable } from 'kysely';
import type { DB } from '../db/types.js';

export type EntityType = 'victim' | 'offender' | 'place';

export type SeriesRow = Selectable<DB['series']>;
export type VictimRow = Selectable<DB['victims']>;
export type OffenderRow = Selectable<DB['offenders']>;
export type PlaceRow = Selectable<DB['places']>;
