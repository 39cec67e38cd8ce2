// Reading a provider's bulk report, row by row: a bad row is rejected with a reason, never the batch.
//  - JSON: an array of incidents {incidentId, incidentTime, country, account, username, ip, files: [{name, md5, sha1, sha256, pdq}]};
//  - CSV: a header and one line per reported file; lines with the same incident id are one incident (its
//    fields from the first accepted line; a later line that contradicts them is rejected).
// Field names are matched loosely (case, '_', '-', spaces ignored; a few aliases). Hashes are validated
// with src/hashing (parseHashHex), so the reasons read as elsewhere in ICSE.
import { isIP } from 'node:net';
import { BadRequestError } from '../shared/errors.js';
import { HashFormatError, parseHashHex, type HashKind } from '../hashing/hex.js';
import { csvRecords } from '../interchange/csv.js';
import type { Rejection } from './tables.js';

export const MAX_ROWS = 50_000;
export const MAX_FILES_PER_INCIDENT = 1000;
const HASH_KINDS: HashKind[] = ['md5', 'sha1', 'sha256', 'pdq'];

export interface ParsedFile {
  name: string | null;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  pdq: string | null;
}
export interface ParsedIncident {
  row: number;
  incidentId: string;
  incidentAt: Date | null;
  providerCountry: string | null;
  account: string | null;
  username: string | null;
  ip: string | null;
  files: ParsedFile[];
}
export interface ParsedReport {
  format: 'json' | 'csv';
  rowsTotal: number;
  incidents: ParsedIncident[];
  rejections: Rejection[];
}

const ALIASES: Record<string, string> = {
  incidentid: 'incidentId',
  providerincidentid: 'incidentId',
  id: 'incidentId',
  incidenttime: 'incidentTime',
  incidentat: 'incidentTime',
  time: 'incidentTime',
  timestamp: 'incidentTime',
  datetime: 'incidentTime',
  date: 'incidentTime',
  country: 'country',
  countrycode: 'country',
  countryiso: 'country',
  account: 'account',
  accountid: 'account',
  offenderaccount: 'account',
  userid: 'account',
  username: 'username',
  offenderusername: 'username',
  screenname: 'username',
  ip: 'ip',
  ipaddress: 'ip',
  offenderip: 'ip',
  files: 'files',
  name: 'name',
  filename: 'name',
  file: 'name',
  path: 'name',
  md5: 'md5',
  sha1: 'sha1',
  sha256: 'sha256',
  pdq: 'pdq',
};
const canonical = (key: string) => ALIASES[key.toLowerCase().replace(/[^a-z0-9]/g, '')];

/** The object's fields under their canonical names (unknown fields are ignored). */
function fields(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    const c = canonical(k);
    if (c && out[c] === undefined) out[c] = v;
  }
  return out;
}

class RowError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

function text(v: unknown, what: string, max: number): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' && typeof v !== 'number') throw new RowError('bad_field', `${what} must be text, got ${Array.isArray(v) ? 'a list' : typeof v}`);
  const s = String(v).trim();
  if (s.length > max) throw new RowError('bad_field', `${what} is longer than ${max} characters`);
  return s || null;
}

function instant(v: unknown): Date | null {
  if (v === undefined || v === null || v === '') return null;
  let d: Date | null = null;
  if (typeof v === 'number' && Number.isFinite(v))
    d = new Date(v < 1e12 ? v * 1000 : v); // epoch seconds or milliseconds
  else if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v.trim())) d = new Date(v.trim().replace(' ', 'T'));
  if (!d || Number.isNaN(d.getTime()))
    throw new RowError('bad_time', `incident time ${JSON.stringify(v)} is not an ISO 8601 date/time (e.g. 2026-03-01T14:05:00Z) or epoch seconds`);
  return d;
}

function ipAddress(v: unknown): string | null {
  const s = text(v, 'IP address', 100);
  if (s === null) return null;
  if (!isIP(s)) throw new RowError('bad_ip', `IP address ${JSON.stringify(s.slice(0, 60))} is not an IPv4 or IPv6 address`);
  return s.toLowerCase();
}

/** One reported file: at least one valid hash. `where` prefixes messages (e.g. "files[2]"). */
function file(f: Record<string, unknown>, where: string): ParsedFile {
  const out: ParsedFile = { name: text(f.name, `${where}name`, 1000), md5: null, sha1: null, sha256: null, pdq: null };
  for (const k of HASH_KINDS) {
    const v = f[k];
    if (v === undefined || v === null || (typeof v === 'string' && !v.trim())) continue;
    try {
      out[k] = parseHashHex(k, v);
    } catch (err) {
      if (err instanceof HashFormatError) throw new RowError('bad_hash', `${where}${err.message}`);
      throw err;
    }
  }
  if (!HASH_KINDS.some((k) => out[k])) throw new RowError('no_hash', `${where || 'this line: '}no md5, sha1, sha256 or pdq hash`);
  return out;
}

function incidentIdOf(f: Record<string, unknown>): string {
  const incidentId = text(f.incidentId, 'incident id', 200);
  if (!incidentId) throw new RowError('missing_incident_id', 'no incident id (incidentId / incident_id)');
  return incidentId;
}

