// iARMS rules: the Firearms Reference Table (kept by the General Secretariat, read by all), firearm records
// (made and changed by the recording country, seen by it and the hub) and searches by serial number (any member
// country; a hit tells the hub, the searching country and the recording country's NCB). Every read and change
// is audited in its transaction; notifications are written in the same transaction.
import { actionsOn } from '../policy/define.js';
import { firearmRecordPolicy } from '../policy/services.js';
import { isHubStaff } from '../policy/who.js';
import type { Db, Trx } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { recordAudit } from '../audit/audit.js';
import { notify, type NewNotification } from '../collab/notify.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, found } from '../shared/errors.js';
import { countriesRepo, recordsRepo, referencesRepo, searchesRepo, type RecordFilter, type RecordView, type ReferenceFilter } from './repository.js';
import {
  normaliseMake,
  normaliseSerial,
  SERIAL_KEY,
  type FirearmReferenceRow,
  type FirearmSearchRow,
  type FirearmType,
  type RecordStatus,
  type ReportedStatus,
} from './tables.js';
import { isoTime as iso, today } from '../shared/dates.js';

export interface ReferenceInput {
  make: string;
  model?: string;
  calibre?: string;
  type: FirearmType;
  countryOfManufacture?: string | null;
}
export type ReferencePatch = Partial<ReferenceInput> & { active?: boolean };
export interface RecordInput {
  serial: string;
  referenceId: number;
  status: ReportedStatus;
  eventDate?: string | null;
  place?: string;
  importerCountry?: string | null;
  nationalReference?: string;
  notes?: string;
}
export type RecordPatch = Partial<RecordInput>;
export type Page<F> = Omit<F, 'limit'> & { limit?: number };

const upper = (c: string | null | undefined) => (c ? c.toUpperCase() : null);

export function serialKeyOf(serial: string): string {
  const key = normaliseSerial(serial);
  if (!SERIAL_KEY.test(key)) throw new BadRequestError('a serial number has 1 to 64 letters, digits, dots or slashes (spaces and dashes are ignored)');
  return key;
}

export const presentReference = (f: FirearmReferenceRow) => ({
  id: f.id,
  make: f.make,
  model: f.model,
  calibre: f.calibre,
  type: f.type,
  countryOfManufacture: f.country_of_manufacture,
  active: f.active,
  createdAt: iso(f.created_at),
  updatedAt: iso(f.updated_at),
});

const firearmOf = (r: RecordView) => ({
  referenceId: r.reference_id,
  make: r.make,
  model: r.model,
  calibre: r.calibre,
  type: r.type,
  countryOfManufacture: r.country_of_manufacture,
});
const describe = (r: { make: string; model: string }) => `${r.make} ${r.model}`.trim();

export const presentRecord = (r: RecordView) => ({
  id: r.id,
  serial: r.serial,
  serialKey: r.serial_key,
  status: r.status,
  reportedStatus: r.reported_status,
  firearm: firearmOf(r),
  eventDate: r.event_on,
  place: r.place,
  importerCountry: r.importer_country,
  nationalReference: r.national_reference,
  notes: r.notes,
  recordingCountry: r.recording_country,
  recordingAgencyId: r.recording_agency_id,
  recoveredAt: iso(r.recovered_at),
  recoveryNote: r.recovery_note,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

/** What the caller may do with a record (the web app shows these, it does not re-derive the rule). */
const recordActions = (p: Principal, r: RecordView) => actionsOn(firearmRecordPolicy, p, r, ['update', 'recover'] as const);

/** To a country's national central bureau (or the whole country when it has none registered). */
export async function notifyNcb(trx: Trx, country: string, n: Omit<NewNotification, 'to'>) {
  const ncb = await countriesRepo.ncbAgency(trx, country);
  return notify(trx, { ...n, to: ncb ? { agencyId: ncb.id } : { country } });
}

/** Postgres unique violations (a concurrent duplicate) answer 409 like the checked case. */
async function unique<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new ConflictError(what);
    throw err;
  }
}

