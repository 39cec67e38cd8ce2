// VICS import and export. An import is one transaction: a case (given, matched by reference, or created),
// one hash-only seizure per VICS case, one item per file, media reused by SHA-256/MD5/SHA-1 or created as
// hash-only contributions owned by the importer, and the file's claims (series name, identified flags)
// kept per case. Re-importing the same file into the same case answers the first report.
import { ownedBy } from '../policy/case-data.js';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Trx } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { normaliseDistribution, visibleTo, type Distribution } from '../access/visibility.js';
import { recordAudit } from '../audit/audit.js';
import { BadRequestError, ForbiddenError } from '../shared/errors.js';
import { CaseService, canWrite } from '../cases/service.js';
import { casesRepo, type CaseRow } from '../cases/repository.js';
import {
  parseVics,
  VicsFormatError,
  type ParsedVics,
  type ReportLine,
  type VicsCase,
  type VicsMedia,
  type VicsMediaFile,
  type VicsScheme,
  type VicsVersion,
} from './vics-parse.js';
import { splitPath, writeVics, type ExportCase, type ExportMedia, type WriteVicsOptions } from './vics-write.js';
import { caseItemsPage, importsRepo, type CaseItemRow } from './repository.js';

export interface VicsImportInput {
  bytes: Uint8Array;
  fileName: string;
  caseId?: number;
  scheme?: VicsScheme;
  /** Distribution of the media rows created (default: all member countries, as for any contribution). */
  distribution?: Distribution;
  sharedWith?: string[];
}

export interface VicsImportResult {
  importId: number;
  alreadyImported: boolean;
  version: VicsVersion;
  scheme: VicsScheme;
  caseIds: number[];
  seizureIds: number[];
  entries: number;
  imported: number;
  reused: number;
  merged: number;
  rejected: number;
  report: ReportLine[];
}

/** Where a medium without a SHA-256 is keyed: media.sha256 is the unique content key, so hash-only rows use their strongest hash. */
export function hashOnlyKey(m: { sha256: string | null; sha1: string | null; md5: string }): string {
  return m.sha256 ?? (m.sha1 ? `sha1:${m.sha1}` : `md5:${m.md5}`);
}

const MIME_BY_FORMAT: Record<string, string> = {
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  tiff: 'image/tiff',
  bmp: 'image/bmp',
  heif: 'image/heif',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  avi: 'video/x-msvideo',
  mkv: 'video/x-matroska',
  webm: 'video/webm',
};

function itemPath(f: { fileName: string; filePath: string }): string {
  if (!f.filePath) return f.fileName;
  return /[\\/]$/.test(f.filePath) ? f.filePath + f.fileName : `${f.filePath}/${f.fileName}`;
}

export class VicsService {
  private readonly cases: CaseService;
  constructor(
    private readonly db: Db,
    cases: CaseService,
  ) {
    this.cases = cases;
  }

