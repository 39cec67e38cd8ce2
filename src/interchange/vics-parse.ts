// Project VIC (VICS) JSON reader: tolerant of what real exporters write (UTF-8 BOM, booleans as strings,
// header counts that disagree with the arrays, one file listed as several Media entries), strict about
// hashes. Pure: no I/O. Structural errors throw VicsFormatError with the JSON path of the bad field;
// item-level problems become report lines and never fail the file.
import { isHashHex } from '../hashing/hex.js';

export type VicsVersion = '1.3' | '2.0';
/** Categorisation schemes found in the field; ours is VICS US (0..4). */
export type VicsScheme = 'US' | 'DHS' | 'UK' | 'Default';

/** The 2.0 data model's country path (it also names the categorisation scheme). */
export type VicsCountry = 'Default' | 'US' | 'UK';
export type VicsEntity = 'Media' | 'Cases';

/**
 * The OData key and context URL of a VICS document. IPED's HashDBTool accepts exactly
 * `odata.metadata` = …/ICMEC/ProjectVic/DataModels/1.3.xml#Media and
 * `@odata.context` = …/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/Default/$metadata#Media (docs/interop.md).
 */
export function vicsContext(version: VicsVersion, entity: VicsEntity = 'Media', country: VicsCountry = 'Default'): { key: string; value: string } {
  return version === '1.3'
    ? { key: 'odata.metadata', value: `http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#${entity}` }
    : { key: '@odata.context', value: `http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/${country}/$metadata#${entity}` };
}

export class VicsFormatError extends Error {
  constructor(
    public readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'VicsFormatError';
  }
}

export interface VicsMediaFile {
  fileName: string;
  filePath: string;
  created: string | null;
  written: string | null;
  accessed: string | null;
  unallocated: boolean | null;
  deleted: boolean | null;
}

export interface VicsMedia {
  /** JSON path of the (first) entry, e.g. value[0].Media[3]. */
  path: string;
  /** Whether the entry had a MediaFiles array (an empty or absent one is written back as it was). */
  hasMediaFiles: boolean;
  isPrecategorized: boolean | null;
  dateUpdated: string | null;
  mediaId: number | null;
  md5: string;
  sha1: string | null;
  sha256: string | null;
  pdq: string | null;
  pdqQuality: number | null;
  photoDna: string | null;
  /** In our scheme (VICS US 0..4), mapped from the file's scheme. */
  category: number | null;
  size: number | null;
  victimIdentified: boolean | null;
  offenderIdentified: boolean | null;
  isDistributed: boolean | null;
  isSuspected: boolean | null;
  series: string | null;
  tags: string | null;
  comments: string | null;
  mimeType: string | null;
  relativeFilePath: string | null;
  files: VicsMediaFile[];
  exifs: Record<string, string>;
  /** Alternative hashes other than PDQ and SHA-256, kept for the record. */
  otherHashes: Array<{ name: string; value: string }>;
  /** Paths of further entries merged into this one (same MD5 or SHA-1). */
  mergedFrom: string[];
}

export interface VicsCase {
  path: string;
  caseId: string | null;
  caseNumber: string | null;
  contactOrganization: string | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  contactTitle: string | null;
  seizureDate: string | null;
  sourceApplicationName: string | null;
  sourceApplicationVersion: string | null;
  metadata: Record<string, string>;
  /** CaseMetadata in file order, every pair as given (names may repeat). */
  metadataPairs: Array<{ name: string; value: string }>;
  media: VicsMedia[];
}

export type ReportStatus = 'imported' | 'reused' | 'merged' | 'rejected' | 'note';
export interface ReportLine {
  path: string;
  status: ReportStatus;
  message: string;
  mediaId?: number;
}

