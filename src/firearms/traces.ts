// Trace requests. After a search (hit or no hit) the searching country may ask the country of manufacture and
// the country of the last legal importer for the firearm's history. Each addressed country's NCB answers once
// (found, with the history, or not found); the requester sees every answer, an addressed country its own.
import type { Db, Trx } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { recordAudit } from '../audit/audit.js';
import { notify } from '../collab/notify.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../shared/errors.js';
import { countriesRepo, recordsRepo, referencesRepo, searchesRepo, tracesRepo, type TraceFilter } from './repository.js';
import { notifyNcb, presentReference, type Page } from './service.js';
import { isoTime as iso } from '../shared/dates.js';
import type { FirearmReferenceRow, FirearmTraceRecipientRow, FirearmTraceRow, TraceAnswer, TraceBasis } from './tables.js';

export interface TraceInput {
  searchId: number;
  referenceId?: number;
  manufactureCountry?: string;
  importerCountry?: string;
  note?: string;
}

export class TraceService {
  constructor(private readonly db: Db) {}

  /** refs: the page's reference entries by id (lists load them in one query). */
  private async present(trx: Trx, p: Principal, t: FirearmTraceRow, recipients?: FirearmTraceRecipientRow[], refs?: Map<number, FirearmReferenceRow>) {
    const all = recipients ?? (await tracesRepo.recipients(trx, [t.id]));
    const ref = !t.reference_id ? undefined : refs ? refs.get(t.reference_id) : await referencesRepo.find(trx, t.reference_id);
    // The requester and the hub see every answer; an addressed country sees only its own part.
    const full = t.requesting_country === p.countryCode || p.isHub;
    return {
      id: t.id,
      searchId: t.search_id,
      serial: t.serial,
      serialKey: t.serial_key,
      firearm: ref ? presentReference(ref) : null,
      requestingCountry: t.requesting_country,
      requestingAgencyId: t.requesting_agency_id,
      note: t.note,
      createdAt: iso(t.created_at),
      status: all.every((r) => r.status !== 'pending') ? ('answered' as const) : ('open' as const),
      recipients: all
        .filter((r) => full || r.country === p.countryCode)
        .map((r) => ({
          country: r.country,
          basis: r.basis,
          status: r.status,
          history: r.history,
          answeredAt: iso(r.answered_at),
        })),
    };
  }

  private async requireVisible(trx: Trx, p: Principal, id: number) {
    const t = await tracesRepo.findVisible(trx, p, id);
    if (!t) throw new NotFoundError('trace request');
    return t;
  }

  create(p: Principal, input: TraceInput) {
    return this.db.transaction().execute(async (trx) => {
      const search = await searchesRepo.findVisible(trx, p, input.searchId);
      if (!search) throw new NotFoundError('firearm search');
      if (search.country_code !== p.countryCode) throw new ForbiddenError('a trace request is sent by the country that searched');
      // The firearm's description: the entry named, else the one of the record the search hit.
      const hit = search.hit_record_ids.length ? (await recordsRepo.byIds(trx, search.hit_record_ids))[0] : undefined;
      const referenceId = input.referenceId ?? hit?.reference_id ?? null;
      const ref = referenceId ? await referencesRepo.find(trx, referenceId) : undefined;
      if (referenceId && !ref) throw new NotFoundError('firearm reference entry');
      if (ref && search.make_key && ref.make_key !== search.make_key)
        throw new BadRequestError(`the reference entry's make (${ref.make}) is not the make searched (${search.make})`);

      const bases = new Map<string, TraceBasis[]>();
      const add = (c: string | null | undefined, b: TraceBasis) => {
        if (c) bases.set(c.toUpperCase(), [...(bases.get(c.toUpperCase()) ?? []), b]);
      };
      add(input.manufactureCountry ?? ref?.country_of_manufacture, 'manufacture');
      add(input.importerCountry ?? hit?.importer_country, 'importer');
      if (!bases.size)
        throw new BadRequestError(
          'name the country of manufacture or of the last legal importer (or choose a reference entry that has a country of manufacture)',
        );
      const codes = [...bases.keys()].sort();
      if (codes.includes(p.countryCode))
        throw new BadRequestError('a trace request goes to other member countries; trace in your own national records', { own: p.countryCode });
      const known = await countriesRepo.members(trx, codes);
      const unknown = codes.filter((c) => !known.some((k) => k.code === c && !k.is_hub));
      if (unknown.length) throw new BadRequestError(`not member countries: ${unknown.join(', ')}`, { unknown });

      const t = await tracesRepo.insert(trx, {
        search_id: search.id,
        reference_id: referenceId,
        serial: search.serial,
        serial_key: search.serial_key,
        requesting_country: p.countryCode,
        requesting_agency_id: p.agencyId,
        requested_by: p.userId,
        note: input.note ?? '',
      });
      await tracesRepo.insertRecipients(
        trx,
        codes.map((country) => ({ trace_id: t.id, country, basis: bases.get(country)! })),
      );
      const what = ref ? `${ref.make} ${ref.model}`.trim() : (search.make ?? 'firearm');
      for (const country of codes) {
        await notifyNcb(trx, country, {
          kind: 'firearm.trace.request',
          link: `/firearms/traces/${t.id}`,
          data: { traceId: t.id },
          title: `Trace request from ${p.countryCode}: ${what} serial ${search.serial} (${bases.get(country)!.join(' and ')} country)`,
        });
      }
      await recordAudit(trx, p, {
        action: 'firearm.trace.create',
        objectType: 'firearm_trace',
        objectId: t.id,
        details: { searchId: search.id, recipients: codes },
      });
      return this.present(trx, p, t);
    });
  }