  async import(p: Principal, input: VicsImportInput): Promise<VicsImportResult> {
    let parsed: ParsedVics;
    try {
      parsed = parseVics(input.bytes, { scheme: input.scheme });
    } catch (err) {
      if (err instanceof VicsFormatError) throw new BadRequestError(`${input.fileName}: ${err.message}`, { path: err.path });
      throw err;
    }
    if (!parsed.cases.length) throw new BadRequestError(`${input.fileName}: value: the file lists no case`, { path: 'value' });
    const fileSha256 = createHash('sha256').update(input.bytes).digest('hex');
    const dist = normaliseDistribution(input.distribution ?? 'all', input.sharedWith);

    return this.db.transaction().execute(async (trx) => {
      const report: ReportLine[] = [...parsed.report];
      const targets: CaseRow[] = [];
      if (input.caseId) {
        const c = await this.cases.requireVisible(trx, p, input.caseId);
        if (!canWrite(p, c)) throw new ForbiddenError('only the owning agency adds seizures to this case');
        targets.push(c);
        const previous = await importsRepo.findPrevious(trx, c.id, fileSha256);
        if (previous) return this.previousResult(trx, p, previous.id, previous.report);
      } else {
        for (const vc of parsed.cases) targets.push(await this.caseFor(trx, p, vc, input.fileName, fileSha256, report));
        const previous = await importsRepo.findPrevious(trx, targets[0]!.id, fileSha256);
        if (previous) return this.previousResult(trx, p, previous.id, previous.report);
      }
      const imp = await importsRepo.insert(trx, {
        kind: 'vics',
        file_name: input.fileName,
        file_sha256: fileSha256,
        case_id: targets[0]!.id,
        seizure_id: null,
        bank_id: null,
        imported: 0,
        rejected: 0,
        report: '{}',
        owner_country: p.countryCode,
        owner_agency_id: p.agencyId,
        distribution: 'agency',
        shared_with: [],
        created_by: p.via === 'system' ? null : p.userId,
      });
      const counts = { imported: 0, reused: 0 };
      const seizureIds: number[] = [];
      for (let i = 0; i < parsed.cases.length; i++) {
        const vc = parsed.cases[i]!;
        const target = targets[input.caseId ? 0 : i]!;
        const seizureId = await this.insertSeizure(trx, p, target, `VICS import: ${input.fileName}${parsed.cases.length > 1 ? ` (${vc.path})` : ''}`, vc);
        seizureIds.push(seizureId);
        if (parsed.cases.length === 1 || !input.caseId) await this.keepCaseHeader(trx, target.id, imp.id, vc);
        for (let j = 0; j < vc.media.length; j += 500) {
          await this.importChunk(trx, p, { caseId: target.id, seizureId, importId: imp.id, dist }, vc.media.slice(j, j + 500), report, counts);
        }
      }
      const rejected = report.filter((r) => r.status === 'rejected').length;
      const merged = report.filter((r) => r.status === 'merged').length;
      const result: VicsImportResult = {
        importId: imp.id,
        alreadyImported: false,
        version: parsed.version,
        scheme: parsed.scheme,
        caseIds: [...new Set(targets.map((t) => t.id))],
        seizureIds,
        entries: parsed.entries,
        imported: counts.imported,
        reused: counts.reused,
        merged,
        rejected,
        report,
      };
      await importsRepo.update(trx, imp.id, {
        imported: counts.imported + counts.reused,
        rejected,
        report: JSON.stringify(result),
        seizure_id: seizureIds[0] ?? null,
      });
      for (const caseId of result.caseIds) {
        await recordAudit(trx, p, {
          action: 'vics.import',
          objectType: 'case',
          objectId: caseId,
          details: {
            importId: imp.id,
            file: input.fileName,
            fileSha256,
            version: parsed.version,
            entries: parsed.entries,
            imported: counts.imported,
            reused: counts.reused,
            merged,
            rejected,
          },
        });
      }
      return result;
    });
  }

  /** The VICS case header as given, for the export to write back (a Media-only file has none to keep). */
  private async keepCaseHeader(trx: Trx, caseId: number, importId: number, vc: VicsCase): Promise<void> {
    if (vc.path === '$') return;
    const row = {
      import_id: importId,
      vics_case_id: vc.caseId,
      case_number: vc.caseNumber,
      contact_organization: vc.contactOrganization,
      contact_name: vc.contactName,
      contact_email: vc.contactEmail,
      contact_phone: vc.contactPhone,
      contact_title: vc.contactTitle,
      seizure_date: vc.seizureDate,
      source_application_name: vc.sourceApplicationName,
      source_application_version: vc.sourceApplicationVersion,
      case_metadata: JSON.stringify(vc.metadataPairs),
    };
    await trx
      .insertInto('vics_case_claims')
      .values({ case_id: caseId, ...row })
      .onConflict((oc) => oc.column('case_id').doUpdateSet(row))
      .execute();
  }

  private async previousResult(trx: Trx, p: Principal, importId: number, report: unknown): Promise<VicsImportResult> {
    await recordAudit(trx, p, { action: 'vics.import.repeat', objectType: 'interchange_import', objectId: importId });
    return { ...(report as VicsImportResult), alreadyImported: true };
  }

