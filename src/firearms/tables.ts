// Table types of iARMS (migrations/010_firearms.sql) and the normalisation rules searches rely on.
import type { Generated, Selectable } from 'kysely';

export const FIREARM_TYPES = ['pistol', 'revolver', 'rifle', 'shotgun', 'carbine', 'submachine_gun', 'machine_gun', 'other'] as const;
export type FirearmType = (typeof FIREARM_TYPES)[number];
/** What a member country reports; 'recovered' is reached only by marking a record recovered. */
export const REPORTED_STATUSES = ['lost', 'stolen', 'trafficked', 'smuggled'] as const;
export type ReportedStatus = (typeof REPORTED_STATUSES)[number];
export const RECORD_STATUSES = [...REPORTED_STATUSES, 'recovered'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];
export const TRACE_BASES = ['manufacture', 'importer'] as const;
export type TraceBasis = (typeof TRACE_BASES)[number];
export const TRACE_ANSWERS = ['found', 'not_found'] as const;
export type TraceAnswer = (typeof TRACE_ANSWERS)[number];

/** Serial numbers compare upper-cased, without spaces or dashes ("ab 12-34" = "AB1234"). */
export const normaliseSerial = (serial: string) => serial.toUpperCase().replace(/[\s-]+/g, '');
/** Makes compare upper-cased with single spaces ("example  arms" = "EXAMPLE ARMS"). */
export const normaliseMake = (make: string) => make.trim().replace(/\s+/g, ' ').toUpperCase();
export const SERIAL_KEY = /^[A-Z0-9./]{1,64}$/;

export interface FirearmReferenceTable {
  id: Generated<number>;
  make: string;
  make_key: string;
  model: Generated<string>;
  calibre: Generated<string>;
  type: FirearmType;
  country_of_manufacture: string | null;
  active: Generated<boolean>;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export type FirearmReferenceRow = Selectable<FirearmReferenceTable>;

export interface FirearmRecordTable {
  id: Generated<number>;
  reference_id: number;
  serial: string;
  serial_key: string;
  status: RecordStatus;
  reported_status: ReportedStatus;
  event_date: string | Date | null;
  place: Generated<string>;
  importer_country: string | null;
  national_reference: Generated<string>;
  notes: Generated<string>;
  recording_country: string;
  recording_agency_id: number;
  recovered_at: Date | null;
  recovery_note: string | null;
  created_by: number;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export type FirearmRecordRow = Selectable<FirearmRecordTable>;

export interface FirearmSearchTable {
  id: Generated<number>;
  serial: string;
  serial_key: string;
  make: string | null;
  make_key: string | null;
  hit: boolean;
  hit_record_ids: Generated<number[]>;
  country_code: string;
  agency_id: number;
  searched_by: number;
  created_at: Generated<Date>;
}
export type FirearmSearchRow = Selectable<FirearmSearchTable>;

export interface FirearmTraceTable {
  id: Generated<number>;
  search_id: number;
  reference_id: number | null;
  serial: string;
  serial_key: string;
  requesting_country: string;
  requesting_agency_id: number;
  requested_by: number;
  note: Generated<string>;
  created_at: Generated<Date>;
}
export type FirearmTraceRow = Selectable<FirearmTraceTable>;

export interface FirearmTraceRecipientTable {
  trace_id: number;
  country: string;
  basis: TraceBasis[];
  status: Generated<'pending' | TraceAnswer>;
  history: string | null;
  answered_by: number | null;
  answered_at: Date | null;
}
export type FirearmTraceRecipientRow = Selectable<FirearmTraceRecipientTable>;

declare module '../db/types.js' {
  interface DB {
    firearm_references: FirearmReferenceTable;
    firearm_records: FirearmRecordTable;
    firearm_searches: FirearmSearchTable;
    firearm_traces: FirearmTraceTable;
    firearm_trace_recipients: FirearmTraceRecipientTable;
  }
}
