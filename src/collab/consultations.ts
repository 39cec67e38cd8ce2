// Consultation threads on a case between named countries. A thread is visible to its participant countries
// and to the case's owning agency, whether or not the case itself is shared with those countries: the
// thread is the channel through which the owner chose to talk to them. Participants are notified.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db, Executor } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { recordAudit } from '../audit/audit.js';
import { casesRepo } from '../cases/repository.js';
import { casePolicy } from '../policy/case-data.js';
import { allowedIds } from '../access/visibility.js';
import { BadRequestError, ForbiddenError, NotFoundError } from '../shared/errors.js';
import { notify } from './notify.js';

interface ThreadRow {
  id: number;
  case_id: number;
  subject: string;
  countries: string[];
  created_at: Date;
  case_reference: string;
  messages: number;
  last_at: Date | null;
}

/** SQL predicate over consultation `c` joined with its case `k`. */
const participates = (p: Principal): Expression<SqlBool> => sql<SqlBool>`(${p.countryCode} = ANY(c.countries) OR k.owner_agency_id = ${p.agencyId})`;

const presentThread = (t: ThreadRow) => ({
  id: t.id,
  caseId: t.case_id,
  caseReference: t.case_reference,
  subject: t.subject,
  countries: t.countries,
  messages: t.messages,
  lastMessageAt: t.last_at ? new Date(t.last_at).toISOString() : null,
  createdAt: new Date(t.created_at).toISOString(),
});

async function threads(trx: Executor, p: Principal, where: Expression<SqlBool>, opts: { afterId?: number; limit: number }) {
  return (
    await sql<ThreadRow>`SELECT c.id, c.case_id, c.subject, c.countries, c.created_at, k.reference AS case_reference,
      (SELECT count(*)::int FROM consultation_messages m WHERE m.consultation_id = c.id) AS messages,
      (SELECT max(m.created_at) FROM consultation_messages m WHERE m.consultation_id = c.id) AS last_at
    FROM consultations c JOIN cases k ON k.id = c.case_id
    WHERE ${where} AND ${participates(p)} ${opts.afterId ? sql`AND c.id < ${opts.afterId}` : sql``} ORDER BY c.id DESC LIMIT ${opts.limit}`.execute(trx)
  ).rows;
}

/** The media a message cites: each must be one the author may see (an unknown or hidden id reads the same). */
async function citedMedia(trx: Executor, p: Principal, ids: readonly number[] | undefined): Promise<number[]> {
  const wanted = [...new Set(ids ?? [])];
  if (!wanted.length) return [];
  const ok = await allowedIds(trx, 'media', p, wanted);
  const missing = wanted.filter((id) => !ok.has(id));
  if (missing.length) throw new BadRequestError(`no medium you may see has the number ${missing.join(', ')}`, { missing });
  return wanted;
}

export class ConsultationService {
  constructor(private readonly db: Db) {}

  create(p: Principal, caseId: number, input: { subject: string; countries: string[]; message: string; mediaIds?: number[] }) {
    return this.db.transaction().execute(async (trx) => {
      const c = await casesRepo.findVisible(trx, p, caseId);
      if (!c) throw new NotFoundError('case');
      // Only the owner invites: a country the case was shared with may not widen its circle (issue 14, item 6).
      if (!casePolicy.can!(p, 'consult', c)) throw new ForbiddenError("only the case's owning agency or its NCB opens a consultation on it");
      const named = [...new Set(input.countries.map((x) => x.toUpperCase()))];
      const known = (await sql<{ code: string }>`SELECT code FROM countries WHERE code = ANY(${named}::text[]) AND active`.execute(trx)).rows.map(
        (r) => r.code,
      );
      const unknown = named.filter((x) => !known.includes(x));
      if (unknown.length) throw new BadRequestError(`unknown member countries: ${unknown.join(', ')}`, { unknown });
      const countries = [...new Set([...named, c.owner_country, p.countryCode])].sort();
      if (countries.length < 2) throw new BadRequestError('a consultation needs at least one other country');
      const mediaIds = await citedMedia(trx, p, input.mediaIds);
      const row = await trx
        .insertInto('consultations')
        .values({ case_id: caseId, subject: input.subject, countries, created_by: p.userId })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('consultation_messages')
        .values({ consultation_id: row.id, author_id: p.userId, author_country: p.countryCode, body: input.message, media_ids: mediaIds })
        .execute();
      await recordAudit(trx, p, { action: 'consultation.create', objectType: 'consultation', objectId: row.id, details: { caseId, countries } });
      for (const country of countries.filter((x) => x !== p.countryCode)) {
        await notify(trx, {
          to: { country },
          kind: 'consultation',
          title: `Consultation from ${p.countryCode}: ${input.subject}`,
          link: `/consultations/${row.id}`,
          data: { consultationId: row.id, caseId },
        });
      }
      return presentThread((await threads(trx, p, sql<SqlBool>`c.id = ${row.id}`, { limit: 1 }))[0]!);
    });
  }

