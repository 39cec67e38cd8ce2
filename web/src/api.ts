// The one way the pages talk to the server: same-origin fetch with the session cookie, JSON in and out,
// and error answers `{error, message}` turned into ApiError (its message is shown to the user as is).

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(url: string, query?: Query): string {
  if (!query) return url;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${url}${url.includes('?') ? '&' : '?'}${s}` : url;
}

/** Listeners told when the session is gone (401), so the app returns to the sign-in page. */
const unauthorisedListeners = new Set<() => void>();
export function onUnauthorised(fn: () => void): () => void {
  unauthorisedListeners.add(fn);
  return () => unauthorisedListeners.delete(fn);
}

async function errorFrom(res: Response): Promise<ApiError> {
  let body: { error?: string; message?: string; details?: unknown } = {};
  try {
    body = await res.json();
  } catch {
    /* not JSON */
  }
  const message = body.message || `${res.status} ${res.statusText || 'error'}`;
  return new ApiError(res.status, body.error ?? 'http_error', message, body.details);
}

export async function api<T = unknown>(method: string, url: string, body?: unknown, query?: Query): Promise<T> {
  let res: Response;
  try {
    res = await fetch(withQuery(url, query), {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'the server cannot be reached; check your connection and try again');
  }
  if (!res.ok) {
    const err = await errorFrom(res);
    if (res.status === 401 && !url.endsWith('/auth/login')) unauthorisedListeners.forEach((fn) => fn());
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T = unknown>(url: string, query?: Query) => api<T>('GET', url, undefined, query);
export const post = <T = unknown>(url: string, body?: unknown) => api<T>('POST', url, body ?? {});
export const patch = <T = unknown>(url: string, body: unknown) => api<T>('PATCH', url, body);
export const put = <T = unknown>(url: string, body: unknown) => api<T>('PUT', url, body);
export const del = <T = unknown>(url: string) => api<T>('DELETE', url);

/**
 * Uploads one file as multipart/form-data with XMLHttpRequest, which (unlike fetch) reports upload progress.
 * `fields` go before the file so the server knows the path before the bytes arrive.
 */
export function uploadFile<T = unknown>(
  url: string,
  file: Blob,
  fileName: string,
  fields: Record<string, string>,
  onProgress: (loaded: number, total: number) => void,
  signal?: AbortSignal,
): Promise<T> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', file, fileName);
  return sendWithProgress<T>(url, form, file.size, undefined, onProgress, signal);
}

/** Sends a file as the raw request body (e.g. a CSV hash list), with upload progress. */
export function uploadRaw<T = unknown>(
  url: string,
  file: Blob,
  contentType: string,
  onProgress: (loaded: number, total: number) => void,
  signal?: AbortSignal,
): Promise<T> {
  return sendWithProgress<T>(url, file, file.size, contentType, onProgress, signal);
}

function sendWithProgress<T>(
  url: string,
  body: XMLHttpRequestBodyInit,
  size: number,
  contentType: string | undefined,
  onProgress: (loaded: number, total: number) => void,
  signal?: AbortSignal,
): Promise<T> {
  const file = { size };
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    if (contentType) xhr.setRequestHeader('content-type', contentType);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      let body: { error?: string; message?: string; details?: unknown } | undefined;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(file.size, file.size);
        resolve(body as T);
        return;
      }
      if (xhr.status === 401) unauthorisedListeners.forEach((fn) => fn());
      reject(new ApiError(xhr.status, body?.error ?? 'http_error', body?.message ?? `${xhr.status} ${xhr.statusText || 'error'}`, body?.details));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'the upload was interrupted; check your connection and retry'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'upload cancelled'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(body);
  });
}

/** A field name as people say it: `sex_id` → "sex", `dateOfBirth` → "date of birth", `forename` → "forename". */
export const fieldWords = (f: string) =>
  f
    .replace(/^.*\//, '')
    .replace(/_id$|Id$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();

const RULE_WORDS: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^must NOT have fewer than 1 characters?$/, () => 'is required'],
  [/^must NOT have fewer than (\d+) characters$/, (m) => `needs at least ${m[1]} characters`],
  [/^must NOT have more than (\d+) characters$/, (m) => `may have at most ${m[1]} characters`],
  [/^must match pattern .*$/, () => 'is not in the expected form'],
  [/^must be integer$/, () => 'must be a whole number'],
  [/^must be number$/, () => 'must be a number'],
  [/^must be boolean$/, () => 'must be yes or no'],
  [/^must match format "date"$/, () => 'must be a date (YYYY-MM-DD)'],
  [/^must match format "date-time"$/, () => 'must be a date and time'],
  [/^must be (>=|<=) (\d+)$/, (m) => `must be ${m[1] === '>=' ? 'at least' : 'at most'} ${m[2]}`],
  [/^must be equal to one of the allowed values$/, () => 'is not one of the choices'],
  [/^must have required property '([^']+)'$/, (m) => `needs ${fieldWords(m[1]!)}`],
  [/^must NOT have additional properties$/, () => 'has a field the server does not know'],
];

/** The server's schema messages ("invalid querystring: /md5 must match pattern ^[0-9a-f]{32}$") in plain words. */
export function plainMessage(err: ApiError): string {
  const missing = (err.details as { missing?: unknown } | undefined)?.missing;
  if (Array.isArray(missing) && missing.length) {
    return `${err.message.replace(/ lacks: .*$/, '')} is missing: ${missing.map((f) => fieldWords(String(f))).join(', ')}.`;
  }
  const v = /^invalid (body|querystring|params|request): (?:(\/?[A-Za-z_][\w/]*) )?(must .*)$/.exec(err.message);
  if (err.code === 'validation' && v) {
    const field = v[2] ? fieldWords(v[2]) : '';
    const rule = RULE_WORDS.find(([re]) => re.test(v[3]!));
    const words = rule ? rule[1](v[3]!.match(rule[0])!) : v[3]!;
    return field ? `${field[0]!.toUpperCase()}${field.slice(1)} ${words}.` : `${words[0]!.toUpperCase()}${words.slice(1)}.`;
  }
  return err.message;
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return plainMessage(err);
  if (err instanceof Error) return err.message;
  return String(err);
}
