// Audit log for the data protection officer: filters (action from the recorded list, user email, date range),
// keyset paging, CSV export of the filtered rows, details in words, and the hash-chain check.
import { useState, type FormEvent } from 'react';
import { get, withQuery } from '../api.js';
import { ActionError, ErrorPanel, fmtDateTime } from '../components/common.js';
import { useAction, useGet } from '../query.js';
import type { paths } from '../api-types.js';

type Entry = paths['/api/v1/audit']['get']['responses'][200]['content']['application/json']['entries'][number];
/** The filters the page sends: a subset of the query the server declares (generated from /openapi.json). */
type AuditQuery = NonNullable<paths['/api/v1/audit']['get']['parameters']['query']>;
type Filters = Pick<AuditQuery, 'action' | 'actorEmail' | 'from' | 'to' | 'objectType' | 'objectId'>;

/** `{"caseId":3,"countries":["DE","FR"]}` → "case id 3 · countries DE, FR". */
export function detailWords(details: unknown): string {
  if (!details || typeof details !== 'object') return '';
  const words = (k: string) =>
    k
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .replace(/_/g, ' ')
      .toLowerCase();
  const value = (v: unknown): string =>
    Array.isArray(v)
      ? v.length > 12
        ? `${v.slice(0, 12).map(value).join(', ')} … (${v.length})`
        : v.map(value).join(', ')
      : v && typeof v === 'object'
        ? Object.entries(v)
            .map(([k, x]) => `${words(k)} ${value(x)}`)
            .join(', ')
        : v === true
          ? 'yes'
          : v === false
            ? 'no'
            : String(v);
  return Object.entries(details as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${words(k)}: ${value(v)}`)
    .join(' · ');
}

export function AuditPage() {
  const [filters, setFilters] = useState<Filters>({});
  const [applied, setApplied] = useState<Filters>({});
  const [pages, setPages] = useState<number[]>([]); // afterSeq of each page beyond the first
  const after = pages[pages.length - 1];
  const actions = useGet<{ actions: string[] }>('/api/v1/audit/actions');
  const log = useGet<{ entries: Entry[] }>('/api/v1/audit', { ...applied, afterSeq: after, limit: 100 });
  const verify = useAction();
  const [chain, setChain] = useState<{ ok?: boolean } & Record<string, unknown>>();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setPages([]);
    setApplied({ ...filters });
  };
  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setFilters({ ...filters, [k]: e.target.value || undefined });
  const entries = log.data?.entries ?? [];
  return (
    <section>
      <div className="row spread">
        <h1>Audit log</h1>
        <div className="row">
          <a className="button" href={withQuery('/api/v1/audit', { ...applied, format: 'csv', limit: 1000 })} download data-testid="audit-csv">
            Export these rows (CSV)
          </a>
          <button onClick={() => void verify.run(async () => setChain(await get('/api/v1/audit/verify')))} disabled={verify.busy}>
            Verify the hash chain
          </button>
        </div>
      </div>
      <ActionError error={verify.error} />
      {chain !== undefined && (
        <p className={chain.ok === false ? 'error' : 'ok'} role="status" data-testid="chain-result">
          {chain.ok === false ? 'The chain is broken: ' : 'The chain is intact. '}
          {detailWords(chain)}
        </p>
      )}
      <form className="row wrap filters" onSubmit={submit} aria-label="Filter the audit log">
        <label className="inline">
          Action
          <select value={filters.action ?? ''} onChange={set('action')} data-testid="audit-action">
            <option value="">any</option>
            {(actions.data?.actions ?? []).map((a) => (
              <option key={a} value={a}>
                {a.replace(/[._]/g, ' ')}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          User email
          <input type="email" value={filters.actorEmail ?? ''} onChange={set('actorEmail')} />
        </label>
        <label className="inline">
          From
          <input type="date" value={filters.from ?? ''} onChange={set('from')} />
        </label>
        <label className="inline">
          To
          <input type="date" value={filters.to ?? ''} onChange={set('to')} />
        </label>
        <label className="inline">
          Object
          <input placeholder="type, e.g. case" value={filters.objectType ?? ''} onChange={set('objectType')} />
        </label>
        <label className="inline">
          Number
          <input inputMode="numeric" value={filters.objectId ?? ''} onChange={set('objectId')} />
        </label>
        <button className="primary">Filter</button>
      </form>
      {log.error ? <ErrorPanel error={log.error} /> : null}
      <table className="table small" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Object</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq}>
              <td>{e.seq}</td>
              <td>{fmtDateTime(e.at)}</td>
              <td>
                {e.actor_email ?? 'system'} {e.actor_country ? `(${e.actor_country})` : ''}
              </td>
              <td>{e.action.replace(/[._]/g, ' ')}</td>
              <td>
                {e.object_type.replace(/_/g, ' ')} {e.object_id}
              </td>
              <td className="details">{detailWords(e.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length === 0 && !log.loading && <p className="muted">No row matches.</p>}
      <div className="row">
        <button disabled={pages.length === 0} onClick={() => setPages(pages.slice(0, -1))}>
          Newer
        </button>
        <button disabled={entries.length < 100} onClick={() => setPages([...pages, entries[entries.length - 1]!.seq])}>
          Older
        </button>
      </div>
    </section>
  );
}
