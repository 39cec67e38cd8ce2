// The one way the pages talk to the server: same-origin fetch with the session cookie, JSON in and out,
// and error answers `{error, message}` turned into ApiError (its message is shown to the user as is).

export class ApiError extends Error {
  constructor(public readonly status: number, public readonly code: string, message: string, public readonly details?: unknown) {
    super(message);
    this.name = 'ApiError';
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

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
  try { body = await res.json(); } catch { /* not JSON */ }
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
export function uploadFile<T = unknown>(url: string, file: Blob, fileName: string, fields: Record<string, string>, onProgress: (loaded: number, total: number) => void, signal?: AbortSignal): Promise<T> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', file, fileName);
  return sendWithProgress<T>(url, form, file.size, undefined, onProgress, signal);
}

/** Sends a file as the raw request body (e.g. a CSV hash list), with upload progress. */
export function uploadRaw<T = unknown>(url: string, file: Blob, contentType: string, onProgress: (loaded: number, total: number) => void, signal?: AbortSignal): Promise<T> {
  return sendWithProgress<T>(url, file, file.size, contentType, onProgress, signal);
}

function sendWithProgress<T>(url: string, body: XMLHttpRequestBodyInit, size: number, contentType: string | undefined, onProgress: (loaded: number, total: number) => void, signal?: AbortSignal): Promise<T> {
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
      try { body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined; } catch { body = undefined; }
      if (xhr.status >= 200 && xhr.status < 300) { onProgress(file.size, file.size); resolve(body as T); return; }
      if (xhr.status === 401) unauthorisedListeners.forEach((fn) => fn());
      reject(new ApiError(xhr.status, body?.error ?? 'http_error', body?.message ?? `${xhr.status} ${xhr.statusText || 'error'}`, body?.details));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'the upload was interrupted; check your connection and retry'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'upload cancelled'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(body);
  });
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
