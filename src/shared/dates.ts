// Dates as the API writes them: instants as ISO 8601 text, calendar dates as YYYY-MM-DD (UTC).
const DAY_MS = 86_400_000;

/** An instant from the database as ISO 8601, or null. */
export const isoTime = (d: Date | string | null | undefined): string | null => (d == null ? null : new Date(d).toISOString());

/** The UTC calendar date of an instant. */
export const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

/** Today's UTC calendar date. */
export const today = (): string => isoDate(new Date());

/** The calendar date `days` after `from` (an instant, or a YYYY-MM-DD date). */
export function addDays(from: Date | string, days: number): string {
  const t = typeof from === 'string' ? Date.parse(`${from}T00:00:00Z`) : from.getTime();
  return isoDate(new Date(t + days * DAY_MS));
}
