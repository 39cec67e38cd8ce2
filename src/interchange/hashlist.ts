// Hash-list formats exchanged with hotlines, industry and forensic tools. Pure: no I/O.
//  - ICSE export: `;`-separated, header ICSE_HEADER (as read by IPED HashDBTool), flags Yes/No.
//  - `pdq`: one lowercase PDQ hash a line, as python-threatexchange's file exchange reads it with
//    signal_type=pdq (threatexchange/exchanges/impl/file_api.py, docs/interop.md);
//  - `te`: `<signal_type> <hash>` a line (`pdq …` for images, `video_md5 …` for videos), the same reader's
//    default layout and what its report_opinion appends;
//  - `pdq-quality`: `hash,quality,id` lines (ICSE's own layout before, kept for scripts that read it);
//  - plain MD5 / SHA-1 lists: one hash a line.
// Reading accepts those, any CSV/TSV with a header naming md5/sha1/sha256/pdq columns, and VICS JSON.
import { isHashHex } from '../hashing/hex.js';
import { csvField, csvRecords, firstDataLine } from './csv.js';
import { parseVics, VicsFormatError } from './vics-parse.js';

export const ICSE_HEADER =
  'MD5;SHA1;PhotoDNA;Image ID;Is distributed;Victim identified;Offender identified;Series name;Number of submissions;File Available;Media Type;Baseline';
export const HASHLIST_FORMATS = ['icse', 'pdq', 'te', 'pdq-quality', 'md5', 'sha1'] as const;
export type HashListFormat = (typeof HASHLIST_FORMATS)[number];

export interface HashListRow {
  mediaId: number;
  md5: string | null;
  sha1: string | null;
  pdq: string | null;
  pdqQuality: number | null;
  isDistributed: boolean;
  victimIdentified: boolean;
  offenderIdentified: boolean;
  seriesName: string | null;
  submissions: number;
  fileAvailable: boolean;
  mediaType: 'image' | 'video';
  baseline: boolean;
}

const yesNo = (b: boolean) => (b ? 'Yes' : 'No');

/** The header line (if any) of a format. */
export function hashListHeader(format: HashListFormat): string | null {
  return format === 'icse' ? ICSE_HEADER : null;
}

/** One output line for a row, or null when the row lacks the format's hash. */
export function hashListLine(format: HashListFormat, r: HashListRow): string | null {
  switch (format) {
    case 'md5':
      return r.md5;
    case 'sha1':
      return r.sha1;
    case 'pdq':
      return r.pdq ? r.pdq.toLowerCase() : null;
    case 'te':
      if (r.mediaType === 'video') return r.md5 ? `video_md5 ${r.md5.toLowerCase()}` : null;
      return r.pdq ? `pdq ${r.pdq.toLowerCase()}` : null;
    case 'pdq-quality':
      return r.pdq ? `${r.pdq},${r.pdqQuality ?? ''},${r.mediaId}` : null;
    case 'icse':
      if (!r.md5 && !r.sha1) return null;
      return [
        r.md5 ?? '',
        r.sha1 ?? '',
        '',
        String(r.mediaId),
        yesNo(r.isDistributed),
        yesNo(r.victimIdentified),
        yesNo(r.offenderIdentified),
        r.seriesName ?? '',
        String(r.submissions),
        yesNo(r.fileAvailable),
        r.mediaType === 'video' ? 'Video' : 'Image',
        yesNo(r.baseline),
      ]
        .map((v) => csvField(v, ';'))
        .join(';');
  }
}

// ---------------------------------------------------------------- reading

export interface HashEntry {
  line: number;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  pdq: string | null;
  pdqQuality: number | null;
  label: string;
  metadata: Record<string, string>;
}
export interface HashListRejection {
  line: number;
  message: string;
}
export interface ParsedHashList {
  format: string;
  entries: HashEntry[];
  rejected: HashListRejection[];
  notes: string[];
}

export class HashListFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HashListFormatError';
  }
}

const COLUMN_ALIASES: Record<string, 'md5' | 'sha1' | 'sha256' | 'pdq' | 'quality' | 'label'> = {
  md5: 'md5',
  sha1: 'sha1',
  sha256: 'sha256',
  pdq: 'pdq',
  pdqhash: 'pdq',
  hash: 'pdq',
  quality: 'quality',
  pdqquality: 'quality',
  imageid: 'label',
  id: 'label',
  label: 'label',
  name: 'label',
  filename: 'label',
  contentid: 'label',
};
const normCol = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Reads a hash list. `kind` settles bare 64-hex lines (SHA-256 or PDQ look alike).
 * Structural problems throw HashListFormatError; bad lines are rejected with their line number.
 */
