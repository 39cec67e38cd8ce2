// Vocabularies and row types of iARMS (migrations/010_firearms.sql; columns in src/db/schema.gen.ts) and the
// normalisation rules searches rely on.
import type { Selectable } from 'kysely';
import type { DB } from '../db/types.js';

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

export type FirearmReferenceRow = Selectable<DB['firearm_references']>;
export type FirearmRecordRow = Selectable<DB['firearm_records']>;
export type FirearmSearchRow = Selectable<DB['firearm_searches']>;
export type FirearmTraceRow = Selectable<DB['firearm_traces']>;
export type FirearmTraceRecipientRow = Selectable<DB['firearm_trace_recipients']>;