export interface ParsedVics {
  version: VicsVersion;
  context: string;
  scheme: VicsScheme;
  cases: VicsCase[];
  /** Rejections, merges and notes found while reading (the importer adds imported/reused lines). */
  report: ReportLine[];
  /** Media entries read (before merging), for the summary. */
  entries: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Field lookup ignoring case: exporters disagree on "SHA1" / "Sha1" / "sha1". */
function field(o: Obj, name: string): unknown {
  if (name in o) return o[name];
  const lower = name.toLowerCase();
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) return o[k];
  return undefined;
}

const BOOL_TRUE = new Set(['true', '1', 'yes', 'y']);
const BOOL_FALSE = new Set(['false', '0', 'no', 'n', '']);

/** VICS booleans arrive as true, "true", "True", "1", 1, or null. Unknown spellings are reported. */
export function parseBool(v: unknown, path: string, report: ReportLine[]): boolean | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number' && (v === 0 || v === 1)) return v === 1;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (BOOL_TRUE.has(s)) return true;
    if (BOOL_FALSE.has(s)) return s === '' ? null : false;
  }
  report.push({ path, status: 'note', message: `not a boolean (${JSON.stringify(v).slice(0, 40)}); ignored` });
  return null;
}

function parseText(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

function parseInteger(v: unknown): number | null {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) return Number(v);
  return null;
}

function optionalArray(o: Obj, name: string, path: string): unknown[] {
  const v = field(o, name);
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new VicsFormatError(`${path}.${name}`, `expected an array, got ${typeof v}`);
  return v;
}

/** Detects the version and categorisation scheme from the OData context (or metadata) URL. */
function readHeader(root: Obj): { version: VicsVersion; context: string; scheme: VicsScheme | null; entity: 'Cases' | 'Media' } {
  const ctx2 = field(root, '@odata.context');
  const ctx1 = field(root, 'odata.metadata');
  const context = typeof ctx2 === 'string' ? ctx2 : typeof ctx1 === 'string' ? ctx1 : null;
  if (!context) throw new VicsFormatError('$', 'not a VICS file: no "@odata.context" (VICS 2.0) or "odata.metadata" (VICS 1.x) key');
  const m = /DataModels\/(\d+\.\d+)\.xml(?:\/([A-Za-z]+))?/i.exec(context);
  if (!m)
    throw new VicsFormatError(
      typeof ctx2 === 'string' ? '@odata.context' : 'odata.metadata',
      `not a Project VIC data model URL: ${JSON.stringify(context.slice(0, 120))}`,
    );
  const major = Number(m[1]!.split('.')[0]);
  if (major !== 1 && major !== 2) throw new VicsFormatError('$', `unsupported VICS data model version ${m[1]} (1.x and 2.0 are read)`);
  const version: VicsVersion = major === 2 ? '2.0' : '1.3';
  const region = m[2]?.toUpperCase();
  const scheme: VicsScheme | null = region === 'US' ? 'US' : region === 'UK' ? 'UK' : region === 'DHS' ? 'DHS' : region === 'DEFAULT' ? 'Default' : null;
  // Media at the top level (IPED's hash-set layout) unless the URL names Cases.
  const entity = /#Media\b/i.test(context) ? 'Media' : 'Cases';
  return { version, context, scheme, entity };
}

/** Maps a category of the file's scheme to ours (VICS US). DHS: 0 uncategorised, 1 illegal, 2 age difficult, 3 CGI, 4 exemplar, 5 non-pertinent. */
function mapCategory(raw: number, scheme: VicsScheme): number | null | undefined {
  if (scheme === 'DHS') return ({ 0: null, 1: 1, 2: 2, 3: 3, 4: 4, 5: 0 } as Record<number, number | null>)[raw];
  if (scheme === 'UK') return undefined;
  return raw >= 0 && raw <= 4 ? raw : undefined;
}

/** Our category (VICS US 0..4, null uncategorised) in the scheme an export asks for: the inverse of mapCategory. */
export function categoryForScheme(category: number | null, scheme: 'US' | 'DHS'): number | null {
  if (scheme === 'DHS') return category === null ? 0 : category === 0 ? 5 : category;
  return category;
}

