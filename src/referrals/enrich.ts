// What ICSE already knows about a reported file, found by its hashes (no media bytes are ever received):
//  1. known-exact: SHA-256, else MD5, else SHA-1 of a stored medium (database indexes, batched for the report);
//  2. known-near: the file's PDQ within 31 bits of a known still or video frame, through the live match
//     index (ctx.matcher via the seizures' imageCandidates). One PDQ per file, so no dihedral variants:
//     a provider's hash of a mirrored or rotated copy is found only if that copy is itself known;
//  3. new otherwise.
// The verdict is a snapshot taken at upload. What the reader may learn about the known medium is decided at
// read time with the seizure triage's redaction (presentTriageRow): a restricted owner is only "known to X".
import type { AppContext } from '../context.js';
import type { Principal } from '../access/principal.js';
import type { Trx } from '../db/types.js';
import { imageCandidates } from '../seizures/near.js';
import { presentTriageRow } from '../seizures/triage.js';
import type { ParsedFile } from './parse.js';
import { referralsRepo, type FileKnownRow } from './repository.js';
import type { FileResult } from './tables.js';

export interface Enrichment {
  result: FileResult;
  mediaId: number | null;
  distance: number | null;
  stage: string | null;
  match: Record<string, unknown> | null;
}

const NEW: Enrichment = { result: 'new', mediaId: null, distance: null, stage: null, match: null };

/**
 * Verdicts for every file of a report, in order. The caller has started the match index (ctx.matcher.start())
 * before opening `trx`: on PGlite a load on the outer connection inside a transaction would deadlock.
 */
export async function enrichFiles(ctx: AppContext, trx: Trx, files: ParsedFile[]): Promise<Enrichment[]> {
  const distinct = (k: 'sha256' | 'md5' | 'sha1') => [...new Set(files.flatMap((f) => (f[k] ? [f[k]!] : [])))];
  const bySha256 = await referralsRepo.exactByHash(trx, 'sha256', distinct('sha256'));
  const byMd5 = await referralsRepo.exactByHash(trx, 'md5', distinct('md5'));
  const bySha1 = await referralsRepo.exactByHash(trx, 'sha1', distinct('sha1'));
  const near = new Map<string, Enrichment>();
  const out: Enrichment[] = [];
  for (const f of files) {
    const exact =
      (f.sha256 && bySha256.has(f.sha256) && (['sha256', bySha256.get(f.sha256)!] as const)) ||
      (f.md5 && byMd5.has(f.md5) && (['md5', byMd5.get(f.md5)!] as const)) ||
      (f.sha1 && bySha1.has(f.sha1) && (['sha1', bySha1.get(f.sha1)!] as const));
    if (exact) {
      const [stage, mediaId] = exact;
      out.push({ result: 'known_exact', mediaId, distance: 0, stage, match: { mediaId, distance: 0, stage } });
      continue;
    }
    if (!f.pdq) {
      out.push(NEW);
      continue;
    }
    let verdict = near.get(f.pdq);
    if (!verdict) {
      const best = (await imageCandidates(ctx, trx, [f.pdq])).reduce<Awaited<ReturnType<typeof imageCandidates>>[number] | undefined>(
        (a, c) => (!a || c.distance < a.distance ? c : a),
        undefined,
      );
      verdict = best ? { result: 'known_near', mediaId: best.mediaId, distance: best.distance, stage: 'pdq', match: best.match } : NEW;
      near.set(f.pdq, verdict);
    }
    out.push(verdict);
  }
  return out;
}

type TriageInput = Parameters<typeof presentTriageRow>[1];

/** A file as the reader may see it: its hashes, the verdict and — redacted per the owner's distribution — what is known. */
export function presentFile(p: Principal, f: FileKnownRow) {
  // The seizure triage's redaction, fed the same columns (the report file stands in for a hash-only item).
  const row: TriageInput = {
    ...f,
    path: f.name ?? '',
    kind: 'hash',
    status: 'done',
    error_reason: null,
    error_message: null,
    note: null,
    media_id: null,
    match: f.match as TriageInput['match'],
  };
  const known = presentTriageRow(p, row).known;
  return { fileId: f.id, name: f.name, md5: f.md5, sha1: f.sha1, sha256: f.sha256, pdq: f.pdq, result: f.result, known };
}
export type PresentedFile = ReturnType<typeof presentFile>;