  /** The case a VICS case goes into: the agency's case with that reference, or a new one. */
  private async caseFor(trx: Trx, p: Principal, vc: VicsCase, fileName: string, fileSha256: string, report: ReportLine[]): Promise<CaseRow> {
    const reference = (vc.caseNumber ?? vc.caseId ?? `VICS-${fileSha256.slice(0, 12)}`).slice(0, 100);
    const existing = await casesRepo.findByReference(trx, p.agencyId, reference);
    if (existing) {
      report.push({ path: vc.path, status: 'note', message: `added to your agency's existing case ${reference} (#${existing.id})` });
      return (await casesRepo.findVisible(trx, p, existing.id))!;
    }
    const title = (vc.metadata.Title ?? `VICS import ${reference} (${fileName})`).slice(0, 300);
    const row = await casesRepo.insert(trx, {
      reference,
      title,
      description: vc.sourceApplicationName ? `Imported from ${vc.sourceApplicationName} ${vc.sourceApplicationVersion ?? ''}`.trim() : '',
      owner_country: p.countryCode,
      owner_agency_id: p.agencyId,
      distribution: 'country',
      shared_with: [],
      created_by: p.userId,
    });
    await recordAudit(trx, p, { action: 'case.create', objectType: 'case', objectId: row.id, details: { reference, via: 'vics.import' } });
    return row;
  }

  private async insertSeizure(trx: Trx, p: Principal, c: CaseRow, label: string, vc: VicsCase): Promise<number> {
    const r = await sql<{ id: number }>`
      INSERT INTO seizures (case_id, label, status, hash_only, owner_country, owner_agency_id, distribution, shared_with, created_by, completed_at)
      VALUES (${c.id}, ${label.slice(0, 300)}, 'complete', true, ${p.countryCode}, ${p.agencyId}, ${c.distribution}, ${c.shared_with}::text[], ${p.userId}, now())
      RETURNING id`.execute(trx);
    const id = r.rows[0]!.id;
    await recordAudit(trx, p, {
      action: 'seizure.create',
      objectType: 'seizure',
      objectId: id,
      details: { caseId: c.id, hashOnly: true, via: 'vics.import', seizureDate: vc.seizureDate },
    });
    return id;
  }

