// ICSE_MEDIA_STORE=s3://bucket/prefix, parsed without loading the AWS SDK (config.ts uses it).

export interface S3Location {
  bucket: string;
  prefix: string;
}

/** Parses s3://bucket/prefix (prefix optional; stored with a trailing slash). */
export function parseS3Url(url: string): S3Location | null {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url.trim());
  if (!m) return null;
  const prefix = (m[2] ?? '').replace(/^\/+|\/+$/g, '');
  if (/[^A-Za-z0-9!_.*'()/-]/.test(prefix) || prefix.split('/').some((p) => p === '.' || p === '..')) return null;
  return { bucket: m[1]!, prefix: prefix ? prefix + '/' : '' };
}
