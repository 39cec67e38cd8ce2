// Project VIC (VICS) JSON writer, versions 1.3 and 2.0. Pure: the caller gathers the records.
//  - entity 'Media': the hash-set layout IPED's HashDBTool reads — the context key first, then "value"
//    holding the Media directly (docs/interop.md); entity 'Cases' (the default): Cases holding their Media.
//  - categories in the scheme asked for (1.3 files use the DHS numbering: 5 non-pertinent, 0 uncategorised);
//  - what an import kept (PhotoDNA and other alternative hashes, MediaFiles with their times and flags,
//    RelativeFilePath, MediaID, CaseMetadata, contacts, SeizureDate) is written back as it was given;
//  - a hash that is not known is left out, never written as null (IPED's reader calls trim() on it).
import { categoryForScheme, vicsContext, type VicsCountry, type VicsEntity, type VicsMediaFile, type VicsVersion } from './vics-parse.js';

export interface ExportMediaFile {
  fileName: string;
  filePath: string;
}
export interface ExportMedia {
  mediaId: number;
  /** MediaID as an imported file gave it (written instead of ours). */
  vicsMediaId?: number | null;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  pdq: string | null;
  /** Opaque: stored and exported as given, never computed here. */
  photoDna?: string | null;
  /** Alternative hashes other than SHA-256 and PDQ, as given (PhotoDNA among them when it came there). */
  otherHashes?: Array<{ name: string; value: string }>;
  category: number | null;
  size: number | null;
  victimIdentified: boolean | null;
  offenderIdentified: boolean | null;
  isDistributed: boolean | null;
  isPrecategorized?: boolean | null;
  isSuspected?: boolean | null;
  series: string | null;
  tags: string | null;
  comments: string | null;
  mimeType: string | null;
  dateUpdated: string | null;
  /** Paths of the seizure items holding the medium (used when no MediaFiles were given). */
  files: ExportMediaFile[];
  /** MediaFiles exactly as an import gave them ([] when the entry had none); undefined: built from `files`. */
  mediaFiles?: VicsMediaFile[];
  relativeFilePath?: string | null;
  exifs: Record<string, string>;
}
export interface ExportCase {
  caseId: string;
  caseNumber: string;
  title: string;
  contactOrganization: string;
  contactName: string;
  contactEmail: string;
  contactPhone?: string;
  contactTitle?: string;
  seizureDate: string | null;
  /** CaseMetadata as given by an import; default: [{Title}]. */
  metadata?: Array<{ name: string; value: string }>;
  media: ExportMedia[];
}

export interface WriteVicsOptions {
  entity?: VicsEntity;
  /** 2.0 country path (Default, US, UK). */
  country?: VicsCountry;
  /** Category numbering: 1.3 defaults to DHS, 2.0 to US. */
  scheme?: 'US' | 'DHS';
}

export const SOURCE_APPLICATION = { name: 'ICSE', version: '1.0' };

/** Splits "dir/sub/name.jpg" (or with backslashes) into FilePath and FileName the way forensic tools write them. */
export function splitPath(p: string): ExportMediaFile {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i < 0 ? { fileName: p, filePath: '' } : { fileName: p.slice(i + 1), filePath: p.slice(0, i + 1) };
}

function writeMedia(m: ExportMedia, scheme: 'US' | 'DHS') {
  const alternative: Array<{ HashName: string; HashValue: string }> = [];
  if (m.sha256 && /^[0-9a-f]{64}$/.test(m.sha256)) alternative.push({ HashName: 'SHA256', HashValue: m.sha256.toUpperCase() });
  if (m.pdq) alternative.push({ HashName: 'PDQ', HashValue: m.pdq });
  for (const h of m.otherHashes ?? []) alternative.push({ HashName: h.name, HashValue: h.value });
  const md5 = m.md5?.toUpperCase() ?? '';
  const files = m.mediaFiles
    ? m.mediaFiles.map((f) => ({
        MD5: md5,
        FileName: f.fileName,
        FilePath: f.filePath,
        Created: f.created,
        Written: f.written,
        Accessed: f.accessed,
        Unallocated: f.unallocated,
        Deleted: f.deleted,
      }))
    : m.files.map((f) => ({
        MD5: md5,
        FileName: f.fileName,
        FilePath: f.filePath,
        Created: null,
        Written: null,
        Accessed: null,
        Unallocated: null,
        Deleted: null,
      }));
  const relative = m.relativeFilePath !== undefined ? m.relativeFilePath : m.files[0] ? `${m.files[0].filePath}${m.files[0].fileName}` : null;
  return {
    MediaID: m.vicsMediaId ?? m.mediaId,
    Category: categoryForScheme(m.category, scheme),
    MD5: md5,
    ...(m.sha1 ? { SHA1: m.sha1.toUpperCase() } : {}),
    ...(m.photoDna ? { PhotoDNA: m.photoDna } : {}),
    MediaSize: m.size,
    DateUpdated: m.dateUpdated,
    VictimIdentified: m.victimIdentified,
    OffenderIdentified: m.offenderIdentified,
    IsDistributed: m.isDistributed,
    IsPrecategorized: m.isPrecategorized ?? m.category !== null,
    IsSuspected: m.isSuspected ?? false,
    Series: m.series,
    Tags: m.tags,
    Comments: m.comments,
    MimeType: m.mimeType,
    RelativeFilePath: relative,
    MediaFiles: files,
    Exifs: Object.entries(m.exifs).map(([k, v]) => ({ MD5: md5, PropertyName: k, PropertyValue: v })),
    AlternativeHashes: alternative,
  };
}

export function writeVics(version: VicsVersion, cases: ExportCase[], opts: WriteVicsOptions = {}): Record<string, unknown> {
  const entity = opts.entity ?? 'Cases';
  const scheme = opts.scheme ?? (version === '1.3' ? 'DHS' : 'US');
  const { key, value } = vicsContext(version, entity, opts.country ?? 'Default');
  if (entity === 'Media') return { [key]: value, value: cases.flatMap((c) => c.media.map((m) => writeMedia(m, scheme))) };
  return {
    [key]: value,
    value: cases.map((c) => ({
      CaseID: c.caseId,
      CaseNumber: c.caseNumber,
      ContactOrganization: c.contactOrganization,
      ContactName: c.contactName,
      ContactEmail: c.contactEmail,
      ContactPhone: c.contactPhone ?? '',
      ContactTitle: c.contactTitle ?? '',
      SeizureDate: c.seizureDate,
      TotalMediaFiles: c.media.length,
      TotalPrecategorized: c.media.filter((m) => m.isPrecategorized ?? m.category !== null).length,
      SourceApplicationName: SOURCE_APPLICATION.name,
      SourceApplicationVersion: SOURCE_APPLICATION.version,
      CaseMetadata: (c.metadata ?? [{ name: 'Title', value: c.title }]).map((p) => ({ PropertyName: p.name, PropertyValue: p.value })),
      Media: c.media.map((m) => writeMedia(m, scheme)),
    })),
  };
}