  private async importChunk(
    trx: Trx,
    p: Principal,
    t: { caseId: number; seizureId: number; importId: number; dist: { distribution: Distribution; shared_with: string[] } },
    media: VicsMedia[],
    report: ReportLine[],
    counts: { imported: number; reused: number },
  ): Promise<void> {
    // Existing media by SHA-256, then MD5, then SHA-1.
    const sha256s = media.map((m) => m.sha256).filter((s): s is string => !!s);
    const md5s = media.map((m) => m.md5);
    const sha1s = media.map((m) => m.sha1).filter((s): s is string => !!s);
    const keys = media.map(hashOnlyKey);
    const found = await sql<{ id: number; sha256: string; md5: string | null; sha1: string | null; visible: boolean }>`
      SELECT m.id, m.sha256, m.md5, m.sha1, ${visibleTo(p, 'm')} AS visible FROM media m
      WHERE m.sha256 = ANY(${[...sha256s, ...keys]}::text[]) OR m.md5 = ANY(${md5s}::text[]) OR m.sha1 = ANY(${sha1s}::text[])
      ORDER BY m.id`.execute(trx);
    const bySha256 = new Map<string, (typeof found.rows)[0]>(),
      byMd5 = new Map<string, (typeof found.rows)[0]>(),
      bySha1 = new Map<string, (typeof found.rows)[0]>();
    for (const r of found.rows) {
      bySha256.set(r.sha256, r);
      if (r.md5 && !byMd5.has(r.md5)) byMd5.set(r.md5, r);
      if (r.sha1 && !bySha1.has(r.sha1)) bySha1.set(r.sha1, r);
    }
    const seriesNames = [...new Set(media.map((m) => m.series?.toLowerCase()).filter((s): s is string => !!s))];
    const seriesRows = seriesNames.length
      ? (
          await sql<{ id: number; key: string }>`
      SELECT s.id, lower(s.name) AS key FROM series s WHERE lower(s.name) = ANY(${seriesNames}::text[]) AND ${visibleTo(p, 's')} AND ${ownedBy(p, 's')} ORDER BY s.id`.execute(
            trx,
          )
        ).rows
      : [];
    // Only series the importer owns take its media, as on POST /series/{id}/media (issue 14, item 4).
    const seriesByName = new Map<string, number | null>();
    for (const s of seriesRows) seriesByName.set(s.key, seriesByName.has(s.key) ? null : s.id); // ambiguous names link nothing

    for (let i = 0; i < media.length; i++) {
      const m = media[i]!;
      const existing =
        (m.sha256 ? bySha256.get(m.sha256) : undefined) ?? bySha256.get(keys[i]!) ?? byMd5.get(m.md5) ?? (m.sha1 ? bySha1.get(m.sha1) : undefined);
      let mediaId: number;
      if (existing) {
        mediaId = existing.id;
        counts.reused++;
        // Media the importer may not see are linked without saying so: the report must not reveal them.
        report.push(
          existing.visible
            ? { path: m.path, status: 'reused', message: 'already in the database: linked to the existing media', mediaId }
            : { path: m.path, status: 'imported', message: 'imported as a hash-only contribution' },
        );
      } else {
        const seriesId = m.series ? (seriesByName.get(m.series.toLowerCase()) ?? null) : null;
        const video = (m.mimeType ?? '').toLowerCase().startsWith('video/');
        const r = await sql<{ id: number }>`
          INSERT INTO media (sha256, md5, sha1, size_bytes, media_type, pdq, pdq_quality, exif, hash_only, series_id, category,
                             owner_country, owner_agency_id, distribution, shared_with, first_seizure_id)
          VALUES (${keys[i]!}, ${m.md5}, ${m.sha1}, ${m.size}, ${video ? 'video' : 'image'}, ${m.pdq}, ${m.pdqQuality}, ${JSON.stringify(m.exifs)}::jsonb, true,
                  ${seriesId}, ${m.category}, ${p.countryCode}, ${p.agencyId}, ${t.dist.distribution}, ${t.dist.shared_with}::text[], ${t.seizureId})
          ON CONFLICT (sha256) DO UPDATE SET sha256 = EXCLUDED.sha256 RETURNING id`.execute(trx);
        mediaId = r.rows[0]!.id;
        counts.imported++;
        bySha256.set(keys[i]!, { id: mediaId, sha256: keys[i]!, md5: m.md5, sha1: m.sha1, visible: true });
        report.push({
          path: m.path,
          status: 'imported',
          message: `imported as a hash-only contribution${m.mergedFrom.length ? ` (merged with ${m.mergedFrom.length} more entr${m.mergedFrom.length === 1 ? 'y' : 'ies'})` : ''}`,
          mediaId,
        });
      }
      // Items need a path; an entry without MediaFiles gets one from RelativeFilePath (or its MD5) here, but the
      // claim keeps MediaFiles exactly as given, so the export makes none up.
      const files = m.files.length ? m.files : [splitPath(m.relativeFilePath ?? m.md5)];
      const paths = [...new Set(files.map(itemPath).map((x) => x || m.md5))];
      const photoDnaAlt = m.otherHashes.map((h) => ({ HashName: h.name, HashValue: h.value }));
      for (const path of paths) {
        await sql`
          INSERT INTO seizure_items (seizure_id, path, kind, sha256, md5, sha1, pdq, size_bytes, status, media_id, result, processed_at)
          VALUES (${t.seizureId}, ${path}, 'hash', ${m.sha256}, ${m.md5}, ${m.sha1}, ${m.pdq}, ${m.size}, 'done', ${mediaId}, ${existing ? 'known_exact' : 'new'}, now())
          ON CONFLICT DO NOTHING`.execute(trx);
      }
      await sql`
        INSERT INTO vics_media_claims (media_id, case_id, import_id, category, series_name, victim_identified, offender_identified, is_distributed, tags, comments, mime_type,
                                       vics_media_id, photo_dna, alternative_hashes, media_files, relative_file_path, is_precategorized, is_suspected, date_updated)
        VALUES (${mediaId}, ${t.caseId}, ${t.importId}, ${m.category}, ${m.series}, ${m.victimIdentified}, ${m.offenderIdentified}, ${m.isDistributed}, ${m.tags}, ${m.comments}, ${m.mimeType},
                ${m.mediaId}, ${m.photoDna}, ${JSON.stringify(photoDnaAlt)}::jsonb, ${JSON.stringify(m.hasMediaFiles ? m.files : [])}::jsonb, ${m.relativeFilePath},
                ${m.isPrecategorized}, ${m.isSuspected}, ${m.dateUpdated})
        ON CONFLICT (media_id, case_id) DO UPDATE SET import_id = EXCLUDED.import_id, category = EXCLUDED.category, series_name = EXCLUDED.series_name,
          victim_identified = EXCLUDED.victim_identified, offender_identified = EXCLUDED.offender_identified, is_distributed = EXCLUDED.is_distributed,
          tags = EXCLUDED.tags, comments = EXCLUDED.comments, mime_type = EXCLUDED.mime_type, vics_media_id = EXCLUDED.vics_media_id,
          photo_dna = EXCLUDED.photo_dna, alternative_hashes = EXCLUDED.alternative_hashes, media_files = EXCLUDED.media_files,
          relative_file_path = EXCLUDED.relative_file_path, is_precategorized = EXCLUDED.is_precategorized, is_suspected = EXCLUDED.is_suspected,
          date_updated = EXCLUDED.date_updated`.execute(trx);
    }
  }

