// Receiving material: streamed files and archives into the encrypted store, or hash lists for material that
// may not leave its country. Items are written in batches, each batch with its processing jobs and its
// audit row in one transaction; re-sending what is already held for the seizure is a no-op.
import type { Readable } from 'node:stream';
import type { AppContext } from '../context.js';
import type { Principal } from '../access/principal.js';
import { recordAudit } from '../audit/audit.js';
import { BadRequestError, ConflictError, PayloadTooLargeError } from '../shared/errors.js';
import { isHashHex } from '../hashing/index.js';
import { CsvParser, csvRecords, type CsvRecord } from '../interchange/csv.js';
import { cleanText, hasBadText } from '../shared/text.js';
import { MediaStoreError } from '../media/store.js';
import { LimitError, expand, type ArchiveLimits } from './archive.js';
import { seizuresRepo, type NewItem } from './repository.js';
import { SeizureService } from './service.js';
import { yieldToLoop } from '../shared/event-loop.js';
import { span } from '../shared/spans.js';

export const PROCESS_QUEUE = 'ingest.process';
export const JOB_BATCH = 16;
const FLUSH_EVERY = 64;

// A type alias, not an interface: the route's response schema types its reply as an open object.
export type UploadSummary = {
  files: number;
  added: number;
  alreadyHeld: number;
  errors: number;
};
/** A file to receive; `refused` (no stream): a link or special file met while walking a folder, recorded as an error item. */
export type IncomingFile =
  { name: string; stream: Readable; refused?: undefined } | { name: string; stream: null; refused: { reason: string; message: string } };

export class IngestService {
  private readonly seizures: SeizureService;
  constructor(
    private readonly ctx: AppContext,
    seizures: SeizureService,
    private readonly limits: Partial<ArchiveLimits> = {},
  ) {
    this.seizures = seizures;
  }

  /** Writes a batch of items, their jobs and an audit row in one transaction. */
  private async flush(p: Principal, seizureId: number, items: NewItem[], action: string): Promise<{ added: number; errors: number }> {
    if (!items.length) return { added: 0, errors: 0 };
    return this.ctx.db.transaction().execute(async (trx) => {
      const rows = await seizuresRepo.insertItems(trx, seizureId, items);
      const pending = rows.filter((r) => r.status === 'pending').map((r) => r.id);
      const jobs: Array<{ seizureId: number; itemIds: number[] }> = [];
      for (let i = 0; i < pending.length; i += JOB_BATCH) jobs.push({ seizureId, itemIds: pending.slice(i, i + JOB_BATCH) });
      await this.ctx.jobs.sendMany(PROCESS_QUEUE, jobs, { trx, retryLimit: 5, retryDelay: 5 });
      if (rows.length) await seizuresRepo.markProcessing(trx, seizureId);
      if (!pending.length) await seizuresRepo.completeIfDone(trx, seizureId);
      await recordAudit(trx, p, {
        action,
        objectType: 'seizure',
        objectId: seizureId,
        details: { received: items.length, added: rows.length, alreadyHeld: items.length - rows.length, itemIds: rows.map((r) => r.id) },
      });
      return { added: rows.length, errors: rows.length - pending.length };
    });
  }