function incidentFields(f: Record<string, unknown>) {
  const incidentId = incidentIdOf(f);
  return {
    incidentId,
    incidentAt: instant(f.incidentTime),
    providerCountry: text(f.country, 'country', 100),
    account: text(f.account, 'account', 500),
    username: text(f.username, 'username', 500),
    ip: ipAddress(f.ip),
  };
}

const fileKey = (f: ParsedFile) => `${f.md5}|${f.sha1}|${f.sha256}|${f.pdq}`;
const rejectionOf = (row: number, incidentId: string | null, err: unknown): Rejection => {
  if (err instanceof RowError) return { row, incidentId, reason: err.reason, message: err.message };
  throw err;
};

export function parseJsonReport(rows: unknown[]): ParsedReport {
  if (rows.length > MAX_ROWS) throw new BadRequestError(`a report holds at most ${MAX_ROWS} rows; split it (got ${rows.length})`);
  const incidents: ParsedIncident[] = [];
  const rejections: Rejection[] = [];
  const seen = new Map<string, number>();
  rows.forEach((raw, i) => {
    const row = i + 1;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      rejections.push({ row, incidentId: null, reason: 'not_an_object', message: 'the row is not a JSON object' });
      return;
    }
    const f = fields(raw as Record<string, unknown>);
    let id: string | null = null;
    try {
      id = incidentIdOf(f); // first, so a rejection of the other fields still names the incident
      const inc = incidentFields(f);
      const first = seen.get(id);
      if (first) throw new RowError('duplicate_in_report', `incident ${id} already appears in row ${first} of this report`);
      if (!Array.isArray(f.files) || !f.files.length) throw new RowError('no_files', 'no files: give a non-empty "files" list of hashes');
      if (f.files.length > MAX_FILES_PER_INCIDENT) throw new RowError('too_many_files', `more than ${MAX_FILES_PER_INCIDENT} files in one incident`);
      const files = new Map<string, ParsedFile>();
      f.files.forEach((x, k) => {
        if (!x || typeof x !== 'object' || Array.isArray(x)) throw new RowError('bad_hash', `files[${k}] is not an object of hashes`);
        const pf = file(fields(x as Record<string, unknown>), `files[${k}]: `);
        if (!files.has(fileKey(pf))) files.set(fileKey(pf), pf);
      });
      seen.set(id, row);
      incidents.push({ row, ...inc, files: [...files.values()] });
    } catch (err) {
      rejections.push(rejectionOf(row, id, err));
    }
  });
  return { format: 'json', rowsTotal: rows.length, incidents, rejections };
}

export function parseCsvReport(input: string): ParsedReport {
  const records = csvRecords(input, { error: (m) => new BadRequestError(m) });
  if (!records.length) throw new BadRequestError('the CSV report is empty');
  const header = records[0]!.cells.map((h) => canonical(h) ?? null);
  if (!header.includes('incidentId')) throw new BadRequestError('the CSV header must name the incident id column (incident_id)');
  if (!HASH_KINDS.some((k) => header.includes(k))) throw new BadRequestError('the CSV header must name at least one of md5, sha1, sha256, pdq');
  const lines = records.slice(1);
  if (lines.length > MAX_ROWS) throw new BadRequestError(`a report holds at most ${MAX_ROWS} lines; split it (got ${lines.length})`);
  const rejections: Rejection[] = [];
  const byId = new Map<string, ParsedIncident & { keys: Set<string> }>();
  for (const { line, cells } of lines) {
    const f: Record<string, unknown> = {};
    header.forEach((h, k) => {
      if (h && f[h] === undefined && cells[k]) f[h] = cells[k];
    });
    let id: string | null = null;
    try {
      id = incidentIdOf(f); // first, so a rejection of the other fields still names the incident
      const inc = incidentFields(f);
      const pf = file(f, '');
      const cur = byId.get(id);
      if (!cur) {
        byId.set(id, { row: line, ...inc, files: [pf], keys: new Set([fileKey(pf)]) });
        continue;
      }
      const clash =
        (['providerCountry', 'account', 'username', 'ip'] as const).find((k) => inc[k] !== null && cur[k] !== null && inc[k] !== cur[k]) ??
        (inc.incidentAt && cur.incidentAt && inc.incidentAt.getTime() !== cur.incidentAt.getTime() ? 'incidentAt' : undefined);
      if (clash) throw new RowError('conflicting_incident', `incident ${id}: ${clash} differs from line ${cur.row} of the same incident`);
      if (cur.files.length >= MAX_FILES_PER_INCIDENT) throw new RowError('too_many_files', `more than ${MAX_FILES_PER_INCIDENT} files in incident ${id}`);
      for (const k of ['incidentAt', 'providerCountry', 'account', 'username', 'ip'] as const)
        if (cur[k] === null && inc[k] !== null) (cur as unknown as Record<string, unknown>)[k] = inc[k];
      if (!cur.keys.has(fileKey(pf))) {
        cur.keys.add(fileKey(pf));
        cur.files.push(pf);
      }
    } catch (err) {
      rejections.push(rejectionOf(line, id, err));
    }
  }
  const incidents = [...byId.values()].map(({ keys: _keys, ...inc }) => inc);
  return { format: 'csv', rowsTotal: lines.length, incidents, rejections };
}
