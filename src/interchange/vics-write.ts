// Project VIC (VICS) JSON writer, versions 1.3 and 2.0 (US categorisation). Pure: the caller gathers the
// records. PDQ and SHA-256 travel in AlternativeHashes; booleans are JSON booleans; counts match the arrays.
import { VICS_CONTEXT, type VicsVersion } from './vics-parse.js';

export interface ExportMediaFile { fileName: string; filePath: string }
export interface ExportMedia {
  mediaId: number;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  pdq: string | null;
  category: number | null;
  size: number | null;
  victimIdentified: boolean | null;
  offenderIdentified: boolean | null;
  isDistributed: boolean | null;
  series: string | null;
  tags: string | null;
  comments: string | null;
  mimeType: string | null;
  dateUpdated: string | null;
  files: ExportMediaFile[];
  exifs: Record<string, string>;
}
export interface ExportCase {
  caseId: string;
  caseNumber: string;
  title: string;
  contactOrganization: string;
  contactName: string;
  contactEmail: string;
  seizureDate: string | null;
  media: ExportMedia[];
}

export const SOURCE_APPLICATION = { name: 'ICSE', version: '1.0' };

/** Splits "dir/sub/name.jpg" (or with backslashes) into FilePath and FileName the way forensic tools write them. */
export function splitPath(p: string): ExportMediaFile {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i < 0 ? { fileName: p, filePath: '' } : { fileName: p.slice(i + 1), filePath: p.slice(0, i + 1) };
}

function writeMedia(m: ExportMedia) {
  const alternative: Array<{ HashName: string; HashValue: string }> = [];
  if (m.sha256 && /^[0-9a-f]{64}$/.test(m.sha256)) alternative.push({ HashName: 'SHA256', HashValue: m.sha256.toUpperCase() });
  if (m.pdq) alternative.push({ HashName: 'PDQ', HashValue: m.pdq });
  const md5 = m.md5?.toUpperCase() ?? '';
  return {
    MediaID: m.mediaId,
    Category: m.category,
    MD5: md5,
    SHA1: m.sha1?.toUpperCase() ?? null,
    PhotoDNA: null,
    MediaSize: m.size,
    DateUpdated: m.dateUpdated,
    VictimIdentified: m.victimIdentified,
    OffenderIdentified: m.offenderIdentified,
    IsDistributed: m.isDistributed,
    IsPrecategorized: m.category !== null,
    IsSuspected: false,
    Series: m.series,
    Tags: m.tags,
    Comments: m.comments,
    MimeType: m.mimeType,
    RelativeFilePath: m.files[0] ? `${m.files[0].filePath}${m.files[0].fileName}` : null,
    MediaFiles: m.files.map((f) => ({ MD5: md5, FileName: f.fileName, FilePath: f.filePath, Created: null, Written: null, Accessed: null, Unallocated: false, Deleted: false })),
    Exifs: Object.entries(m.exifs).map(([k, v]) => ({ MD5: md5, PropertyName: k, PropertyValue: v })),
    AlternativeHashes: alternative,
  };
}

export function writeVics(version: VicsVersion, cases: ExportCase[]): Record<string, unknown> {
  const { key, value } = VICS_CONTEXT[version];
  return {
    [key]: value,
    value: cases.map((c) => ({
      CaseID: c.caseId,
      CaseNumber: c.caseNumber,
      ContactOrganization: c.contactOrganization,
      ContactName: c.contactName,
      ContactEmail: c.contactEmail,
      ContactPhone: '',
      ContactTitle: '',
      SeizureDate: c.seizureDate,
      TotalMediaFiles: c.media.length,
      TotalPrecategorized: c.media.filter((m) => m.category !== null).length,
      SourceApplicationName: SOURCE_APPLICATION.name,
      SourceApplicationVersion: SOURCE_APPLICATION.version,
      CaseMetadata: [{ PropertyName: 'Title', PropertyValue: c.title }],
      Media: c.media.map(writeMedia),
    })),
  };
}
