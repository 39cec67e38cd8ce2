// Table types of collaboration: comments and consultation threads (notifications are declared in notify.ts).
import type { Generated } from 'kysely';

export type CommentTarget = 'media' | 'series' | 'victim';
export interface CommentTable {
  id: Generated<number>;
  target_type: CommentTarget;
  target_id: number;
  author_id: number;
  author_country: string;
  body: string;
  created_at: Generated<Date>;
}
export interface ConsultationTable {
  id: Generated<number>;
  case_id: number;
  subject: string;
  countries: string[];
  created_by: number;
  created_at: Generated<Date>;
}
export interface ConsultationMessageTable {
  id: Generated<number>;
  consultation_id: number;
  author_id: number;
  author_country: string;
  body: string;
  media_ids: Generated<number[]>;
  created_at: Generated<Date>;
}

declare module '../db/types.js' {
  interface DB {
    comments: CommentTable;
    consultations: ConsultationTable;
    consultation_messages: ConsultationMessageTable;
  }
}
