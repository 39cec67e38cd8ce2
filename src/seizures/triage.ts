// Triage: what each item of a seizure turned out to be, with what is known about matched material —
// redacted per the owner's distribution. Every read is audited.
import { sql } from 'kysely';
import type { Db, Trx } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { allowedIds, canSee, type Distributed } from '../access/visibility.js';
import { recordAudit } from '../audit/audit.js';
import { knownMediaColumns, knownMediaJoins, seizuresRepo } from './repository.js';
import { SeizureService, presentSeizure } from './service.js';
import { csvField } from '../interchange/csv.js';

/** What processing stored on the item about its match (near.ts). Only shown when the matched medium is visible. */
interface MatchEvidence {
  mediaId?: number;
  distance?: number;
  stage?: string;
  variant?: string;
  rule?: string;
  votes?: number;
  minDistance?: number;
  offset?: number;
  pairs?: Array<{ queryLevel: number; storedLevel: number; distance: number }>;
  video?: {
    queryMatchPct: number;
    comparedMatchPct: number | null;
    matchedFrames?: number;
    uniqueFrames?: number;
    ranges: Array<{ from: number; to: number; matchedFrom: number; matchedTo: number }>;
  };
  inVideo?: { frame?: number; timestampS: number };
  stillAt?: { timestampS: number | null };
  /** The other media from other seizures it matched (near.ts keeps up to 20). */
  others?: Array<{ mediaId: number; distance: number; stage: string | null; variant: string | null }>;
  /** stage 'place' (src/places/triage.ts): a new item sharing a verified scene with mediaId. */
  inliers?: number;
  why?: string;
  coverage?: number;
  placeIds?: number[];
  /** stage 'partial' (near.ts partialCopyCandidates): where the shared region sits in the known picture. */
  region?: number[] | null;
  regionFrame?: number[] | null;
  /** stage 'robust' through a proposed inset (near.ts robustCandidates): where the known picture sits in the upload. */
  inset?: number[];
  insetFrame?: number[];
}

/** Each other matched medium as this caller may know it: full evidence when visible, else who to contact. */
type OtherMatch =
  | {
      restricted: false;
      matchedMediaId: number;
      distance: number;
      stage: string | null;
      variant: string | null;
      ownerCountry: string;
      series: { id: number; number: string; name: string } | null;
      victimIdentified: boolean | null;
    }
  | { restricted: true; ownerCountry: string; message: string };
type OtherRow = Omit<Row, 'id' | 'path' | 'kind' | 'status' | 'result' | 'error_reason' | 'error_message' | 'note' | 'sha256' | 'md5' | 'media_id' | 'match'>;

async function otherMatchRows(trx: Trx, p: Principal, rows: Row[]): Promise<Map<number, OtherRow>> {
  const ids = [...new Set(rows.flatMap((r) => (r.match?.others ?? []).map((o) => o.mediaId)))];
  if (!ids.length) return new Map();
  const r = await sql<OtherRow>`SELECT ${knownMediaColumns(p)} FROM unnest(${ids}::int[]) AS x(id) ${knownMediaJoins(p, sql`x.id`)}`.execute(trx);
  return new Map(r.rows.filter((o) => o.m_id !== null).map((o) => [o.m_id!, o]));
}

function presentOthers(p: Principal, r: Row, info: Map<number, OtherRow>): OtherMatch[] {
  const out: OtherMatch[] = [];
  const told = new Set<string>();
  for (const o of r.match?.others ?? []) {
    const m = info.get(o.mediaId);
    if (!m) continue;
    const mediaVisible = canSee(p, dist(m.m_owner_country, m.m_owner_agency_id, m.m_distribution, m.m_shared_with));
    const seriesVisible = m.s_id === null || canSee(p, dist(m.s_owner_country, m.s_owner_agency_id, m.s_distribution, m.s_shared_with));
    if (mediaVisible && seriesVisible) {
      out.push({
        restricted: false,
        matchedMediaId: o.mediaId,
        distance: o.distance,
        stage: o.stage,
        variant: o.variant,
        ownerCountry: m.m_owner_country ?? '',
        series: m.s_id ? { id: m.s_id, number: m.s_number ?? '', name: m.s_name ?? '' } : null,
        victimIdentified: m.s_id ? Boolean(m.victim_identified) : null,
      });
    } else {
      // As for the main match: which country knows it and whom to contact, once per country.
      const country = (!mediaVisible ? m.m_owner_country : m.s_owner_country) ?? '??';
      if (told.has(country)) continue;
      told.add(country);
      out.push({ restricted: true, ownerCountry: country, message: `known to ${country}, contact its NCB (${m.ncb_name ?? 'national central bureau'})` });
    }
  }
  return out;
}