export class FirearmService {
  constructor(private readonly db: Db) {}

  // ---- Firearms Reference Table ----

  listReferences(p: Principal, f: Page<ReferenceFilter>) {
    return this.db.transaction().execute(async (trx) => {
      const limit = f.limit ?? 100;
      const rows = await referencesRepo.list(trx, { ...f, make: f.make ? normaliseMake(f.make) : undefined, limit });
      await recordAudit(trx, p, { action: 'firearm.reference.list', objectType: 'firearm_reference', details: { count: rows.length } });
      return { references: rows.map(presentReference), nextAfterId: rows.length === limit ? rows.at(-1)!.id : null };
    });
  }

  getReference(p: Principal, id: number) {
    return this.db.transaction().execute(async (trx) => {
      const row = await referencesRepo.find(trx, id);
      if (!row) throw new NotFoundError('firearm reference entry');
      await recordAudit(trx, p, { action: 'firearm.reference.read', objectType: 'firearm_reference', objectId: id });
      return presentReference(row);
    });
  }

  private requireHubEditor(p: Principal) {
    if (!isHubStaff(p)) throw new ForbiddenError('the Firearms Reference Table is maintained by the General Secretariat');
  }

  createReference(p: Principal, input: ReferenceInput) {
    this.requireHubEditor(p);
    return this.db.transaction().execute(async (trx) => {
      const entry = {
        make: input.make.trim().replace(/\s+/g, ' '),
        make_key: normaliseMake(input.make),
        model: input.model?.trim() ?? '',
        calibre: input.calibre?.trim() ?? '',
        type: input.type,
      };
      const same = await referencesRepo.findSame(trx, entry);
      if (same) throw new ConflictError('the reference table already has this make, model, calibre and type', { referenceId: same.id });
      const row = await unique('the reference table already has this entry', () =>
        referencesRepo.insert(trx, { ...entry, country_of_manufacture: upper(input.countryOfManufacture), created_by: p.userId }),
      );
      await recordAudit(trx, p, {
        action: 'firearm.reference.create',
        objectType: 'firearm_reference',
        objectId: row.id,
        details: { make: row.make, model: row.model },
      });
      return presentReference(row);
    });
  }

  /** Corrections and withdrawal (active: false); a withdrawn entry stays on the records that use it. */
  updateReference(p: Principal, id: number, patch: ReferencePatch) {
    this.requireHubEditor(p);
    return this.db.transaction().execute(async (trx) => {
      const row = await referencesRepo.lock(trx, id);
      if (!row) throw new NotFoundError('firearm reference entry');
      const make = patch.make !== undefined ? patch.make.trim().replace(/\s+/g, ' ') : row.make;
      const next = {
        make,
        make_key: normaliseMake(make),
        model: patch.model?.trim() ?? row.model,
        calibre: patch.calibre?.trim() ?? row.calibre,
        type: patch.type ?? row.type,
      };
      const same = await referencesRepo.findSame(trx, next, id);
      if (same) throw new ConflictError('the reference table already has this make, model, calibre and type', { referenceId: same.id });
      const updated = await unique('the reference table already has this entry', () =>
        referencesRepo.update(trx, id, {
          ...next,
          ...(patch.countryOfManufacture !== undefined ? { country_of_manufacture: upper(patch.countryOfManufacture) } : {}),
          ...(patch.active !== undefined ? { active: patch.active } : {}),
        }),
      );
      await recordAudit(trx, p, { action: 'firearm.reference.update', objectType: 'firearm_reference', objectId: id, details: { fields: Object.keys(patch) } });
      return presentReference(updated);
    });
  }

  // ---- Firearm records ----

  private async requireVisible(trx: Trx, p: Principal, id: number): Promise<RecordView> {
    return found(await recordsRepo.findVisible(trx, p, id), 'firearm record');
  }

