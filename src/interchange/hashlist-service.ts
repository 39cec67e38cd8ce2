// Hash-list export: only the media the caller may see, filtered, read in keyset pages inside one
// transaction that also records the audit row.
import type { Db } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { recordAudit } from '../audit/audit.js';
import { BadRequestError } from '../shared/errors.js';
import { hashListHeader, hashListLine, type HashListFormat } from './hashlist.js';
import { hashListPage, type HashListFilter } from './repository.js';

export const HASHLIST_CONTENT_TYPE: Record<HashListFormat, string> = {
  icse: 'text/csv; charset=utf-8',
  pdq: 'text/plain; charset=utf-8',
  te: 'text/plain; charset=utf-8',
  'pdq-quality': 'text/plain; charset=utf-8',
  md5: 'text/plain; charset=utf-8',
  sha1: 'text/plain; charset=utf-8',
};

/** CLI filter words: victim-identified, no-victim-identified, offender-identified, baseline, category=N, series=ID, case=ID, video, image. */
export function parseFilterWords(words: string[]): HashListFilter {
  const f: HashListFilter = {};
  for (const raw of words
    .flatMap((w) => w.split(','))
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean)) {
    const [k, v] = raw.split('=') as [string, string | undefined];
    const int = () => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new BadRequestError(`filter ${raw}: expected ${k}=<number>`);
      return n;
    };
    switch (k) {
      case 'victim-identified':
        f.victimIdentified = true;
        break;
      case 'no-victim-identified':
      case 'victim-unidentified':
        f.victimIdentified = false;
        break;
      case 'offender-identified':
        f.offenderIdentified = true;
        break;
      case 'no-offender-identified':
        f.offenderIdentified = false;
        break;
      case 'baseline':
        f.baseline = true;
        break;
      case 'category':
        f.category = int();
        if (f.category > 4) throw new BadRequestError('category is 0..4 (VICS US)');
        break;
      case 'series':
        f.seriesId = int();
        break;
      case 'case':
        f.caseId = int();
        break;
      case 'image':
      case 'video':
        f.mediaType = k;
        break;
      default:
        throw new BadRequestError(
          `unknown filter ${JSON.stringify(raw)} (known: victim-identified, no-victim-identified, offender-identified, no-offender-identified, baseline, category=N, series=ID, case=ID, image, video)`,
        );
    }
  }
  return f;
}

export class HashListService {
  constructor(private readonly db: Db) {}

  export(p: Principal, format: HashListFormat, filter: HashListFilter): Promise<{ body: string; count: number; contentType: string }> {
    return this.db.transaction().execute(async (trx) => {
      const lines: string[] = [];
      const header = hashListHeader(format);
      if (header) lines.push(header);
      let count = 0;
      let after = 0;
      for (;;) {
        const page = await hashListPage(trx, p, filter, after, 5000);
        for (const r of page) {
          const line = hashListLine(format, {
            mediaId: r.id,
            md5: r.md5,
            sha1: r.sha1,
            pdq: r.pdq,
            pdqQuality: r.pdq_quality,
            isDistributed: r.is_distributed,
            victimIdentified: r.victim_identified,
            offenderIdentified: r.offender_identified,
            seriesName: r.series_name,
            submissions: r.submissions,
            fileAvailable: r.stored,
            mediaType: r.media_type,
            baseline: r.baseline === true,
          });
          if (line !== null) {
            lines.push(line);
            count++;
          }
        }
        if (page.length < 5000) break;
        after = page[page.length - 1]!.id;
      }
      await recordAudit(trx, p, { action: 'hashlist.export', objectType: 'media', details: { format, filter: { ...filter }, count } });
      return { body: lines.length ? lines.join('\n') + '\n' : '', count, contentType: HASHLIST_CONTENT_TYPE[format] };
    });
  }
}