export interface TriageQuery {
  afterId?: number;
  limit?: number;
  result?: string;
  status?: string;
}

interface Row {
  id: number;
  path: string;
  kind: 'file' | 'hash';
  status: 'pending' | 'processing' | 'done' | 'error';
  result: 'known_exact' | 'known_near' | 'new' | null;
  error_reason: string | null;
  error_message: string | null;
  note: string | null;
  sha256: string | null;
  md5: string | null;
  media_id: number | null;
  match: MatchEvidence | null;
  /** EXIF camera of the item's own medium (the grid sorts and groups by it). */
  camera_make?: string | null;
  camera_model?: string | null;
  m_id: number | null;
  m_owner_country: string | null;
  m_owner_agency_id: number | null;
  m_distribution: string | null;
  m_shared_with: string[] | null;
  ncb_name: string | null;
  s_id: number | null;
  s_number: string | null;
  s_name: string | null;
  s_owner_country: string | null;
  s_owner_agency_id: number | null;
  s_distribution: string | null;
  s_shared_with: string[] | null;
  victim_identified: boolean | null;
  offender_identified: boolean | null;
}

const dist = (country: string | null, agency: number | null, d: string | null, shared: string[] | null): Distributed => ({
  owner_country: country ?? '',
  owner_agency_id: agency ?? 0,
  distribution: (d ?? 'agency') as Distributed['distribution'],
  shared_with: shared ?? [],
});

/** "new, same place as …": the scene's evidence when the matched medium (and its series) are visible, else who to contact. */
function samePlaceOf(p: Principal, r: Row, places: Set<number>) {
  const m = r.match;
  if (m?.stage !== 'place' || r.m_id === null) return {};
  const mediaVisible = canSee(p, dist(r.m_owner_country, r.m_owner_agency_id, r.m_distribution, r.m_shared_with));
  const seriesVisible = r.s_id === null || canSee(p, dist(r.s_owner_country, r.s_owner_agency_id, r.s_distribution, r.s_shared_with));
  if (!mediaVisible || !seriesVisible) {
    const ownerCountry = (!mediaVisible ? r.m_owner_country : r.s_owner_country) ?? '??';
    return {
      samePlace: {
        restricted: true as const,
        ownerCountry,
        message: `new, same place as material known to ${ownerCountry}, contact its NCB (${r.ncb_name ?? 'national central bureau'})`,
      },
    };
  }
  const placeIds = (m.placeIds ?? []).filter((id) => places.has(id));
  const named = [r.s_number ? `series ${r.s_number}` : null, ...placeIds.map((id) => `place P-${id}`)].filter(Boolean);
  return {
    samePlace: {
      restricted: false as const,
      matchedMediaId: r.m_id,
      inliers: m.inliers ?? 0,
      why: m.why ?? null,
      coverage: m.coverage ?? null,
      ownerCountry: r.m_owner_country,
      series: r.s_id ? { id: r.s_id, number: r.s_number, name: r.s_name, ownerCountry: r.s_owner_country } : null,
      placeIds,
      message: `new, same place as ${named.length ? named.join(' / ') : `media ${r.m_id} of ${r.m_owner_country}`}`,
    },
  };
}