// Fields the reader keeps (case-insensitive); any other field is named in the report as not kept.
const KEPT_CASE_FIELDS = new Set([
  'caseid',
  'casenumber',
  'contactorganization',
  'contactname',
  'contactemail',
  'contactphone',
  'contacttitle',
  'seizuredate',
  'totalmediafiles',
  'totalprecategorized',
  'sourceapplicationname',
  'sourceapplicationversion',
  'casemetadata',
  'media',
]);
const KEPT_MEDIA_FIELDS = new Set([
  'mediaid',
  'category',
  'md5',
  'sha1',
  'photodna',
  'mediasize',
  'dateupdated',
  'victimidentified',
  'offenderidentified',
  'isdistributed',
  'isprecategorized',
  'issuspected',
  'series',
  'tags',
  'comments',
  'mimetype',
  'relativefilepath',
  'mediafiles',
  'exifs',
  'alternativehashes',
]);
const KEPT_FILE_FIELDS = new Set(['md5', 'filename', 'filepath', 'created', 'written', 'accessed', 'unallocated', 'deleted']);

function notKept(o: Obj, kept: Set<string>, path: string, report: ReportLine[]): void {
  for (const k of Object.keys(o)) {
    if (!kept.has(k.toLowerCase()))
      report.push({ path: `${path}.${k}`, status: 'note', message: 'field not kept: ICSE does not store it, so an export will not carry it' });
  }
}

export interface ParseOptions {
  scheme?: VicsScheme;
}

/** Reads a VICS document from bytes or text. */
export function parseVics(input: string | Uint8Array, opts: ParseOptions = {}): ParsedVics {
  let text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: false }).decode(input);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(msg);
    let where = '';
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      const line = before.split('\n').length;
      where = ` at line ${line}, column ${Number(pos[1]) - before.lastIndexOf('\n')}`;
    }
    throw new VicsFormatError('$', `not valid JSON${where}: ${msg}`);
  }
  if (!isObj(root)) throw new VicsFormatError('$', 'expected a JSON object with "value"');
  const header = readHeader(root);
  const value = field(root, 'value');
  if (!Array.isArray(value))
    throw new VicsFormatError('value', value === undefined ? 'missing: a VICS file lists its cases in "value"' : `expected an array, got ${typeof value}`);

  const report: ReportLine[] = [];
  const rawCases: Array<{ obj: Obj; path: string }> =
    header.entity === 'Media'
      ? [{ obj: { Media: value }, path: '$' }] // a bare Media list (VICS "#Media" distribution files)
      : value.map((c, i) => {
          if (!isObj(c)) throw new VicsFormatError(`value[${i}]`, 'expected a Case object');
          return { obj: c, path: `value[${i}]` };
        });

  // Scheme: the 2.0 URL names it; 1.x files use DHS numbering when a category 5 appears.
  let scheme: VicsScheme = opts.scheme ?? header.scheme ?? 'US';
  if (!opts.scheme && !header.scheme) {
    const has5 = rawCases.some(
      ({ obj }) => Array.isArray(field(obj, 'Media')) && (field(obj, 'Media') as unknown[]).some((m) => isObj(m) && parseInteger(field(m, 'Category')) === 5),
    );
    if (has5) {
      scheme = 'DHS';
      report.push({
        path: '$',
        status: 'note',
        message: 'category 5 found: read as the older DHS scheme (5 non-pertinent -> 0, 0 uncategorised -> none, 4 exemplar -> 4 comparison)',
      });
    }
  }
  if (scheme === 'UK')
    report.push({ path: '$', status: 'note', message: 'UK categorisation scheme: categories are not mapped to VICS US and are imported as uncategorised' });

  let entries = 0;
  const cases = rawCases.map(({ obj, path }) => {
    const mediaArr = header.entity === 'Media' ? (value as unknown[]) : optionalArray(obj, 'Media', path);
    const mediaPath = header.entity === 'Media' ? 'value' : `${path}.Media`;
    entries += mediaArr.length;
    const declared = parseInteger(field(obj, 'TotalMediaFiles'));
    if (declared !== null && declared !== mediaArr.length) {
      report.push({
        path: `${path}.TotalMediaFiles`,
        status: 'note',
        message: `says ${declared} but the Media array has ${mediaArr.length} entries; the array was counted`,
      });
    }
    const metadata: Record<string, string> = {};
    const metadataPairs: VicsCase['metadataPairs'] = [];
    if (header.entity === 'Cases') notKept(obj, KEPT_CASE_FIELDS, path, report);
    optionalArray(obj, 'CaseMetadata', path).forEach((m, i) => {
      if (!isObj(m)) {
        report.push({ path: `${path}.CaseMetadata[${i}]`, status: 'note', message: 'not a {PropertyName, PropertyValue} object; not kept' });
        return;
      }
      const k = parseText(field(m, 'PropertyName'));
      const v = parseText(field(m, 'PropertyValue'));
      if (k && v !== null) {
        metadata[k] ??= v;
        metadataPairs.push({ name: k, value: v });
      } else if (k === null) report.push({ path: `${path}.CaseMetadata[${i}]`, status: 'note', message: 'no PropertyName; not kept' });
    });
    const media = mergeDuplicates(
      mediaArr.map((m, i) => readMedia(m, `${mediaPath}[${i}]`, scheme, report)).filter((m): m is VicsMedia => m !== null),
      report,
    );
    const vc: VicsCase = {
      path,
      caseId: parseText(field(obj, 'CaseID')),
      caseNumber: parseText(field(obj, 'CaseNumber')),
      contactOrganization: parseText(field(obj, 'ContactOrganization')),
      contactName: parseText(field(obj, 'ContactName')),
      contactEmail: parseText(field(obj, 'ContactEmail')),
      contactPhone: parseText(field(obj, 'ContactPhone')),
      contactTitle: parseText(field(obj, 'ContactTitle')),
      seizureDate: parseText(field(obj, 'SeizureDate')),
      sourceApplicationName: parseText(field(obj, 'SourceApplicationName')),
      sourceApplicationVersion: parseText(field(obj, 'SourceApplicationVersion')),
      metadata,
      metadataPairs,
      media,
    };
    return vc;
  });
  return { version: header.version, context: header.context, scheme, cases, report, entries };
}