  /** Locks the row, then checks it is visible and the caller's country recorded it. */
  private async lockOwn(trx: Trx, p: Principal, id: number): Promise<RecordView> {
    await recordsRepo.lock(trx, id);
    const row = await this.requireVisible(trx, p, id);
    if (row.recording_country !== p.countryCode) throw new ForbiddenError('only the recording country changes a firearm record');
    if (row.status === 'recovered') throw new ConflictError('the firearm is recovered: its record is closed');
    return row;
  }

  private async usableReference(trx: Trx, id: number) {
    const ref = await referencesRepo.find(trx, id);
    if (!ref) throw new NotFoundError('firearm reference entry');
    if (!ref.active) throw new BadRequestError('this reference entry is withdrawn; choose a current one');
    return ref;
  }

  private checkDate(d: string | null | undefined) {
    if (d && d > today()) throw new BadRequestError('the event date is in the future');
  }

  listRecords(p: Principal, f: Page<Omit<RecordFilter, 'serialKey'>> & { serial?: string }) {
    return this.db.transaction().execute(async (trx) => {
      const limit = f.limit ?? 50;
      const rows = await recordsRepo.listVisible(trx, p, {
        status: f.status,
        afterId: f.afterId,
        limit,
        serialKey: f.serial ? serialKeyOf(f.serial) : undefined,
        // Member countries list their own records; the hub may narrow to one country.
        country: p.isHub ? (upper(f.country) ?? undefined) : p.countryCode,
      });
      await recordAudit(trx, p, { action: 'firearm.record.list', objectType: 'firearm_record', details: { count: rows.length, ids: rows.map((r) => r.id) } });
      return { records: rows.map((r) => ({ ...presentRecord(r), actions: recordActions(p, r) })), nextAfterId: rows.length === limit ? rows.at(-1)!.id : null };
    });
  }