  /** A case as a VICS document: its seizures' items grouped by medium, with what the caller may see of each. */
  export(p: Principal, caseId: number, version: VicsVersion, opts: WriteVicsOptions = {}) {
    return this.db.transaction().execute(async (trx) => {
      const c = await this.cases.requireVisible(trx, p, caseId);
      const agency = await trx.selectFrom('agencies').select('name').where('id', '=', c.owner_agency_id).executeTakeFirst();
      const byKey = new Map<string, ExportMedia & { firstItem: number }>();
      let skipped = 0;
      let after = 0;
      for (;;) {
        const page = await caseItemsPage(trx, p, caseId, after, 2000);
        for (const r of page) this.addItem(byKey, r) || skipped++;
        if (page.length < 2000) break;
        after = page[page.length - 1]!.item_id;
      }
      const seizureDate = await sql<{
        d: Date | null;
      }>`SELECT min(z.created_at) AS d FROM seizures z WHERE z.case_id = ${caseId} AND ${visibleTo(p, 'z')}`.execute(trx);
      const media = [...byKey.values()]
        .sort((a, b) => (a.md5 ?? '').localeCompare(b.md5 ?? '') || a.firstItem - b.firstItem)
        .map(({ firstItem: _f, ...m }) => m);
      const ec: ExportCase = {
        caseId: String(c.id),
        caseNumber: c.reference,
        title: c.title,
        contactOrganization: agency?.name ?? '',
        contactName: p.displayName,
        contactEmail: p.via === 'system' ? '' : p.email,
        seizureDate: seizureDate.rows[0]?.d ? new Date(seizureDate.rows[0].d).toISOString() : null,
        media,
      };
      // A case that came from a VICS file writes back the header it was given (the case is visible: checked above).
      const kept = await trx.selectFrom('vics_case_claims').selectAll().where('case_id', '=', caseId).executeTakeFirst();
      if (kept) {
        Object.assign(ec, {
          caseId: kept.vics_case_id ?? ec.caseId,
          caseNumber: kept.case_number ?? ec.caseNumber,
          contactOrganization: kept.contact_organization ?? '',
          contactName: kept.contact_name ?? '',
          contactEmail: kept.contact_email ?? '',
          contactPhone: kept.contact_phone ?? '',
          contactTitle: kept.contact_title ?? '',
          seizureDate: kept.seizure_date,
          metadata: Array.isArray(kept.case_metadata) ? (kept.case_metadata as Array<{ name: string; value: string }>) : undefined,
        });
      }
      await recordAudit(trx, p, {
        action: 'vics.export',
        objectType: 'case',
        objectId: caseId,
        details: { version, ...opts, media: media.length, skippedWithoutMd5: skipped },
      });
      return { document: writeVics(version, [ec], opts), media: media.length, skipped };
    });
  }