export function presentTriageRow(p: Principal, r: Row, others: Map<number, OtherRow> = new Map(), places: Set<number> = new Set()) {
  const base = {
    itemId: r.id,
    path: r.path,
    kind: r.kind,
    status: r.status,
    result: r.result,
    sha256: r.sha256,
    md5: r.md5,
    note: r.note,
    error: r.status === 'error' ? { reason: r.error_reason, message: r.error_message } : null,
  };
  const camera = r.camera_make || r.camera_model ? { make: r.camera_make ?? null, model: r.camera_model ?? null } : null;
  if (r.result !== 'known_exact' && r.result !== 'known_near') return { ...base, mediaId: r.media_id, camera, known: null, ...samePlaceOf(p, r, places) };
  const match = r.match ?? {};
  const mediaVisible = r.m_id !== null && canSee(p, dist(r.m_owner_country, r.m_owner_agency_id, r.m_distribution, r.m_shared_with));
  const seriesVisible = r.s_id === null || canSee(p, dist(r.s_owner_country, r.s_owner_agency_id, r.s_distribution, r.s_shared_with));
  if (!mediaVisible || !seriesVisible) {
    // The owner restricts: say who knows it and whom to contact, nothing else.
    const ownerCountry = (!mediaVisible ? r.m_owner_country : r.s_owner_country) ?? '??';
    return {
      ...base,
      mediaId: r.result === 'known_exact' ? null : r.media_id,
      // A known exact item is the owner's medium: its EXIF stays with the owner.
      camera: r.result === 'known_exact' ? null : camera,
      known: { restricted: true as const, ownerCountry, message: `known to ${ownerCountry}, contact its NCB (${r.ncb_name ?? 'national central bureau'})` },
    };
  }
  return {
    ...base,
    mediaId: r.media_id,
    camera,
    known: {
      restricted: false as const,
      matchedMediaId: match.mediaId ?? r.m_id!, // mediaVisible: m_id is set
      distance: match.distance ?? 0,
      stage: match.stage ?? null,
      variant: match.variant ?? null,
      // Why it matched: the robust stage's rule and votes, the vPDQ overlap and times, where a still sits in a video.
      ...(match.rule
        ? { rule: match.rule, votes: match.votes ?? null, minDistance: match.minDistance ?? null, offset: match.offset ?? null, pairs: match.pairs ?? null }
        : {}),
      ...(match.inset && match.insetFrame ? { inset: { box: match.inset, frame: match.insetFrame } } : {}),
      ...(match.video ? { video: match.video } : {}),
      ...(match.inVideo ? { foundInVideo: match.inVideo } : {}),
      ...(match.stillAt ? { stillAt: match.stillAt } : {}),
      ...(match.stage === 'partial'
        ? {
            partial: {
              inliers: match.inliers ?? 0,
              coverage: match.coverage ?? 0,
              region: match.region ?? null,
              regionFrame: match.regionFrame ?? null,
              why: match.why ?? '',
            },
          }
        : {}),
      otherMatches: presentOthers(p, r, others),
      ownerCountry: r.m_owner_country,
      series: r.s_id ? { id: r.s_id, number: r.s_number, name: r.s_name, ownerCountry: r.s_owner_country } : null,
      victimIdentified: r.s_id ? Boolean(r.victim_identified) : null,
      offenderIdentified: r.s_id ? Boolean(r.offender_identified) : null,
    },
  };
}
export type TriageRow = ReturnType<typeof presentTriageRow>;

async function page(trx: Trx, p: Principal, seizureId: number, q: TriageQuery, limit: number): Promise<Row[]> {
  // Identified flags count only victims/offenders the caller may see.
  const r = await sql<Row>`
    SELECT i.id, i.path, i.kind, i.status, i.result, i.error_reason, i.error_message, i.note, i.sha256, i.md5, i.media_id, i.match,
      own.camera_make, own.camera_model,
      ${knownMediaColumns(p)}
    FROM seizure_items i
    LEFT JOIN media own ON own.id = i.media_id
    ${knownMediaJoins(p, sql`(i.match->>'mediaId')::int`)}
    WHERE i.seizure_id = ${seizureId} AND i.id > ${q.afterId ?? 0}
      ${q.result ? sql`AND i.result = ${q.result}` : sql``}
      ${q.status ? sql`AND i.status = ${q.status}` : sql``}
    ORDER BY i.id LIMIT ${limit}`.execute(trx);
  return r.rows;
}

export class TriageService {
  private readonly seizures: SeizureService;
  constructor(
    private readonly db: Db,
    seizures: SeizureService,
  ) {
    this.seizures = seizures;
  }