  getRecord(p: Principal, id: number) {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.requireVisible(trx, p, id);
      await recordAudit(trx, p, { action: 'firearm.record.read', objectType: 'firearm_record', objectId: id });
      return { ...presentRecord(row), actions: recordActions(p, row) };
    });
  }

  createRecord(p: Principal, input: RecordInput) {
    if (p.isHub) throw new ForbiddenError('firearms are recorded by member countries');
    return this.db.transaction().execute(async (trx) => {
      const serialKey = serialKeyOf(input.serial);
      await this.usableReference(trx, input.referenceId);
      this.checkDate(input.eventDate);
      const dup = await recordsRepo.findDuplicate(trx, p.countryCode, input.referenceId, serialKey);
      if (dup) throw new ConflictError('your country already records this firearm as wanted', { recordId: dup.id });
      const { id } = await unique('your country already records this firearm as wanted', () =>
        recordsRepo.insert(trx, {
          reference_id: input.referenceId,
          serial: input.serial.trim(),
          serial_key: serialKey,
          status: input.status,
          reported_status: input.status,
          event_date: input.eventDate ?? null,
          place: input.place ?? '',
          importer_country: upper(input.importerCountry),
          national_reference: input.nationalReference ?? '',
          notes: input.notes ?? '',
          recording_country: p.countryCode,
          recording_agency_id: p.agencyId,
          created_by: p.userId,
        }),
      );
      await recordAudit(trx, p, {
        action: 'firearm.record.create',
        objectType: 'firearm_record',
        objectId: id,
        details: { serialKey, status: input.status, referenceId: input.referenceId },
      });
      return presentRecord((await recordsRepo.byIds(trx, [id]))[0]!);
    });
  }

  updateRecord(p: Principal, id: number, patch: RecordPatch) {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.lockOwn(trx, p, id);
      const serialKey = patch.serial !== undefined ? serialKeyOf(patch.serial) : row.serial_key;
      const referenceId = patch.referenceId ?? row.reference_id;
      if (patch.referenceId !== undefined && patch.referenceId !== row.reference_id) await this.usableReference(trx, patch.referenceId);
      this.checkDate(patch.eventDate);
      const dup = await recordsRepo.findDuplicate(trx, p.countryCode, referenceId, serialKey, id);
      if (dup) throw new ConflictError('your country already records this firearm as wanted', { recordId: dup.id });
      await unique('your country already records this firearm as wanted', () =>
        recordsRepo.update(trx, id, {
          serial_key: serialKey,
          reference_id: referenceId,
          ...(patch.serial !== undefined ? { serial: patch.serial.trim() } : {}),
          ...(patch.status ? { status: patch.status, reported_status: patch.status } : {}),
          ...(patch.eventDate !== undefined ? { event_date: patch.eventDate } : {}),
          ...(patch.place !== undefined ? { place: patch.place } : {}),
          ...(patch.importerCountry !== undefined ? { importer_country: upper(patch.importerCountry) } : {}),
          ...(patch.nationalReference !== undefined ? { national_reference: patch.nationalReference } : {}),
          ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
        }),
      );
      await recordAudit(trx, p, { action: 'firearm.record.update', objectType: 'firearm_record', objectId: id, details: { fields: Object.keys(patch) } });
      return presentRecord((await recordsRepo.byIds(trx, [id]))[0]!);
    });
  }

  /** The firearm is found: the record stops answering searches as wanted, and keeps what was reported. */
  recoverRecord(p: Principal, id: number, input: { recoveredOn?: string; note?: string }) {
    return this.db.transaction().execute(async (trx) => {
      await this.lockOwn(trx, p, id);
      this.checkDate(input.recoveredOn);
      await recordsRepo.update(trx, id, {
        status: 'recovered',
        recovered_at: input.recoveredOn ? new Date(`${input.recoveredOn}T12:00:00Z`) : new Date(),
        recovery_note: input.note ?? null,
      });
      await recordAudit(trx, p, { action: 'firearm.record.recover', objectType: 'firearm_record', objectId: id, details: { note: input.note ?? null } });
      return presentRecord((await recordsRepo.byIds(trx, [id]))[0]!);
    });
  }

  // ---- Searches ----

  /** A hit shows the searcher what is needed to act: the firearm, its status and whom to contact. */
  private async presentSearches(trx: Trx, searches: FirearmSearchRow[]) {
    // One query for all hit records and one for their NCBs, whatever the page size.
    const hits = new Map((await recordsRepo.byIds(trx, [...new Set(searches.flatMap((s) => s.hit_record_ids))])).map((h) => [h.id, h]));
    const ncbs = new Map(
      (await countriesRepo.ncbNames(trx, [...new Set([...hits.values()].map((h) => h.recording_country))])).map((c) => [c.code, c.ncb_name]),
    );
    return searches.map((s) => ({
      id: s.id,
      serial: s.serial,
      serialKey: s.serial_key,
      make: s.make,
      hit: s.hit,
      searchingCountry: s.country_code,
      searchedAt: iso(s.created_at),
      hits: [...s.hit_record_ids]
        .sort((x, y) => x - y)
        .flatMap((id) => (hits.has(id) ? [hits.get(id)!] : []))
        .map((h) => ({
          recordId: h.id,
          recordingCountry: h.recording_country,
          contact: ncbs.get(h.recording_country) ?? null,
          status: h.status as RecordStatus,
          reportedStatus: h.reported_status,
          serial: h.serial,
          firearm: firearmOf(h),
          eventDate: h.event_on,
          importerCountry: h.importer_country,
        })),
    }));
  }

  private async presentSearch(trx: Trx, s: FirearmSearchRow) {
    return (await this.presentSearches(trx, [s]))[0]!;
  }

  search(p: Principal, input: { serial: string; make?: string }) {
    return this.db.transaction().execute(async (trx) => {
      const serialKey = serialKeyOf(input.serial);
      const makeKey = input.make?.trim() ? normaliseMake(input.make) : null;
      const matches = await recordsRepo.matching(trx, serialKey, makeKey);
      const s = await searchesRepo.insert(trx, {
        serial: input.serial.trim(),
        serial_key: serialKey,
        make: makeKey ? input.make!.trim() : null,
        make_key: makeKey,
        hit: matches.length > 0,
        hit_record_ids: matches.map((m) => m.id),
        country_code: p.countryCode,
        agency_id: p.agencyId,
        searched_by: p.userId,
      });
      await recordAudit(trx, p, {
        action: 'firearm.search',
        objectType: 'firearm_search',
        objectId: s.id,
        details: { serialKey, makeKey, hit: s.hit, recordIds: s.hit_record_ids },
      });
      const result = await this.presentSearch(trx, s);
      if (s.hit) await this.announceHit(trx, p, result);
      return result;
    });
  }

  /** Tells the recording countries' NCBs, the searching country (its NCB and the searcher) and the hub, once each. */
  private async announceHit(trx: Trx, p: Principal, s: Awaited<ReturnType<FirearmService['presentSearch']>>) {
    const sent = new Set<string>();
    const once = async (key: string, send: () => Promise<unknown>) => {
      if (!sent.has(key)) {
        sent.add(key);
        await send();
      }
    };
    const link = `/firearms/searches/${s.id}`;
    const data = { searchId: s.id, recordIds: s.hits.map((h) => h.recordId) };
    const where = [...new Set(s.hits.map((h) => h.recordingCountry))].join(', ');
    for (const h of s.hits) {
      await recordAudit(trx, p, {
        action: 'firearm.hit',
        objectType: 'firearm_record',
        objectId: h.recordId,
        details: { searchId: s.id, searchingCountry: p.countryCode },
      });
      const ncb = await countriesRepo.ncbAgency(trx, h.recordingCountry);
      await once(ncb ? `agency:${ncb.id}` : `country:${h.recordingCountry}`, () =>
        notify(trx, {
          to: ncb ? { agencyId: ncb.id } : { country: h.recordingCountry },
          kind: 'firearm.hit',
          title: `iARMS hit: the ${h.status} ${describe(h.firearm)} serial ${h.serial} you recorded was searched by ${p.countryCode}`,
          link: `/firearms/records/${h.recordId}`,
          data: { ...data, recordId: h.recordId },
        }),
      );
    }
    const title = `iARMS hit: serial ${s.serial} searched by ${p.countryCode} is recorded by ${where}`;
    const own = await countriesRepo.ncbAgency(trx, p.countryCode);
    if (own) await once(`agency:${own.id}`, () => notify(trx, { to: { agencyId: own.id }, kind: 'firearm.hit', title, link, data }));
    if (!own || own.id !== p.agencyId) await once(`user:${p.userId}`, () => notify(trx, { to: { userId: p.userId }, kind: 'firearm.hit', title, link, data }));
    for (const hub of await countriesRepo.hubs(trx))
      await once(`country:${hub.code}`, () => notify(trx, { to: { country: hub.code }, kind: 'firearm.hit', title, link, data }));
  }

  listSearches(p: Principal, f: { hit?: boolean; afterId?: number; limit?: number }) {
    return this.db.transaction().execute(async (trx) => {
      const limit = f.limit ?? 50;
      const rows = await searchesRepo.listVisible(trx, p, { ...f, limit });
      await recordAudit(trx, p, { action: 'firearm.search.list', objectType: 'firearm_search', details: { count: rows.length } });
      return { searches: await this.presentSearches(trx, rows), nextAfterId: rows.length === limit ? rows.at(-1)!.id : null };
    });
  }

  getSearch(p: Principal, id: number) {
    return this.db.transaction().execute(async (trx) => {
      const s = await searchesRepo.findVisible(trx, p, id);
      if (!s) throw new NotFoundError('firearm search');
      await recordAudit(trx, p, { action: 'firearm.search.read', objectType: 'firearm_search', objectId: id });
      return this.presentSearch(trx, s);
    });
  }
}
