// Audit log for the data protection officer: filters, keyset paging, and the hash-chain check.
import { useState, type FormEvent } from 'react';
import { get } from '../api.js';
import { ActionError, ErrorPanel, fmtDateTime, useAction, useApi } from '../components/common.js';

interface Entry { seq: number; at?: string; created_at?: string; actor_user_id?: number | null; actor_email?: string | null; actor_country?: string | null; action: string; object_type?: string; object_id?: string | null; details?: unknown; ip?: string | null; [k: string]: unknown }
interface Filters { actorUserId?: string; objectType?: string; objectId?: string; action?: string }

const pick = (e: Entry, ...keys: string[]) => { for (const k of keys) if (e[k] != null) return e[k] as string; return undefined; };

export function AuditPage() {
  const [filters, setFilters] = useState<Filters>({});
  const [applied, setApplied] = useState<Filters>({});
  const [pages, setPages] = useState<number[]>([]); // afterSeq of each page beyond the first
  const after = pages[pages.length - 1];
  const log = useApi(() => get<{ entries: Entry[] }>('/api/v1/audit', { ...applied, afterSeq: after, limit: 100 }), [applied, after]);
  const verify = useAction();
  const [chain, setChain] = useState<unknown>();

  const submit = (e: FormEvent) => { e.preventDefault(); setPages([]); setApplied({ ...filters }); };
  const entries = log.data?.entries ?? [];
  return (
    <section>
      <div className="row spread">
        <h1>Audit log</h1>
        <div className="row">
          <button onClick={() => void verify.run(async () => setChain(await get('/api/v1/audit/verify')))} disabled={verify.busy}>Verify the hash chain</button>
        </div>
      </div>
      <ActionError error={verify.error} />
      {chain !== undefined && <pre className="panel small" data-testid="chain-result">{JSON.stringify(chain, null, 2)}</pre>}
      <form className="row filters" onSubmit={submit} aria-label="Filter the audit log">
        <input placeholder="action, e.g. series.read" value={filters.action ?? ''} onChange={(e) => setFilters({ ...filters, action: e.target.value })} />
        <input placeholder="object type" value={filters.objectType ?? ''} onChange={(e) => setFilters({ ...filters, objectType: e.target.value })} />
        <input placeholder="object id" value={filters.objectId ?? ''} onChange={(e) => setFilters({ ...filters, objectId: e.target.value })} />
        <input placeholder="actor user id" inputMode="numeric" value={filters.actorUserId ?? ''} onChange={(e) => setFilters({ ...filters, actorUserId: e.target.value.replace(/\D/g, '') })} />
        <button className="primary">Filter</button>
      </form>
      {log.error ? <ErrorPanel error={log.error} /> : null}
      <table className="table small" data-testid="audit-table">
        <thead><tr><th>#</th><th>When</th><th>Who</th><th>Action</th><th>Object</th><th>Details</th></tr></thead>
        <tbody>{entries.map((e) => (
          <tr key={e.seq}>
            <td>{e.seq}</td><td>{fmtDateTime(pick(e, 'at', 'createdAt', 'created_at'))}</td>
            <td>{pick(e, 'actorEmail', 'actor_email') ?? pick(e, 'actorUserId', 'actor_user_id') ?? 'system'} {pick(e, 'actorCountry', 'actor_country') ? `(${pick(e, 'actorCountry', 'actor_country')})` : ''}</td>
            <td><code>{e.action}</code></td><td>{pick(e, 'objectType', 'object_type')} {pick(e, 'objectId', 'object_id')}</td>
            <td className="details">{e.details && Object.keys(e.details as object).length ? JSON.stringify(e.details) : ''}</td>
          </tr>
        ))}</tbody>
      </table>
      <div className="row">
        <button disabled={pages.length === 0} onClick={() => setPages(pages.slice(0, -1))}>Newer</button>
        <button disabled={entries.length < 100} onClick={() => setPages([...pages, entries[entries.length - 1]!.seq])}>Older</button>
      </div>
    </section>
  );
}
