// iARMS shared pieces: the API shapes, status badges, firearm descriptions, country names and the
// reference-table picker used by the record form and the trace request form.
import { useState } from 'react';
import { errorMessage } from '../api.js';
import { Link, useLocation } from '../router.js';
import { useGet } from '../query.js';
import { useCountryNames } from '../components/Distribution.js';
import type { paths } from '../api-types.js';

export const REPORTED = ['lost', 'stolen', 'trafficked', 'smuggled'] as const;
export type Reported = (typeof REPORTED)[number];
export type RecordStatus = Reported | 'recovered';

export type Reference = paths['/api/v1/firearms/references/{id}']['get']['responses'][200]['content']['application/json'];
export type FirearmRecord = paths['/api/v1/firearms/records/{id}']['get']['responses'][200]['content']['application/json'];
export type Firearm = FirearmRecord['firearm'];
export type Search = paths['/api/v1/firearms/searches/{id}']['get']['responses'][200]['content']['application/json'];
export type Hit = Search['hits'][number];
export type Trace = paths['/api/v1/firearms/traces/{id}']['get']['responses'][200]['content']['application/json'];
export type TraceState = Trace['recipients'][number]['status'];

export const statusBadge: Record<RecordStatus, string> = { lost: 'warn', stolen: 'error', trafficked: 'error', smuggled: 'error', recovered: 'ok' };
export const traceBadge: Record<TraceState, string> = { pending: 'warn', found: 'ok', not_found: 'muted' };
export const traceWords: Record<TraceState, string> = { pending: 'pending', found: 'found', not_found: 'not found' };
export const typeWord = (t: string) => t.replace(/_/g, ' ');
export const describe = (f: { make: string; model: string }) => `${f.make} ${f.model}`.trim();
export const referenceLabel = (r: Reference) =>
  `${describe(r)}${r.calibre ? ` · ${r.calibre}` : ''} · ${typeWord(r.type)}${r.countryOfManufacture ? ` (made in ${r.countryOfManufacture})` : ''}${r.active ? '' : ' — withdrawn'}`;

/** A select of the other member countries (own country and the hub left out), with an empty choice. */
export function CountrySelect({
  label,
  value,
  onChange,
  empty,
  exclude,
}: {
  label: string;
  value: string;
  onChange(v: string): void;
  empty: string;
  exclude?: string;
}) {
  const { members } = useCountryNames();
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{empty}</option>
        {members
          .filter((c) => c.code !== exclude)
          .map((c) => (
            <option key={c.code} value={c.code}>
              {c.name} ({c.code})
            </option>
          ))}
      </select>
    </label>
  );
}

/** Chooses an entry of the Firearms Reference Table, narrowed by a text filter (and by make when given). */
export function ReferencePicker({
  value,
  onChange,
  make,
  label = 'Firearm (reference table)',
}: {
  value: Reference | undefined;
  onChange(r: Reference | undefined): void;
  make?: string | null;
  label?: string;
}) {
  const [q, setQ] = useState('');
  const refs = useGet<{ references: Reference[] }>('/api/v1/firearms/references', { q: q.trim() || undefined, make: make ?? undefined, limit: 200 });
  const options = refs.data?.references ?? [];
  const shown = value && !options.some((r) => r.id === value.id) ? [value, ...options] : options;
  return (
    <div className="reference-picker">
      <label>
        Find in the reference table
        <input value={q} placeholder="make, model or calibre" onChange={(e) => setQ(e.target.value)} />
      </label>
      <label>
        {label}
        <select value={value?.id ?? ''} onChange={(e) => onChange(shown.find((r) => r.id === Number(e.target.value)))}>
          <option value="">{refs.loading && !refs.data ? 'loading…' : `choose (${options.length} entr${options.length === 1 ? 'y' : 'ies'})`}</option>
          {shown.map((r) => (
            <option key={r.id} value={r.id}>
              {referenceLabel(r)}
            </option>
          ))}
        </select>
      </label>
      {refs.error ? (
        <p className="error" role="alert">
          The reference table cannot be read: {errorMessage(refs.error)}
        </p>
      ) : null}
    </div>
  );
}

export function FirearmsNav() {
  const { path } = useLocation();
  const tabs: Array<[string, string]> = [
    ['/firearms', 'Search'],
    ['/firearms/records', 'Records'],
    ['/firearms/searches', 'Searches'],
    ['/firearms/traces', 'Trace requests'],
  ];
  const current = (to: string) => (to === '/firearms' ? path === '/firearms' || path === '/firearms/' : path.startsWith(to));
  return (
    <nav className="subnav" aria-label="Firearms">
      {tabs.map(([to, label]) => (
        <Link key={to} to={to} className={current(to) ? 'active' : undefined} aria-current={current(to) ? 'page' : undefined}>
          {label}
        </Link>
      ))}
    </nav>
  );
}
