// Victims, offenders and places of a series, the identification workflow and media links.
// Owner writes (the series' owning agency, or its country's NCB). Identification is different: any case
// role that can see a victim or offender may report that its own country identified them (that is how
// ICSE works: another country recognises the child); the owning agency is notified in the same transaction.
import type { Db, Executor } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { normaliseDistribution, type Distribution } from '../access/visibility.js';
import { recordAudit } from '../audit/audit.js';
import { canWrite } from '../cases/service.js';
import { notify } from '../collab/notify.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../shared/errors.js';
import { mediaRepo } from '../mediainfo/repository.js';
import { ENTITY_TABLE, entityRepo, seriesRepo } from './repository.js';
import { requireSeries, requireWritableSeries } from './service.js';
import type { EntityType } from './tables.js';
import { today } from '../shared/dates.js';

export interface EntityInput {
  label?: string;
  notes?: string;
  description?: string;
  clues?: string;
  countryGuess?: string | null;
  distribution?: Distribution;
  sharedWith?: string[];
}
export interface IdentifyInput {
  country?: string;
  date?: string;
}

type Row = Record<string, unknown> & {
  id: number;
  series_id: number;
  owner_country: string;
  owner_agency_id: number;
  distribution: Distribution;
  shared_with: string[];
};

export function presentEntity(type: EntityType, r: Row) {
  const base = {
    id: r.id,
    type,
    seriesId: r.series_id,
    ownerCountry: r.owner_country,
    ownerAgencyId: r.owner_agency_id,
    distribution: r.distribution,
    sharedWith: r.shared_with,
    createdAt: new Date(r.created_at as Date).toISOString(),
  };
  if (type === 'place')
    return { ...base, description: r.description as string, clues: r.clues as string, countryGuess: (r.country_guess as string | null)?.trim() ?? null };
  const person = {
    ...base,
    label: r.label as string,
    notes: r.notes as string,
    identified: r.identified as boolean,
    identifiedByCountry: (r.identified_by_country as string | null) ?? null,
    identifiedAt: (r.identified_on as string | null) ?? null,
    updatedAt: new Date(r.updated_at as Date).toISOString(),
  };
  return type === 'victim' ? { ...person, rescued: r.rescued as boolean, rescuedAt: (r.rescued_on as string | null) ?? null } : person;
}

function checkDate(d: string | undefined, what: string): string {
  const v = d ?? today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) {
    throw new BadRequestError(`${what} must be a calendar date YYYY-MM-DD`);
  }
  if (v > today()) throw new BadRequestError(`${what} is in the future`);
  return v;
}

export class EntityService {
  constructor(private readonly db: Db) {}

  async requireEntity(trx: Executor, p: Principal, type: EntityType, id: number): Promise<Row> {
    const r = await entityRepo.findVisible(trx, p, type, id);
    if (!r) throw new NotFoundError(type);
    return r as Row;
  }

  create(p: Principal, type: EntityType, seriesId: number, input: EntityInput) {
    return this.db.transaction().execute(async (trx) => {
      const s = await requireWritableSeries(trx, p, seriesId);
      // A record inherits its series' distribution unless the owner restricts it further.
      const dist = input.distribution
        ? normaliseDistribution(input.distribution, input.sharedWith)
        : { distribution: s.distribution, shared_with: s.shared_with };
      const owner = { series_id: seriesId, owner_country: s.owner_country, owner_agency_id: s.owner_agency_id, ...dist };
      let id: number;
      if (type === 'place') {
        if (!input.description) throw new BadRequestError('a place needs a description');
        id = await entityRepo.insert(trx, 'places', {
          ...owner,
          description: input.description,
          clues: input.clues ?? '',
          country_guess: input.countryGuess?.toUpperCase() ?? null,
        });
      } else {
        if (!input.label) throw new BadRequestError(`a ${type} needs a label`);
        id = await entityRepo.insert(trx, ENTITY_TABLE[type], { ...owner, label: input.label, notes: input.notes ?? '' });
      }
      await recordAudit(trx, p, { action: `${type}.create`, objectType: type, objectId: id, details: { seriesId, distribution: dist.distribution } });
      return presentEntity(type, await this.requireEntity(trx, p, type, id));
    });
  }