function readMedia(m: unknown, path: string, scheme: VicsScheme, report: ReportLine[]): VicsMedia | null {
  if (!isObj(m)) {
    report.push({ path, status: 'rejected', message: 'not a Media object' });
    return null;
  }
  notKept(m, KEPT_MEDIA_FIELDS, path, report);
  const md5Raw = field(m, 'MD5');
  const md5 = typeof md5Raw === 'string' ? md5Raw.trim() : md5Raw;
  if (!isHashHex('md5', md5)) {
    report.push({
      path: `${path}.MD5`,
      status: 'rejected',
      message: md5 === undefined || md5 === null || md5 === '' ? 'missing: MD5 is mandatory in VICS' : 'not a 32-hex MD5',
    });
    return null;
  }
  const hashOrNote = (kind: 'sha1' | 'sha256' | 'pdq', v: unknown, at: string, label: string): string | null => {
    if (v === undefined || v === null || v === '') return null;
    const s = typeof v === 'string' ? v.trim() : v;
    if (isHashHex(kind, s)) return (s as string).toLowerCase();
    report.push({ path: at, status: 'note', message: `not a ${label}; ignored` });
    return null;
  };
  const sha1 = hashOrNote('sha1', field(m, 'SHA1'), `${path}.SHA1`, '40-hex SHA-1');

  let sha256: string | null = null;
  let pdq: string | null = null;
  let pdqQuality: number | null = null;
  const otherHashes: VicsMedia['otherHashes'] = [];
  optionalArray(m, 'AlternativeHashes', path).forEach((h, i) => {
    const at = `${path}.AlternativeHashes[${i}]`;
    if (!isObj(h)) {
      report.push({ path: at, status: 'note', message: 'not a {HashName, HashValue} object; ignored' });
      return;
    }
    const name = parseText(field(h, 'HashName'))?.trim();
    const value = parseText(field(h, 'HashValue'))?.trim();
    if (!name || !value) {
      report.push({ path: at, status: 'note', message: 'HashName or HashValue missing; ignored' });
      return;
    }
    const key = name.toUpperCase().replace(/[^A-Z0-9]/g, '');
    if (key === 'PDQ') {
      // Some tools append the quality: "hex,quality".
      const [hex, q] = value.split(/[,;: ]+/);
      pdq = hashOrNote('pdq', hex, `${at}.HashValue`, '64-hex PDQ hash');
      const quality = q !== undefined ? parseInteger(q) : null;
      if (pdq && quality !== null && quality >= 0 && quality <= 100) pdqQuality = quality;
    } else if (key === 'SHA256') {
      sha256 = hashOrNote('sha256', value, `${at}.HashValue`, '64-hex SHA-256');
    } else if (key === 'MD5' || key === 'SHA1') {
      // Redundant with the main fields.
    } else {
      otherHashes.push({ name, value });
    }
  });

  let category: number | null = null;
  const rawCat = field(m, 'Category');
  if (rawCat !== undefined && rawCat !== null && rawCat !== '') {
    const n = parseInteger(rawCat);
    const mapped = n === null ? undefined : mapCategory(n, scheme);
    if (mapped === undefined) {
      if (scheme !== 'UK')
        report.push({ path: `${path}.Category`, status: 'note', message: `${JSON.stringify(rawCat)} is not a ${scheme} category; imported as uncategorised` });
    } else category = mapped;
  }

  const files: VicsMediaFile[] = [];
  optionalArray(m, 'MediaFiles', path).forEach((f, i) => {
    const at = `${path}.MediaFiles[${i}]`;
    if (!isObj(f)) {
      report.push({ path: at, status: 'note', message: 'not a MediaFile object; not kept' });
      return;
    }
    notKept(f, KEPT_FILE_FIELDS, at, report);
    const fileMd5 = parseText(field(f, 'MD5'))?.trim().toLowerCase();
    if (fileMd5 && fileMd5 !== (md5 as string).toLowerCase())
      report.push({ path: `${at}.MD5`, status: 'note', message: 'differs from the Media MD5; the file is listed under the Media entry' });
    files.push({
      fileName: parseText(field(f, 'FileName')) ?? '',
      filePath: parseText(field(f, 'FilePath')) ?? '',
      created: parseText(field(f, 'Created')),
      written: parseText(field(f, 'Written')),
      accessed: parseText(field(f, 'Accessed')),
      unallocated: parseBool(field(f, 'Unallocated'), `${at}.Unallocated`, report),
      deleted: parseBool(field(f, 'Deleted'), `${at}.Deleted`, report),
    });
  });

  const exifs: Record<string, string> = {};
  optionalArray(m, 'Exifs', path).forEach((e, i) => {
    if (!isObj(e)) {
      report.push({ path: `${path}.Exifs[${i}]`, status: 'note', message: 'not a {PropertyName, PropertyValue} object; not kept' });
      return;
    }
    const k = parseText(field(e, 'PropertyName'));
    const v = parseText(field(e, 'PropertyValue'));
    if (k && v !== null) exifs[k] = v;
    else if (k) report.push({ path: `${path}.Exifs[${i}]`, status: 'note', message: `${k} has no value; not kept` });
  });

  const size = parseInteger(field(m, 'MediaSize'));
  return {
    path,
    mediaId: parseInteger(field(m, 'MediaID')),
    hasMediaFiles: Array.isArray(field(m, 'MediaFiles')),
    isPrecategorized: parseBool(field(m, 'IsPrecategorized'), `${path}.IsPrecategorized`, report),
    dateUpdated: parseText(field(m, 'DateUpdated')),
    md5: (md5 as string).toLowerCase(),
    sha1,
    sha256,
    pdq,
    pdqQuality,
    photoDna: parseText(field(m, 'PhotoDNA')),
    category,
    size: size !== null && size >= 0 ? size : null,
    victimIdentified: parseBool(field(m, 'VictimIdentified'), `${path}.VictimIdentified`, report),
    offenderIdentified: parseBool(field(m, 'OffenderIdentified'), `${path}.OffenderIdentified`, report),
    isDistributed: parseBool(field(m, 'IsDistributed'), `${path}.IsDistributed`, report),
    isSuspected: parseBool(field(m, 'IsSuspected'), `${path}.IsSuspected`, report),
    series: parseText(field(m, 'Series')),
    tags: parseText(field(m, 'Tags')),
    comments: parseText(field(m, 'Comments')),
    mimeType: parseText(field(m, 'MimeType')),
    relativeFilePath: parseText(field(m, 'RelativeFilePath')),
    files,
    exifs,
    otherHashes,
    mergedFrom: [],
  };
}

