// Table types of the knowledge layer (migrations/003_core.sql), declared once for every module that reads them.
import type { Generated, Selectable } from 'kysely';
import type { Distribution } from '../access/visibility.js';

interface Owned {
  owner_country: string;
  owner_agency_id: number;
  distribution: Distribution;
  shared_with: string[];
}

export interface SeriesTable extends Owned {
  id: Generated<number>;
  number: string;
  name: string;
  description: Generated<string>;
  status: Generated<'active' | 'closed'>;
  case_id: number | null;
  baseline: Generated<boolean>;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface VictimTable extends Owned {
  id: Generated<number>;
  series_id: number;
  label: string;
  identified: Generated<boolean>;
  identified_by_country: string | null;
  identified_at: string | Date | null;
  rescued: Generated<boolean>;
  rescued_at: string | Date | null;
  notes: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface OffenderTable extends Owned {
  id: Generated<number>;
  series_id: number;
  label: string;
  identified: Generated<boolean>;
  identified_by_country: string | null;
  identified_at: string | Date | null;
  notes: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface PlaceTable extends Owned {
  id: Generated<number>;
  series_id: number;
  description: string;
  clues: Generated<string>;
  country_guess: string | null;
  created_at: Generated<Date>;
}
export type EntityType = 'victim' | 'offender' | 'place';
export interface MediaLinkTable {
  media_id: number;
  entity_type: EntityType;
  entity_id: number;
  created_by: number | null;
  created_at: Generated<Date>;
}
export interface CategoryVoteTable {
  media_id: number;
  user_id: number;
  category: number;
  created_at: Generated<Date>;
}

declare module '../db/types.js' {
  interface DB {
    series: SeriesTable;
    victims: VictimTable;
    offenders: OffenderTable;
    places: PlaceTable;
    media_links: MediaLinkTable;
    category_votes: CategoryVoteTable;
  }
}

export type SeriesRow = Selectable<SeriesTable>;
export type VictimRow = Selectable<VictimTable>;
export type OffenderRow = Selectable<OffenderTable>;
export type PlaceRow = Selectable<PlaceTable>;