  list(p: Principal, type: EntityType, seriesId: number, opts: { afterId?: number; limit?: number }) {
    return this.db.transaction().execute(async (trx) => {
      await requireSeries(trx, p, seriesId);
      const limit = opts.limit ?? 100;
      const rows = (await entityRepo.listVisible(trx, p, type, seriesId, { afterId: opts.afterId, limit })) as Row[];
      await recordAudit(trx, p, {
        action: `${type}.list`,
        objectType: 'series',
        objectId: seriesId,
        details: { count: rows.length, ids: rows.map((r) => r.id) },
      });
      return { items: rows.map((r) => presentEntity(type, r)), nextAfterId: rows.length === limit ? rows.at(-1)!.id : null };
    });
  }

  get(p: Principal, type: EntityType, id: number) {
    return this.db.transaction().execute(async (trx) => {
      const r = await this.requireEntity(trx, p, type, id);
      const linked = await entityRepo.linkedMediaIds(trx, type, id);
      const visibleMedia = (await mediaRepo.byIdsVisible(trx, p, linked)).map((m) => m.id).sort((a, b) => a - b);
      await recordAudit(trx, p, { action: `${type}.read`, objectType: type, objectId: id });
      return { ...presentEntity(type, r), mediaIds: visibleMedia };
    });
  }

  update(p: Principal, type: EntityType, id: number, patch: EntityInput & { identified?: false }) {
    return this.db.transaction().execute(async (trx) => {
      const r = await this.requireEntity(trx, p, type, id);
      if (!canWrite(p, r)) throw new ForbiddenError(`only the owning agency changes this ${type}`);
      const set: Record<string, unknown> = {};
      if (patch.distribution) Object.assign(set, normaliseDistribution(patch.distribution, patch.sharedWith));
      if (type === 'place') {
        if (patch.description) set.description = patch.description;
        if (patch.clues !== undefined) set.clues = patch.clues;
        if (patch.countryGuess !== undefined) set.country_guess = patch.countryGuess?.toUpperCase() ?? null;
      } else {
        if (patch.label) set.label = patch.label;
        if (patch.notes !== undefined) set.notes = patch.notes;
        // The owner may withdraw an identification reported in error (it is audited like any change).
        if (patch.identified === false)
          Object.assign(set, {
            identified: false,
            identified_by_country: null,
            identified_at: null,
            ...(type === 'victim' ? { rescued: false, rescued_at: null } : {}),
          });
      }
      if (Object.keys(set).length) await entityRepo.update(trx, ENTITY_TABLE[type], id, set);
      await recordAudit(trx, p, { action: `${type}.update`, objectType: type, objectId: id, details: { fields: Object.keys(patch) } });
      return presentEntity(type, await this.requireEntity(trx, p, type, id));
    });
  }

  remove(p: Principal, type: EntityType, id: number) {
    return this.db.transaction().execute(async (trx) => {
      const r = await this.requireEntity(trx, p, type, id);
      if (!canWrite(p, r)) throw new ForbiddenError(`only the owning agency deletes this ${type}`);
      await entityRepo.delete(trx, type, id);
      await recordAudit(trx, p, { action: `${type}.delete`, objectType: type, objectId: id, details: { seriesId: r.series_id } });
      return { deleted: id };
    });
  }