  /** Folds one seizure item into the export; false when it cannot be exported (no MD5 known). */
  private addItem(byKey: Map<string, ExportMedia & { firstItem: number }>, r: CaseItemRow): boolean {
    const visible = r.media_id !== null && r.visible === true;
    const md5 = (visible ? r.md5 : null) ?? r.item_md5;
    if (!md5) return false;
    const key = visible ? `m${r.media_id}` : `h${md5}`;
    const file = splitPath(r.path);
    const prev = byKey.get(key);
    if (prev) {
      if (!prev.files.some((f) => f.fileName === file.fileName && f.filePath === file.filePath)) prev.files.push(file);
      return true;
    }
    const exif: Record<string, string> = {};
    if (visible && r.exif && typeof r.exif === 'object' && !Array.isArray(r.exif)) {
      for (const [k, v] of Object.entries(r.exif as Record<string, unknown>))
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') exif[k] = String(v);
    }
    const claim = r.has_claim
      ? {
          vicsMediaId: r.claim_vics_media_id !== null ? Number(r.claim_vics_media_id) : null,
          photoDna: r.claim_photo_dna,
          otherHashes: Array.isArray(r.claim_alternative_hashes)
            ? (r.claim_alternative_hashes as Array<{ HashName: string; HashValue: string }>).map((h) => ({ name: h.HashName, value: h.HashValue }))
            : [],
          mediaFiles: Array.isArray(r.claim_media_files) ? (r.claim_media_files as VicsMediaFile[]) : undefined,
          relativeFilePath: r.claim_relative_path,
          isPrecategorized: r.claim_precategorized,
          isSuspected: r.claim_suspected,
        }
      : {};
    byKey.set(
      key,
      visible
        ? {
            firstItem: r.item_id,
            mediaId: r.media_id!,
            md5,
            sha1: r.sha1 ?? r.item_sha1,
            sha256: r.sha256,
            pdq: r.pdq ?? r.item_pdq,
            category: r.category ?? r.claim_category,
            size: r.size_bytes !== null ? Number(r.size_bytes) : r.item_size !== null ? Number(r.item_size) : null,
            // The same flags as the CSV hash lists (repository.ts exchangeFlags): one source of truth.
            victimIdentified: r.victim_identified,
            offenderIdentified: r.offender_identified,
            isDistributed: r.is_distributed,
            series: r.series_name,
            tags: r.claim_tags,
            comments: r.claim_comments,
            mimeType: r.claim_mime ?? (r.format ? (MIME_BY_FORMAT[r.format.toLowerCase()] ?? null) : null),
            dateUpdated: r.has_claim && r.claim_date_updated ? r.claim_date_updated : r.created_at ? new Date(r.created_at).toISOString() : null,
            files: [file],
            exifs: exif,
            ...claim,
          }
        : {
            firstItem: r.item_id,
            mediaId: 0,
            md5,
            sha1: r.item_sha1,
            sha256: r.item_sha256,
            pdq: r.item_pdq,
            category: null,
            size: r.item_size !== null ? Number(r.item_size) : null,
            victimIdentified: null,
            offenderIdentified: null,
            isDistributed: null,
            series: null,
            tags: null,
            comments: null,
            mimeType: null,
            dateUpdated: null,
            files: [file],
            exifs: {},
          },
    );
    return true;
  }
}
