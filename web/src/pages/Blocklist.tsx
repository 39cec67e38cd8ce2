// The "worst of" domain block list (IWOL): the list (active / pending / removed, search by domain), a proposal
// form for investigators and analysts of member countries, the entry page with its verifications and the steps
// its reader may take (confirm or re-verify, remove with a reason), the hub's review-due list, and the active
// list's download (text or CSV) for NCB officers and the hub. Domains are shown as text only: never fetched, never linked.
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, get, post } from '../api.js';
import { Link, NotFound, Route, Routes, WithId, navigate } from '../router.js';
import { useSession, type Me } from '../session.js';
import { ActionError, Badge, Loader, fmtDate, fmtDateTime } from '../components/common.js';
import { useAction, useGet } from '../query.js';
import type { paths } from '../api-types.js';

export type BlocklistEntry = paths['/api/v1/blocklist/{id}']['get']['responses'][200]['content']['application/json'];
type Status = BlocklistEntry['status'];
type Verification = BlocklistEntry['verifications'][number];
type Agency = paths['/api/v1/agencies']['get']['responses'][200]['content']['application/json']['agencies'][number];
/** The checklist a verifier attests (the request body's criteria). */
type Criteria = NonNullable<paths['/api/v1/blocklist']['post']['requestBody']>['content']['application/json']['criteria'];

const STATUSES: Status[] = ['active', 'pending', 'removed'];
const statusBadge: Record<Status, string> = { active: 'active', pending: 'warn', removed: 'muted' };
const KIND_LABEL: Record<Verification['kind'], string> = { proposal: 'proposal', confirmation: 'confirmation', review: 're-verification' };
const PAGE = 100;

const isVerifier = (me: Me) => me.role === 'investigator' || me.role === 'analyst';
const isHubStaff = (me: Me) => me.isHub && (me.role === 'analyst' || me.role === 'admin');
const mayDownload = (me: Me) => me.role === 'ncb_officer' || isHubStaff(me);

/** Agency names for the verification table (ids otherwise). */
function useAgencies() {
  const s = useGet<{ agencies: Agency[] }>('/api/v1/agencies');
  return (id: number) => s.data?.agencies.find((a) => a.id === id)?.name ?? `agency ${id}`;
}