const orBool = (a: boolean | null, b: boolean | null): boolean | null => (a === null ? b : b === null ? a : a || b);

/** Exporters list one stored file several times (one Media per path): merge entries with the same MD5 or SHA-1. */
function mergeDuplicates(media: VicsMedia[], report: ReportLine[]): VicsMedia[] {
  const out: VicsMedia[] = [];
  const byMd5 = new Map<string, VicsMedia>();
  const bySha1 = new Map<string, VicsMedia>();
  for (const m of media) {
    const first = byMd5.get(m.md5) ?? (m.sha1 ? bySha1.get(m.sha1) : undefined);
    if (!first) {
      out.push(m);
      byMd5.set(m.md5, m);
      if (m.sha1) bySha1.set(m.sha1, m);
      continue;
    }
    const how = first.md5 === m.md5 ? 'MD5' : 'SHA-1';
    const conflicts: string[] = [];
    if (first.md5 !== m.md5) conflicts.push(`MD5 ${m.md5} differs`);
    if (m.sha1 && first.sha1 && m.sha1 !== first.sha1) conflicts.push(`SHA-1 ${m.sha1} differs`);
    if (m.category !== null && first.category !== null && m.category !== first.category)
      conflicts.push(`category ${m.category} differs from ${first.category} (first kept)`);
    first.sha1 ??= m.sha1;
    first.sha256 ??= m.sha256;
    first.pdq ??= m.pdq;
    first.pdqQuality ??= m.pdqQuality;
    first.photoDna ??= m.photoDna;
    first.category ??= m.category;
    first.size ??= m.size;
    first.isPrecategorized ??= m.isPrecategorized;
    first.dateUpdated ??= m.dateUpdated;
    first.relativeFilePath ??= m.relativeFilePath;
    first.hasMediaFiles ||= m.hasMediaFiles;
    for (const h of m.otherHashes) if (!first.otherHashes.some((x) => x.name === h.name && x.value === h.value)) first.otherHashes.push(h);
    first.series ??= m.series;
    first.tags ??= m.tags;
    first.comments ??= m.comments;
    first.mimeType ??= m.mimeType;
    first.victimIdentified = orBool(first.victimIdentified, m.victimIdentified);
    first.offenderIdentified = orBool(first.offenderIdentified, m.offenderIdentified);
    first.isDistributed = orBool(first.isDistributed, m.isDistributed);
    first.isSuspected = orBool(first.isSuspected, m.isSuspected);
    for (const f of m.files) if (!first.files.some((x) => x.filePath === f.filePath && x.fileName === f.fileName)) first.files.push(f);
    first.exifs = { ...m.exifs, ...first.exifs };
    first.mergedFrom.push(m.path);
    report.push({
      path: m.path,
      status: 'merged',
      message: `same ${how} as ${first.path}: its files were added to that entry${conflicts.length ? `; ${conflicts.join('; ')}` : ''}`,
    });
  }
  return out;
}