  listForCase(p: Principal, caseId: number) {
    return this.db.transaction().execute(async (trx) => {
      const rows = await threads(trx, p, sql<SqlBool>`c.case_id = ${caseId}`, { limit: 500 });
      if (!rows.length && !(await casesRepo.findVisible(trx, p, caseId))) throw new NotFoundError('case');
      await recordAudit(trx, p, { action: 'consultation.list', objectType: 'case', objectId: caseId, details: { count: rows.length } });
      return { consultations: rows.map(presentThread) };
    });
  }

  listMine(p: Principal, opts: { afterId?: number; limit?: number }) {
    return this.db.transaction().execute(async (trx) => {
      const limit = opts.limit ?? 50;
      const rows = await threads(trx, p, sql<SqlBool>`true`, { afterId: opts.afterId, limit });
      await recordAudit(trx, p, { action: 'consultation.list', objectType: 'consultation', details: { count: rows.length } });
      return { consultations: rows.map(presentThread), nextAfterId: rows.length === limit ? rows.at(-1)!.id : null };
    });
  }

  private async requireThread(trx: Executor, p: Principal, id: number) {
    const t = (await threads(trx, p, sql<SqlBool>`c.id = ${id}`, { limit: 1 }))[0];
    if (!t) throw new NotFoundError('consultation');
    return t;
  }

  get(p: Principal, id: number, opts: { afterId?: number; limit?: number }) {
    return this.db.transaction().execute(async (trx) => {
      const t = await this.requireThread(trx, p, id);
      const limit = opts.limit ?? 200;
      const msgs = (
        await sql<{ id: number; body: string; author_country: string; author_id: number; display_name: string; media_ids: number[]; created_at: Date }>`
        SELECT m.id, m.body, m.author_country, m.author_id, u.display_name, m.media_ids, m.created_at FROM consultation_messages m JOIN users u ON u.id = m.author_id
        WHERE m.consultation_id = ${id} ${opts.afterId ? sql`AND m.id > ${opts.afterId}` : sql``} ORDER BY m.id LIMIT ${limit}`.execute(trx)
      ).rows;
      // Cited media: only those this reader may see are named (the others leave no trace in the answer).
      const visible = await allowedIds(
        trx,
        'media',
        p,
        msgs.flatMap((m) => m.media_ids ?? []),
      );
      await recordAudit(trx, p, { action: 'consultation.read', objectType: 'consultation', objectId: id });
      return {
        ...presentThread(t),
        thread: msgs.map((m) => ({
          id: m.id,
          body: m.body,
          author: m.display_name,
          authorCountry: m.author_country.trim(),
          mine: m.author_id === p.userId,
          mediaIds: (m.media_ids ?? []).filter((x) => visible.has(x)),
          createdAt: new Date(m.created_at).toISOString(),
        })),
        nextAfterId: msgs.length === limit ? msgs.at(-1)!.id : null,
      };
    });
  }

  post(p: Principal, id: number, body: string, mediaIdsIn?: number[]) {
    return this.db.transaction().execute(async (trx) => {
      const t = await this.requireThread(trx, p, id);
      const mediaIds = await citedMedia(trx, p, mediaIdsIn);
      const row = await trx
        .insertInto('consultation_messages')
        .values({ consultation_id: id, author_id: p.userId, author_country: p.countryCode, body, media_ids: mediaIds })
        .returning(['id', 'created_at'])
        .executeTakeFirstOrThrow();
      await recordAudit(trx, p, { action: 'consultation.message', objectType: 'consultation', objectId: id, details: { messageId: row.id, mediaIds } });
      for (const country of t.countries.filter((x) => x !== p.countryCode)) {
        await notify(trx, {
          to: { country },
          kind: 'consultation_message',
          title: `${p.countryCode} replied: ${t.subject}`,
          link: `/consultations/${id}`,
          data: { consultationId: id, messageId: row.id },
        });
      }
      return { id: row.id, body, author: p.displayName, authorCountry: p.countryCode, mine: true, mediaIds, createdAt: new Date(row.created_at).toISOString() };
    });
  }
}