  /** The NCB of an addressed country answers, once. */
  answer(p: Principal, id: number, input: { result: TraceAnswer; history?: string }) {
    return this.db.transaction().execute(async (trx) => {
      const t = await this.requireVisible(trx, p, id);
      const mine = p.role === 'ncb_officer' ? await tracesRepo.lockRecipient(trx, id, p.countryCode) : undefined;
      if (!mine) throw new ForbiddenError('a trace request is answered by the NCB of a country it is addressed to');
      if (mine.status !== 'pending') throw new ConflictError(`your country has already answered (${mine.status})`);
      const history = input.history?.trim() ?? '';
      if (input.result === 'found' && !history) throw new BadRequestError('a found answer gives the history (manufacture, sales, export, import)');
      await tracesRepo.answer(trx, id, p.countryCode, { status: input.result, history: history || null, answered_by: p.userId, answered_at: new Date() });
      await notify(trx, {
        to: { userId: t.requested_by },
        kind: 'firearm.trace.answered',
        link: `/firearms/traces/${id}`,
        data: { traceId: id, country: p.countryCode },
        title: `Trace answer from ${p.countryCode} for serial ${t.serial}: ${input.result === 'found' ? 'history found' : 'not found'}`,
      });
      await recordAudit(trx, p, { action: 'firearm.trace.answer', objectType: 'firearm_trace', objectId: id, details: { result: input.result } });
      return this.present(trx, p, t);
    });
  }

  list(p: Principal, f: Page<TraceFilter>) {
    return this.db.transaction().execute(async (trx) => {
      const limit = f.limit ?? 50;
      const rows = await tracesRepo.listVisible(trx, p, { ...f, limit });
      const recipients = await tracesRepo.recipients(
        trx,
        rows.map((r) => r.id),
      );
      await recordAudit(trx, p, { action: 'firearm.trace.list', objectType: 'firearm_trace', details: { count: rows.length, ids: rows.map((r) => r.id) } });
      const refIds = [...new Set(rows.map((r) => r.reference_id).filter((id): id is number => id !== null))];
      const refs = new Map((await referencesRepo.byIds(trx, refIds)).map((r) => [r.id, r]));
      const out = [];
      for (const t of rows)
        out.push(
          await this.present(
            trx,
            p,
            t,
            recipients.filter((r) => r.trace_id === t.id),
            refs,
          ),
        );
      return { traces: out, nextAfterId: rows.length === limit ? rows.at(-1)!.id : null };
    });
  }

  get(p: Principal, id: number) {
    return this.db.transaction().execute(async (trx) => {
      const t = await this.requireVisible(trx, p, id);
      await recordAudit(trx, p, { action: 'firearm.trace.read', objectType: 'firearm_trace', objectId: id });
      return this.present(trx, p, t);
    });
  }
}