export function BlocklistPage() {
  return (
    <Routes>
      <Route index element={<BlocklistList />} />
      <Route path="review" element={<ReviewDue />} />
      <Route path=":id" element={<WithId page={(id) => <EntryPage id={id} />} />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

/** The two checkboxes every verification attests, with their exact meaning. */
function CriteriaFields({ value, onChange }: { value: Criteria; onChange(c: Criteria): void }) {
  return (
    <fieldset className="checks blocklist-criteria">
      <legend>Criteria (both must be true, from material seen in your own case)</legend>
      <label className="inline">
        <input type="checkbox" checked={value.childrenUnder13} onChange={(e) => onChange({ ...value, childrenUnder13: e.target.checked })} />
        Real children apparently under 13
      </label>
      <label className="inline">
        <input type="checkbox" checked={value.severeAbuse} onChange={(e) => onChange({ ...value, severeAbuse: e.target.checked })} />
        Severe abuse
      </label>
    </fieldset>
  );
}

function Downloads() {
  return (
    <p className="row wrap blocklist-downloads" data-testid="blocklist-download">
      <span className="muted">Active list for access providers:</span>
      <a className="button" href="/api/v1/blocklist/download?format=txt" download>
        Download as text
      </a>
      <a className="button" href="/api/v1/blocklist/download?format=csv" download>
        Download as CSV
      </a>
    </p>
  );
}

function BlocklistList() {
  const { me } = useSession();
  const [filter, setFilter] = useState<{ status?: Status; q?: string }>({});
  const [q, setQ] = useState('');
  const [more, setMore] = useState<{ entries: BlocklistEntry[]; full: boolean }>({ entries: [], full: true });
  const list = useGet<{ entries: BlocklistEntry[] }>('/api/v1/blocklist', { ...filter, limit: PAGE });
  // A new filter starts the list again from its first page.
  useEffect(() => setMore({ entries: [], full: true }), [filter.status, filter.q]);
  const act = useAction();
  const shown = [...(list.data?.entries ?? []), ...more.entries];
  const hasMore = (list.data?.entries.length ?? 0) === PAGE && more.full;
  const loadMore = () =>
    act.run(async () => {
      const r = await get<{ entries: BlocklistEntry[] }>('/api/v1/blocklist', { ...filter, limit: PAGE, afterId: shown.at(-1)?.id });
      setMore((m) => ({ entries: [...m.entries, ...r.entries], full: r.entries.length === PAGE }));
    });
  const canPropose = isVerifier(me) && !me.isHub;
  return (
    <section>
      <div className="row spread">
        <h1>Domain block list</h1>
        {isHubStaff(me) && (
          <Link to="/blocklist/review" className="button">
            Due for review
          </Link>
        )}
      </div>
      <p className="muted">
        The “worst of” list: domains showing real children apparently under 13 in severe abuse. A proposal becomes active once an agency of another country
        confirms both criteria; active entries are reviewed every 90 days. ICSE never visits these domains.
      </p>
      {mayDownload(me) && <Downloads />}
      {canPropose && <ProposeForm />}
      <form
        className="row filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ ...filter, q: q.trim() || undefined });
        }}
      >
        <label className="inline">
          Status
          <select value={filter.status ?? ''} onChange={(e) => setFilter({ ...filter, status: (e.target.value || undefined) as Status | undefined })}>
            <option value="">all</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          Domain contains
          <input value={q} placeholder="e.g. example" onChange={(e) => setQ(e.target.value)} />
        </label>
        <button type="submit">Find</button>
      </form>
      <Loader state={list}>
        {() =>
          shown.length === 0 ? (
            <p className="muted">No entry.</p>
          ) : (
            <>
              <EntryTable entries={shown} testId="blocklist-list" />
              {hasMore && (
                <p>
                  <button type="button" disabled={act.busy} onClick={() => void loadMore()}>
                    Show more
                  </button>
                </p>
              )}
              <ActionError error={act.error} />
            </>
          )
        }
      </Loader>
    </section>
  );
}

function EntryTable({ entries, testId }: { entries: BlocklistEntry[]; testId: string }) {
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          <th>Domain</th>
          <th>Status</th>
          <th>Proposed by</th>
          <th>Verified by</th>
          <th>Active since</th>
          <th>Review due</th>
          <th>Proposed</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id} data-testid={`entry-${e.domain}`}>
            <td>
              <Link to={`/blocklist/${e.id}`} className="mono">
                {e.domain}
              </Link>
            </td>
            <td>
              <Badge kind={statusBadge[e.status]}>{e.status}</Badge>
            </td>
            <td>{e.proposerCountry}</td>
            <td>{e.verifyingCountries.join(', ')}</td>
            <td>{fmtDate(e.activatedAt)}</td>
            <td>{e.status === 'active' ? fmtDate(e.reviewDue) : '—'}</td>
            <td>{fmtDate(e.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ProposeForm() {
  const [domain, setDomain] = useState('');
  const [note, setNote] = useState('');
  const [criteria, setCriteria] = useState<Criteria>({ childrenUnder13: false, severeAbuse: false });
  const act = useAction();
  const existing = act.error instanceof ApiError && act.error.status === 409 ? (act.error.details as { entryId?: number } | undefined)?.entryId : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act.run(async () => {
      const entry = await post<BlocklistEntry>('/api/v1/blocklist', { domain, criteria, ...(note.trim() ? { note: note.trim() } : {}) });
      navigate(`/blocklist/${entry.id}`);
    });
  };
  return (
    <form className="panel form form-grid" onSubmit={submit} aria-label="Propose a domain">
      <h2>Propose a domain</h2>
      <label>
        Domain
        <input value={domain} onChange={(e) => setDomain(e.target.value)} placeholder="example.org, or a URL (only its host is kept)" className="wide" />
      </label>
      <CriteriaFields value={criteria} onChange={setCriteria} />
      <label>
        Note (optional)
        <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder="your case reference, what was seen (no media)" />
      </label>
      <ActionError error={act.error} />
      {existing && (
        <p>
          <Link to={`/blocklist/${existing}`}>Open entry {existing}</Link>
        </p>
      )}
      <button className="primary" type="submit" disabled={act.busy || !domain.trim()}>
        Propose domain
      </button>
    </form>
  );
}

function EntryPage({ id }: { id: number }) {
  const { me } = useSession();
  const entry = useGet<BlocklistEntry>(`/api/v1/blocklist/${id}`);
  const agency = useAgencies();
  return (
    <Loader state={entry}>
      {(e) => {
        const mine = e.verifications.some((v) => v.agencyId === me.agencyId && v.kind !== 'review');
        const canConfirm = e.status === 'pending' && isVerifier(me) && !me.isHub && !mine;
        const canReverify = e.status === 'active' && isVerifier(me);
        const canRemove = e.status !== 'removed' && (isHubStaff(me) || (isVerifier(me) && e.verifications.some((v) => v.agencyId === me.agencyId)));
        return (
          <div>
            <p className="muted">
              <Link to="/blocklist">← block list</Link>
            </p>
            <h1 className="mono blocklist-domain" data-testid="entry-domain">
              {e.domain}
            </h1>
            <p>
              <Badge kind={statusBadge[e.status]}>
                <span data-testid="entry-status">{e.status}</span>
              </Badge>{' '}
              proposed by {e.proposerCountry} ({agency(e.proposerAgencyId)}) on {fmtDateTime(e.createdAt)}
            </p>
            <dl className="facts">
              {e.awaiting && (
                <div>
                  <dt>awaiting</dt>
                  <dd>{e.awaiting}</dd>
                </div>
              )}
              <div>
                <dt>verified by</dt>
                <dd>{e.verifyingCountries.join(', ')}</dd>
              </div>
              {e.activatedAt && (
                <div>
                  <dt>active since</dt>
                  <dd>{fmtDateTime(e.activatedAt)}</dd>
                </div>
              )}
              {e.lastVerifiedAt && (
                <div>
                  <dt>last verified</dt>
                  <dd>{fmtDateTime(e.lastVerifiedAt)}</dd>
                </div>
              )}
              {e.status === 'active' && (
                <div>
                  <dt>review due</dt>
                  <dd data-testid="entry-review-due">{fmtDate(e.reviewDue)}</dd>
                </div>
              )}
              {e.removedAt && (
                <div>
                  <dt>removed</dt>
                  <dd>
                    {fmtDateTime(e.removedAt)}: {e.removalReason}
                  </dd>
                </div>
              )}
              {e.note && (
                <div>
                  <dt>note</dt>
                  <dd>{e.note}</dd>
                </div>
              )}
            </dl>
            <h2>Verifications</h2>
            <table className="table" data-testid="verifications">
              <thead>
                <tr>
                  <th>Step</th>
                  <th>Country</th>
                  <th>Agency</th>
                  <th>Date</th>
                  <th>Criteria attested</th>
                  <th>Note</th>
                </tr>
              </thead>
              <tbody>
                {e.verifications.map((v) => (
                  <tr key={v.id}>
                    <td>{KIND_LABEL[v.kind]}</td>
                    <td>{v.countryCode}</td>
                    <td>{agency(v.agencyId)}</td>
                    <td>{fmtDateTime(v.at)}</td>
                    <td>{[v.childrenUnder13 && 'children under 13', v.severeAbuse && 'severe abuse'].filter(Boolean).join(', ')}</td>
                    <td>{v.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {e.status === 'pending' && mine && (
              <p className="muted">Your agency has verified this entry; it needs an agency of another country to confirm it.</p>
            )}
            {(canConfirm || canReverify) && <VerifyForm key={e.status} entry={e} onDone={entry.setData} sameCountry={me.countryCode === e.proposerCountry} />}
            {canRemove && <RemoveForm entry={e} onDone={entry.setData} />}
            <History entry={e} />
          </div>
        );
      }}
    </Loader>
  );
}

function VerifyForm({ entry, onDone, sameCountry }: { entry: BlocklistEntry; onDone(e: BlocklistEntry): void; sameCountry: boolean }) {
  const [criteria, setCriteria] = useState<Criteria>({ childrenUnder13: false, severeAbuse: false });
  const [note, setNote] = useState('');
  const act = useAction();
  const pending = entry.status === 'pending';
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    void act.run(async () =>
      onDone(await post<BlocklistEntry>(`/api/v1/blocklist/${entry.id}/verifications`, { criteria, ...(note.trim() ? { note: note.trim() } : {}) })),
    );
  };
  return (
    <form className="panel form form-grid blocklist-step" onSubmit={submit} aria-label={pending ? 'Confirm the entry' : 'Re-verify the entry'}>
      <h2>{pending ? 'Confirm' : 'Re-verify'}</h2>
      <p className="muted">
        {pending
          ? sameCountry
            ? 'A confirmation by another agency of the proposing country is recorded, but only an agency of another country activates the entry.'
            : 'Your confirmation activates the entry.'
          : 'Checked again that the domain still shows this material: the review date moves to 90 days from today.'}
      </p>
      <CriteriaFields value={criteria} onChange={setCriteria} />
      <label>
        Verification note (optional)
        <input value={note} onChange={(e) => setNote(e.target.value)} className="wide" />
      </label>
      <ActionError error={act.error} />
      <button className="primary" type="submit" disabled={act.busy}>
        {pending ? 'Confirm entry' : 'Re-verify entry'}
      </button>
    </form>
  );
}

function RemoveForm({ entry, onDone }: { entry: BlocklistEntry; onDone(e: BlocklistEntry): void }) {
  const [reason, setReason] = useState('');
  const act = useAction();
  return (
    <form
      className="panel row wrap blocklist-step"
      aria-label="Remove the entry"
      onSubmit={(ev) => {
        ev.preventDefault();
        void act.run(async () => onDone(await post<BlocklistEntry>(`/api/v1/blocklist/${entry.id}/remove`, { reason })));
      }}
    >
      <label className="inline">
        Reason for removal
        <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. content gone, domain parked" className="wide" />
      </label>
      <button type="submit" disabled={act.busy || !reason.trim()}>
        Remove from the list
      </button>
      <ActionError error={act.error} />
    </form>
  );
}

/** Earlier, removed entries of the same domain (a domain proposed again is a new entry). */
function History({ entry }: { entry: BlocklistEntry }) {
  const hist = useGet<{ entries: BlocklistEntry[] }>('/api/v1/blocklist', { domain: entry.domain, status: 'removed', limit: 20 });
  const earlier = (hist.data?.entries ?? []).filter((x) => x.id !== entry.id);
  if (!earlier.length) return null;
  return (
    <section>
      <h2>Earlier entries for this domain</h2>
      <ul className="plain">
        {earlier.map((x) => (
          <li key={x.id}>
            <Link to={`/blocklist/${x.id}`}>Entry {x.id}</Link> removed {fmtDateTime(x.removedAt)}: {x.removalReason}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ReviewDue() {
  const [within, setWithin] = useState(0);
  const due = useGet<{ until: string; entries: BlocklistEntry[] }>('/api/v1/blocklist/review-due', { withinDays: within });
  return (
    <section>
      <p className="muted">
        <Link to="/blocklist">← block list</Link>
      </p>
      <h1>Due for review</h1>
      <p className="muted">Active entries whose 90-day review has come. Open one to re-verify it (the review date moves) or remove it with a reason.</p>
      <label className="inline">
        Include entries due within
        <select value={within} onChange={(e) => setWithin(Number(e.target.value))}>
          {[0, 7, 30, 90].map((d) => (
            <option key={d} value={d}>
              {d === 0 ? 'today (overdue)' : `${d} days`}
            </option>
          ))}
        </select>
      </label>
      <Loader state={due}>
        {(r) =>
          r.entries.length === 0 ? <p className="muted">Nothing due until {fmtDate(r.until)}.</p> : <EntryTable entries={r.entries} testId="review-due" />
        }
      </Loader>
    </section>
  );
}