  /** One page of triage (keyset on item id) with the seizure's summary. */
  read(p: Principal, seizureId: number, q: TriageQuery) {
    return this.db.transaction().execute(async (trx) => {
      const seizure = await this.seizures.requireVisible(trx, p, seizureId);
      const limit = Math.min(q.limit ?? 500, 5000);
      const raw = await page(trx, p, seizureId, q, limit);
      const others = await otherMatchRows(trx, p, raw);
      const places = await allowedIds(
        trx,
        'places',
        p,
        raw.flatMap((r) => (r.match?.stage === 'place' ? (r.match.placeIds ?? []) : [])),
      );
      const rows = raw.map((r) => presentTriageRow(p, r, others, places));
      const counts = (await seizuresRepo.counts(trx, [seizureId])).get(seizureId);
      const restricted = rows.filter((r) => r.known?.restricted).length;
      await recordAudit(trx, p, {
        action: 'seizure.triage.read',
        objectType: 'seizure',
        objectId: seizureId,
        details: { afterId: q.afterId ?? 0, items: rows.length, restricted },
      });
      const next = rows.length === limit ? rows[rows.length - 1]!.itemId : null;
      return { seizure: presentSeizure(seizure, counts), summary: presentSeizure(seizure, counts).counts, items: rows, nextAfterId: next };
    });
  }

  /** Every item (keyset pages inside one audited transaction), for CSV/JSON export. */
  exportAll(p: Principal, seizureId: number, q: TriageQuery) {
    return this.db.transaction().execute(async (trx) => {
      const seizure = await this.seizures.requireVisible(trx, p, seizureId);
      const all: TriageRow[] = [];
      let after = q.afterId ?? 0;
      for (;;) {
        const rows = await page(trx, p, seizureId, { ...q, afterId: after }, 5000);
        const others = await otherMatchRows(trx, p, rows);
        const places = await allowedIds(
          trx,
          'places',
          p,
          rows.flatMap((r) => (r.match?.stage === 'place' ? (r.match.placeIds ?? []) : [])),
        );
        all.push(...rows.map((r) => presentTriageRow(p, r, others, places)));
        if (rows.length < 5000) break;
        after = rows[rows.length - 1]!.id;
      }
      const counts = (await seizuresRepo.counts(trx, [seizureId])).get(seizureId);
      await recordAudit(trx, p, { action: 'seizure.triage.export', objectType: 'seizure', objectId: seizureId, details: { items: all.length } });
      return { seizure: presentSeizure(seizure, counts), items: all };
    });
  }
}

const CSV_COLUMNS = [
  'item_id',
  'path',
  'status',
  'result',
  'error_reason',
  'error_message',
  'note',
  'sha256',
  'md5',
  'media_id',
  'matched_media_id',
  'distance',
  'restricted',
  'owner_country',
  'series_number',
  'series_name',
  'victim_identified',
  'offender_identified',
  'message',
  'stage',
  'rule',
  'time_s',
] as const;

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  // Neutralise spreadsheet formulas in attacker-controlled file names.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return csvField(s, ',');
}

export function triageCsv(items: TriageRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of items) {
    const k = r.known as (Record<string, unknown> & { series?: { number?: string; name?: string } | null }) | null;
    const row: Record<(typeof CSV_COLUMNS)[number], unknown> = {
      item_id: r.itemId,
      path: r.path,
      status: r.status,
      result: r.result,
      error_reason: r.error?.reason,
      error_message: r.error?.message,
      note: r.note,
      sha256: r.sha256,
      md5: r.md5,
      media_id: r.mediaId,
      matched_media_id: k?.matchedMediaId,
      distance: k?.distance,
      restricted: k ? (k.restricted ? 'yes' : 'no') : '',
      owner_country: k?.ownerCountry,
      series_number: k?.series?.number,
      series_name: k?.series?.name,
      victim_identified: k?.victimIdentified ?? '',
      offender_identified: k?.offenderIdentified ?? '',
      message: k?.message,
      stage: k?.stage,
      rule: k?.rule,
      time_s: (k?.foundInVideo as { timestampS?: number } | undefined)?.timestampS ?? (k?.stillAt as { timestampS?: number } | undefined)?.timestampS,
    };
    lines.push(CSV_COLUMNS.map((c) => csvCell(row[c])).join(','));
  }
  return lines.join('\n') + '\n';
}
