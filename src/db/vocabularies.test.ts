// The vocabularies the modules name (status, kind, role …) are exactly the literals the migrations' CHECK
// constraints allow: src/db/schema.gen.ts carries those literals (scripts/db-types.ts), and these type assertions
// fail `npm run typecheck` when a migration and a module disagree.
import type { Selectable } from 'kysely';
import { describe, expectTypeOf, it } from 'vitest';
import type { Role } from '../access/principal.js';
import type { Distribution } from '../access/visibility.js';
import type { BlocklistStatus, VerificationKind } from '../blocklist/tables.js';
import type { CommentTarget } from '../collab/tables.js';
import type { FirearmType, RecordStatus, ReportedStatus, TraceAnswer, TraceBasis } from '../firearms/tables.js';
import type { NoticeChannel, NoticeKind, NoticeStatus } from '../notices/tables.js';
import type { Offence, Outcome as PaymentOutcome, PaymentStatus } from '../payments/tables.js';
import type { PlaceLinkStatus } from '../places/tables.js';
import type { FileResult, IncidentStatus, PackageStatus, Outcome as ReferralOutcome } from '../referrals/tables.js';
import type { ItemResult, ItemStatus, SeizureStatus } from '../seizures/tables.js';
import type { EntityType } from '../series/tables.js';
import type { DB } from './types.js';

/** A column's value as read, without null. */
type Column<T extends keyof DB, C extends keyof DB[T] & string> = NonNullable<Selectable<DB[T]>[C & keyof Selectable<DB[T]>]>;

describe('vocabularies', () => {
  it('match the CHECK constraints of the migrations', () => {
    expectTypeOf<Column<'users', 'role'>>().toEqualTypeOf<Role>();
    expectTypeOf<Column<'cases', 'distribution'>>().toEqualTypeOf<Distribution>();
    expectTypeOf<Column<'hash_banks', 'distribution'>>().toEqualTypeOf<Distribution>();
    expectTypeOf<Column<'interchange_imports', 'distribution'>>().toEqualTypeOf<Distribution>();
    expectTypeOf<Column<'media', 'distribution'>>().toEqualTypeOf<Distribution>();
    expectTypeOf<Column<'offenders', 'distribution'>>().toEqualTypeOf<Distribution>();
    expectTypeOf<Column<'places', 'distribution'>>().toEqualTypeOf<Distribution>();
    expectTypeOf<Column<'seizures', 'distribution'>>().toEqualTypeOf<Distribution>();
    expectTypeOf<Column<'series', 'distribution'>>().toEqualTypeOf<Distribution>();
    expectTypeOf<Column<'victims', 'distribution'>>().toEqualTypeOf<Distribution>();
    expectTypeOf<Column<'blocklist_entries', 'status'>>().toEqualTypeOf<BlocklistStatus>();
    expectTypeOf<Column<'blocklist_verifications', 'kind'>>().toEqualTypeOf<VerificationKind>();
    expectTypeOf<Column<'comments', 'target_type'>>().toEqualTypeOf<CommentTarget>();
    expectTypeOf<Column<'firearm_references', 'type'>>().toEqualTypeOf<FirearmType>();
    expectTypeOf<Column<'firearm_records', 'status'>>().toEqualTypeOf<RecordStatus>();
    expectTypeOf<Column<'firearm_records', 'reported_status'>>().toEqualTypeOf<ReportedStatus>();
    expectTypeOf<Column<'firearm_trace_recipients', 'basis'>>().toEqualTypeOf<TraceBasis[]>();
    expectTypeOf<Column<'firearm_trace_recipients', 'status'>>().toEqualTypeOf<'pending' | TraceAnswer>();
    expectTypeOf<Column<'notices', 'kind'>>().toEqualTypeOf<NoticeKind>();
    expectTypeOf<Column<'notices', 'channel'>>().toEqualTypeOf<NoticeChannel>();
    expectTypeOf<Column<'notices', 'status'>>().toEqualTypeOf<NoticeStatus>();
    expectTypeOf<Column<'payment_requests', 'status'>>().toEqualTypeOf<PaymentStatus>();
    expectTypeOf<Column<'payment_requests', 'offence'>>().toEqualTypeOf<Offence>();
    expectTypeOf<Column<'payment_transfers', 'outcome'>>().toEqualTypeOf<PaymentOutcome>();
    expectTypeOf<Column<'place_links', 'status'>>().toEqualTypeOf<PlaceLinkStatus>();
    expectTypeOf<Column<'referral_files', 'result'>>().toEqualTypeOf<FileResult>();
    expectTypeOf<Column<'referral_incidents', 'status'>>().toEqualTypeOf<IncidentStatus>();
    expectTypeOf<Column<'referral_incidents', 'outcome'>>().toEqualTypeOf<ReferralOutcome>();
    expectTypeOf<Column<'referral_packages', 'status'>>().toEqualTypeOf<PackageStatus>();
    expectTypeOf<Column<'seizure_items', 'result'>>().toEqualTypeOf<ItemResult>();
    expectTypeOf<Column<'seizure_items', 'status'>>().toEqualTypeOf<ItemStatus>();
    expectTypeOf<Column<'seizures', 'status'>>().toEqualTypeOf<SeizureStatus>();
    expectTypeOf<Column<'media_links', 'entity_type'>>().toEqualTypeOf<EntityType>();
  });
});
