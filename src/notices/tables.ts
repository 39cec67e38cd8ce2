// Vocabularies and row type of notices (migrations/009_notices.sql; columns in src/db/schema.gen.ts).
import type { Selectable } from 'kysely';
import type { DB } from '../db/types.js';

export const NOTICE_KINDS = ['yellow', 'green'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const NOTICE_CHANNELS = ['notice', 'diffusion'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];
export const NOTICE_STATUSES = ['draft', 'submitted', 'published', 'refused', 'cancelled'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/** Identity particulars, with the field names of the public notices API. */
export interface NoticeSubject {
  forename?: string;
  name?: string;
  sex_id?: 'M' | 'F' | 'U';
  date_of_birth?: string;
  place_of_birth?: string;
  nationalities?: string[];
  height?: number;
  weight?: number;
  eyes_colors_id?: string[];
  hairs_id?: string[];
  distinguishing_marks?: string;
  languages_spoken_ids?: string[];
  /** Yellow notices: when and where the person went missing. */
  date_of_event?: string;
  place?: string;
}

export type NoticeRow = Selectable<DB['notices']>;