export function parseHashList(input: string | Uint8Array, opts: { kind?: 'sha256' | 'pdq' } = {}): ParsedHashList {
  let text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const trimmed = text.trimStart();
  if (!trimmed) throw new HashListFormatError('the file is empty');
  if (trimmed.startsWith('{')) return fromVics(text);

  const first = firstDataLine(text, true).trim();
  const records = csvRecords(text, { comments: true, error: (m) => new HashListFormatError(m) });
  if (!records.length) throw new HashListFormatError('the file holds only comments and blank lines');
  const { line: firstLine, cells: firstCells } = records[0]!;
  const teLine = (c: string) => /^(pdq|video_md5)\s+[0-9a-f]{32,64}$/i.test(c.trim());
  const hasHeader = firstCells.some((c) => /[g-z]/i.test(c)) && !firstCells.some((c) => /^[0-9a-f]{32,64}$/i.test(c) || teLine(c));

  const entries: HashEntry[] = [];
  const rejected: HashListRejection[] = [];
  const notes: string[] = [];
  let format: string;

  if (hasHeader) {
    const roles = firstCells.map((c) => COLUMN_ALIASES[normCol(c)]);
    if (!roles.some((r) => r === 'md5' || r === 'sha1' || r === 'sha256' || r === 'pdq')) {
      throw new HashListFormatError(`line ${firstLine}: the header names no hash column (expected MD5, SHA1, SHA256 or PDQ): ${first.slice(0, 120)}`);
    }
    format = first.toUpperCase().startsWith('MD5;SHA1;PHOTODNA') ? 'icse' : 'csv';
    for (const { line, cells } of records.slice(1)) {
      const e: HashEntry = { line, md5: null, sha1: null, sha256: null, pdq: null, pdqQuality: null, label: '', metadata: {} };
      const problems: string[] = [];
      cells.forEach((v, c) => {
        const role = roles[c];
        const name = firstCells[c] ?? `column ${c + 1}`;
        if (!v) return;
        if (role === 'md5' || role === 'sha1' || role === 'sha256' || role === 'pdq') {
          if (isHashHex(role, v)) e[role] = v.toLowerCase();
          else problems.push(`${name}: not a ${role === 'md5' ? '32' : role === 'sha1' ? '40' : '64'}-hex ${role.toUpperCase()}`);
        } else if (role === 'quality') {
          const q = Number(v);
          if (Number.isInteger(q) && q >= 0 && q <= 100) e.pdqQuality = q;
        } else if (role === 'label') e.label = v;
        else e.metadata[name] = v;
      });
      if (problems.length) rejected.push({ line, message: problems.join('; ') });
      else if (!e.md5 && !e.sha1 && !e.sha256 && !e.pdq) rejected.push({ line, message: 'no hash on this line' });
      else entries.push(e);
    }
  } else {
    format = 'lines';
    for (const { line, cells: raw } of records) {
      // python-threatexchange file exchange lines: `<signal_type> <hash>` (pdq, video_md5).
      const typed = raw.length === 1 ? /^(pdq|video_md5)\s+([0-9a-fA-F]{32,64})$/.exec(raw[0]!.trim()) : null;
      if (typed) format = 'te';
      const cells = typed ? [typed[2]!, ...(typed[1] === 'pdq' ? [''] : [])] : raw;
      const [h = '', q, label] = cells;
      const e: HashEntry = { line, md5: null, sha1: null, sha256: null, pdq: null, pdqQuality: null, label: label ?? '', metadata: {} };
      const quality = q !== undefined && q !== '' ? Number(q) : null;
      if (typed?.[1] === 'video_md5' && !isHashHex('md5', h)) {
        rejected.push({ line, message: `video_md5: not a 32-hex MD5` });
        continue;
      }
      if (isHashHex('md5', h)) e.md5 = h.toLowerCase();
      else if (isHashHex('sha1', h)) e.sha1 = h.toLowerCase();
      else if (isHashHex('pdq', h)) {
        // A quality column marks a PDQ list; otherwise the caller must say which 64-hex hash this is.
        const kind = quality !== null || typed?.[1] === 'pdq' ? 'pdq' : opts.kind;
        if (!kind) throw new HashListFormatError(`line ${line}: a bare 64-hex hash may be a SHA-256 or a PDQ hash; say which (kind=sha256 or kind=pdq)`);
        e[kind] = h.toLowerCase();
        if (kind === 'pdq' && quality !== null && Number.isInteger(quality) && quality >= 0 && quality <= 100) e.pdqQuality = quality;
      } else {
        rejected.push({ line, message: `not an MD5 (32 hex), SHA-1 (40 hex), SHA-256 or PDQ (64 hex): ${JSON.stringify(h.slice(0, 70))}` });
        continue;
      }
      if (q !== undefined && !e.pdq) e.label = q; // "hash,label" lists
      entries.push(e);
    }
  }
  if (!entries.length && !rejected.length) notes.push('the list holds no hash');
  return { format, entries, rejected, notes };
}

function fromVics(text: string): ParsedHashList {
  try {
    const parsed = parseVics(text);
    const entries: HashEntry[] = [];
    for (const c of parsed.cases)
      for (const m of c.media) {
        entries.push({
          line: 0,
          md5: m.md5,
          sha1: m.sha1,
          sha256: m.sha256,
          pdq: m.pdq,
          pdqQuality: m.pdqQuality,
          label: m.mediaId !== null ? String(m.mediaId) : m.path,
          metadata: Object.fromEntries(
            Object.entries({ category: m.category, series: m.series })
              .filter(([, v]) => v !== null)
              .map(([k, v]) => [k, String(v)]),
          ),
        });
      }
    return {
      format: `vics-${parsed.version}`,
      entries,
      rejected: parsed.report.filter((r) => r.status === 'rejected').map((r) => ({ line: 0, message: `${r.path}: ${r.message}` })),
      notes: parsed.report.filter((r) => r.status !== 'rejected').map((r) => `${r.path}: ${r.message}`),
    };
  } catch (err) {
    if (err instanceof VicsFormatError) throw new HashListFormatError(`VICS file: ${err.message}`);
    throw err;
  }
}