  /** Reports that `country` (by default the caller's) identified the victim or offender. */
  identify(p: Principal, type: 'victim' | 'offender', id: number, input: IdentifyInput) {
    return this.db.transaction().execute(async (trx) => {
      const r = await this.requireEntity(trx, p, type, id);
      const country = (input.country ?? p.countryCode).toUpperCase();
      // Anyone who sees the record reports for their own country; only the owner records it for another one.
      if (country !== p.countryCode && !canWrite(p, r)) throw new ForbiddenError('you may report an identification by your own country only');
      if (r.identified)
        throw new ConflictError(`this ${type} was already identified by ${r.identified_by_country} on ${r.identified_on}`, {
          identifiedByCountry: r.identified_by_country,
          identifiedAt: r.identified_on,
        });
      const date = checkDate(input.date, 'the identification date');
      await entityRepo.update(trx, ENTITY_TABLE[type], id, { identified: true, identified_by_country: country, identified_at: date });
      await recordAudit(trx, p, { action: `${type}.identify`, objectType: type, objectId: id, details: { country, date, seriesId: r.series_id } });
      await this.tellOwner(trx, p, type, r, 'identified', { country, date });
      return presentEntity(type, await this.requireEntity(trx, p, type, id));
    });
  }

  rescue(p: Principal, id: number, input: { date?: string }) {
    return this.db.transaction().execute(async (trx) => {
      const r = await this.requireEntity(trx, p, 'victim', id);
      if (!r.identified) throw new ConflictError('record the identification before the rescue');
      if (r.rescued) throw new ConflictError(`this victim was already reported rescued on ${r.rescued_on}`);
      if (r.identified_by_country !== p.countryCode && !canWrite(p, r))
        throw new ForbiddenError('the rescue is reported by the identifying country or the owner');
      const date = checkDate(input.date, 'the rescue date');
      if (date < (r.identified_on as string)) throw new BadRequestError('the rescue date is before the identification date');
      await entityRepo.update(trx, 'victims', id, { rescued: true, rescued_at: date });
      await recordAudit(trx, p, { action: 'victim.rescue', objectType: 'victim', objectId: id, details: { date, seriesId: r.series_id } });
      await this.tellOwner(trx, p, 'victim', r, 'rescued', { country: p.countryCode, date });
      return presentEntity('victim', await this.requireEntity(trx, p, 'victim', id));
    });
  }

  private async tellOwner(
    trx: Parameters<typeof notify>[0],
    p: Principal,
    type: 'victim' | 'offender',
    r: Row,
    what: 'identified' | 'rescued',
    d: { country: string; date: string },
  ) {
    if (p.agencyId === r.owner_agency_id) return; // the owner did it: nothing to tell
    const s = (await seriesRepo.byIds(trx, [r.series_id]))[0]!;
    await notify(trx, {
      to: { agencyId: r.owner_agency_id },
      kind: `${type}_${what}`,
      title: `${type === 'victim' ? 'Victim' : 'Offender'} "${r.label as string}" of series ${s.number} ${what} (${d.country}, ${d.date})`,
      body: `Reported by ${p.displayName}, ${p.countryCode}.`,
      link: `/${type}s/${r.id}`,
      data: { [`${type}Id`]: r.id, seriesId: r.series_id, country: d.country, date: d.date, reportedByCountry: p.countryCode },
    });
  }

  /** Links a visible medium to a victim, offender or place; the entity's owner decides. */
  link(p: Principal, mediaId: number, type: EntityType, entityId: number, on: boolean) {
    return this.db.transaction().execute(async (trx) => {
      const media = (await mediaRepo.byIdsVisible(trx, p, [mediaId]))[0];
      if (!media) throw new NotFoundError('media');
      const r = await this.requireEntity(trx, p, type, entityId);
      if (!canWrite(p, r)) throw new ForbiddenError(`only the owning agency links media to this ${type}`);
      if (on) {
        await trx
          .insertInto('media_links')
          .values({ media_id: mediaId, entity_type: type, entity_id: entityId, created_by: p.userId || null })
          .onConflict((oc) => oc.doNothing())
          .execute();
      } else {
        const del = await trx
          .deleteFrom('media_links')
          .where('media_id', '=', mediaId)
          .where('entity_type', '=', type)
          .where('entity_id', '=', entityId)
          .executeTakeFirst();
        if (!Number(del.numDeletedRows)) throw new NotFoundError('link');
      }
      await recordAudit(trx, p, {
        action: on ? 'media.link' : 'media.unlink',
        objectType: 'media',
        objectId: mediaId,
        details: { entityType: type, entityId },
      });
      return { mediaId, entityType: type, entityId, linked: on };
    });
  }
}
