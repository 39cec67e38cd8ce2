// Text that comes from a file (EXIF, names, archive paths) is whatever the file's author wrote: PostgreSQL
// refuses NUL in text and JSON (22021 / 22P05) and a lone UTF-16 surrogate cannot be encoded. Everything
// read from a file is cleaned here before it is stored; text typed into the API is refused instead (http).

/** Removes NUL characters and replaces lone surrogates (invalid UTF-8 once encoded) with U+FFFD. */
export function cleanText(s: string): string {
  const noNul = s.includes('\0') ? s.replace(/\0/g, '') : s;
  return (noNul as unknown as WellFormed).toWellFormed();
}

// ES2024 string methods (Node 20 has them; the project's lib is ES2023).
interface WellFormed {
  toWellFormed(): string;
  isWellFormed(): boolean;
}

/** cleanText on every string (and object key) of a JSON-like value. */
export function cleanJson<T>(v: T): T {
  if (typeof v === 'string') return cleanText(v) as T;
  if (Array.isArray(v)) return v.map((x) => cleanJson(x)) as T;
  if (v && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [cleanText(k), cleanJson(x)])) as T;
  }
  return v;
}

/** True if the string holds a NUL or a lone surrogate (what cleanText would change). */
export function hasBadText(s: string): boolean {
  return s.includes('\0') || !(s as unknown as WellFormed).isWellFormed();
}

/** The path (e.g. `body.items[2].name`) of the first string holding a NUL or a lone surrogate, or null. */
export function findBadText(v: unknown, at = ''): string | null {
  if (typeof v === 'string') return hasBadText(v) ? at || '(value)' : null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const r = findBadText(v[i], `${at}[${i}]`);
      if (r) return r;
    }
    return null;
  }
  if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (hasBadText(k)) return `${at ? `${at}.` : ''}${JSON.stringify(k.replace(/\0/g, '\\0'))}`;
      const r = findBadText(x, at ? `${at}.${k}` : k);
      if (r) return r;
    }
  }
  return null;
}

/** An error's message and stack for a log line (never "[object Object]"). */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const { code, cleanupError } = err as { code?: unknown; cleanupError?: unknown };
    const cause = err.cause !== undefined ? `\ncaused by: ${describeError(err.cause)}` : '';
    const cleanup = cleanupError !== undefined ? `\ncleanup failed too: ${describeError(cleanupError)}` : '';
    return `${err.stack ?? `${err.name}: ${err.message}`}${code ? ` (code ${String(code)})` : ''}${cause}${cleanup}`;
  }
  if (err && typeof err === 'object') {
    try {
      return JSON.stringify(err);
    } catch {
      return Object.prototype.toString.call(err);
    }
  }
  return String(err);
}
