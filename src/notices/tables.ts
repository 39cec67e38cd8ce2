// Table types of notices (migrations/009_notices.sql).
import type { Generated, Selectable } from 'kysely';

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

export interface NoticeTable {
  id: Generated<number>;
  kind: NoticeKind;
  channel: Generated<NoticeChannel>;
  status: Generated<NoticeStatus>;
  entity_id: string | null;
  requesting_country: string;
  requesting_agency_id: number;
  recipients: Generated<string[]>;
  subject: NoticeSubject;
  summary: Generated<string>;
  victim_id: number | null;
  offender_id: number | null;
  public_extract: Generated<boolean>;
  requester_consent: Generated<boolean>;
  review_note: string | null;
  reviewed_by: number | null;
  reviewed_at: Date | null;
  published_at: Date | null;
  submitted_at: Date | null;
  cancel_reason: string | null;
  created_by: number;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export type NoticeRow = Selectable<NoticeTable>;
export interface NoticeNumberTable {
  year: number;
  last: number;
}

declare module '../db/types.js' {
  interface DB {
    notices: NoticeTable;
    notice_numbers: NoticeNumberTable;
  }
}