  /** Streams files (archives are expanded) into the store and records them as items of the seizure. */
  /**
   * `connectionLost` tells a file cut off by the client's connection (navigation away, network cut) from a file
   * that failed here: the cut one is not recorded, so the seizure holds no error for it and the client re-sends it.
   */
  async addFiles(
    p: Principal,
    seizureId: number,
    files: AsyncIterable<IncomingFile>,
    onFile?: (summary: UploadSummary) => void,
    opts: { connectionLost?: () => boolean } = {},
  ): Promise<UploadSummary> {
    const seizure = await this.ctx.db.transaction().execute((trx) => this.seizures.requireWritable(trx, p, seizureId));
    if (seizure.hash_only) throw new ConflictError('this seizure is hash-only: its material may not leave the country; submit hashes to /hashes instead');
    const summary: UploadSummary = { files: 0, added: 0, alreadyHeld: 0, errors: 0 };
    let buffer: NewItem[] = [];
    const seenPaths = new Map<string, number>();
    const uniquePath = (path: string) => {
      // The same name twice in one archive is two entries: keep both, distinguishable and stable on re-send.
      const n = (seenPaths.get(path) ?? 0) + 1;
      seenPaths.set(path, n);
      return n === 1 ? path : `${path} (copy ${n})`;
    };
    const push = async (item: NewItem) => {
      buffer.push(item);
      summary.files++;
      if (buffer.length >= FLUSH_EVERY) await drain();
      onFile?.(summary);
    };
    const drain = async () => {
      const batch = buffer;
      buffer = [];
      const r = await span('upload: items, jobs and audit (one transaction)', () => this.flush(p, seizureId, batch, 'seizure.upload'));
      summary.added += r.added;
      summary.alreadyHeld += batch.length - r.added;
      summary.errors += r.errors;
    };
    const store = this.ctx.mediaStore;
    const sink = {
      file: async (path: string, stream: Readable) => {
        const itemPath = uniquePath(path);
        try {
          const o = await span('upload: receive (hash + encrypt + write)', () => store.put(stream, { limit: this.ctx.config.uploadLimitBytes }));
          await push({ path: itemPath, sha256: o.sha256, md5: o.md5, sha1: o.sha1, size_bytes: o.size });
        } catch (err) {
          stream.resume();
          if (opts.connectionLost?.()) return;
          if (err instanceof LimitError) {
            await push({ path: itemPath, sha256: null, status: 'error', error_reason: err.reason, error_message: err.message });
            return;
          }
          const tooLarge = (err instanceof MediaStoreError && err.reason === 'too_large') || (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE';
          await push({
            path: itemPath,
            sha256: null,
            status: 'error',
            error_reason: tooLarge ? 'too_large' : 'upload_failed',
            error_message: tooLarge
              ? `the file is larger than the ${this.ctx.config.uploadLimitBytes}-byte upload limit`
              : `the file could not be received: ${(err as Error).message}`,
          });
        }
      },
      error: async (path: string, reason: string, message: string) => {
        await push({ path: uniquePath(path), sha256: null, status: 'error', error_reason: reason, error_message: message });
      },
    };
    const badNames: string[] = [];
    try {
      for await (const f of files) {
        if (f.refused) {
          await sink.error(cleanText(f.name), f.refused.reason, f.refused.message);
          continue;
        }
        if (hasBadText(f.name)) {
          // A name that cannot be stored: this file is refused (the request answers 400), the others are kept.
          f.stream.resume();
          badNames.push(JSON.stringify(cleanText(f.name.replace(/\0/g, '\\0'))));
          continue;
        }
        const name = f.name.replace(/\\/g, '/').replace(/^\/+/, '').slice(0, 500) || 'unnamed';
        await expand(name, f.stream, sink, { limits: { maxFileBytes: this.ctx.config.uploadLimitBytes, ...this.limits }, scratch: () => store.scratchPath() });
      }
    } finally {
      // What arrived before a broken connection is kept: the client re-sends the rest.
      await drain();
    }
    if (badNames.length) {
      throw new BadRequestError(
        `file name ${badNames.join(', ')} holds a NUL character or invalid UTF-8: ${badNames.length === 1 ? 'that file was' : 'those files were'} not received; rename and send again. ` +
          `The other ${summary.files} file(s) were received.`,
        { ...summary, refusedNames: badNames },
      );
    }
    return summary;
  }

  /**
   * Hash-only submission: rows from a CSV stream (hashCsvRows) or a JSON array, written in batches of
   * HASH_BATCH lines (each its own short transaction), yielding to the event loop between batches, so a
   * million-line list never holds the database or the server for long.
   */
  async addHashes(p: Principal, seizureId: number, rows: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>): Promise<UploadSummary> {
    await this.ctx.db.transaction().execute((trx) => this.seizures.requireWritable(trx, p, seizureId));
    const summary: UploadSummary = { files: 0, added: 0, alreadyHeld: 0, errors: 0 };
    let batch: NewItem[] = [];
    const write = async () => {
      const res = await this.flush(p, seizureId, batch, 'seizure.hashes');
      summary.added += res.added;
      summary.alreadyHeld += batch.length - res.added;
      summary.errors += res.errors;
      batch = [];
      await yieldToLoop();
    };
    for await (const r of rows) {
      batch.push(hashLineToItem(r, ++summary.files));
      if (batch.length >= HASH_BATCH) await write();
    }
    if (batch.length) await write();
    if (!summary.files) throw new BadRequestError('no hash lines in the submission');
    return summary;
  }
}

/** Lines of a hash list per transaction: small enough that other requests wait little for the database. */
export const HASH_BATCH = 100;

function hashLineToItem(r: Record<string, unknown>, line: number): NewItem {
  const badText = Object.entries(r).find(([, v]) => typeof v === 'string' && hasBadText(v));
  if (badText) {
    return {
      path: `line ${line}`,
      kind: 'hash',
      sha256: null,
      status: 'error',
      error_reason: 'bad_text',
      error_message: `line ${line}: the ${badText[0]} field holds a NUL character or invalid UTF-8; fix the list and send this line again`,
    };
  }
  const get = (k: string) => {
    const v = r[k] ?? r[k.toUpperCase()];
    return typeof v === 'string' && v.trim() ? v.trim().toLowerCase() : null;
  };
  const name = [r.name, r.path, r.filename, r.file].find((v) => typeof v === 'string' && v.trim()) as string | undefined;
  const path = (name?.trim() || `line ${line}`).slice(0, 1000);
  const h = { md5: get('md5'), sha1: get('sha1'), sha256: get('sha256'), pdq: get('pdq') };
  const bad = (Object.keys(h) as Array<keyof typeof h>).filter((k) => h[k] !== null && !isHashHex(k, h[k]));
  if (bad.length || (!h.md5 && !h.sha1 && !h.sha256 && !h.pdq)) {
    return {
      path,
      kind: 'hash',
      sha256: null,
      status: 'error',
      error_reason: 'bad_hash',
      error_message: bad.length ? `line ${line}: ${bad.join(', ')} is not a valid hexadecimal hash` : `line ${line}: no md5, sha1, sha256 or pdq value`,
    };
  }
  return { path, kind: 'hash', ...h };
}

/** Parses a CSV hash list: a header row, then one row per file (separator detected, RFC 4180 quotes, '#' comments). */
export function parseHashCsv(text: string): Array<Record<string, string>> {
  const records = csvRecords(text, { comments: true, error: (m) => new BadRequestError(m) });
  if (!records.length) return [];
  const header = hashCsvHeader(records[0]!.cells);
  return records.slice(1).map((r) => Object.fromEntries(r.cells.map((v, i) => [header[i] ?? `col${i}`, v])));
}

function hashCsvHeader(cells: string[]): string[] {
  const header = cells.map((h) => h.toLowerCase());
  if (!header.some((h) => ['md5', 'sha1', 'sha256', 'pdq'].includes(h)))
    throw new BadRequestError('the CSV header must name at least one of md5, sha1, sha256, pdq');
  return header;
}

/** Bytes of CSV read at a time before the server serves others (the parser is linear; this bounds each turn). */
const CSV_SLICE = 64 * 1024;

/**
 * A CSV hash list read as it streams in: decoded (UTF-8; invalid sequences become U+FFFD), parsed and
 * yielded row by row, a slice at a time with a turn of the event loop between slices. Refuses more than
 * `limitBytes`.
 */
export async function* hashCsvRows(source: AsyncIterable<Buffer | string>, limitBytes: number): AsyncGenerator<Record<string, string>> {
  const parser = new CsvParser({ comments: true, error: (m) => new BadRequestError(m) });
  const decoder = new TextDecoder('utf-8');
  let header: string[] | null = null;
  let bytes = 0;
  const rows = function* (records: CsvRecord[]) {
    for (const r of records) {
      if (!header) {
        header = hashCsvHeader(r.cells);
        continue;
      }
      const h = header;
      yield Object.fromEntries(r.cells.map((v, i) => [h[i] ?? `col${i}`, v]));
    }
  };
  for await (const chunk of source) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    bytes += buf.length;
    if (bytes > limitBytes) throw new PayloadTooLargeError(`the hash list is larger than the ${limitBytes}-byte limit; split it`);
    for (let off = 0; off < buf.length; off += CSV_SLICE) {
      yield* rows(parser.push(decoder.decode(buf.subarray(off, off + CSV_SLICE), { stream: true })));
      await yieldToLoop();
    }
  }
  yield* rows(parser.push(decoder.decode()));
  yield* rows(parser.end());
}
