// Start page: my visible cases (open a new one), or a short orientation for roles without case access.
import { useState, type FormEvent } from 'react';
import { post } from '../api.js';
import { Link, navigate } from '../router.js';
import { CASE_ROLES, useSession } from '../session.js';
import { ActionError, Badge, Loader, fmtDate } from '../components/common.js';
import { useAction, useGet } from '../query.js';
import { DistributionFields, type Distribution } from '../components/Distribution.js';
import type { paths } from '../api-types.js';

/** A case, with what I may do with it (src/policy: update, consult), decided by the server. */
export type Case = paths['/api/v1/cases/{id}']['get']['responses'][200]['content']['application/json'];
function NewCase() {
  const [reference, setReference] = useState('');
  const [title, setTitle] = useState('');
  const [dist, setDist] = useState<Distribution>({ distribution: 'country', sharedWith: [] });
  const act = useAction('/api/v1/cases');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act.run(async () => {
      const c = await post<Case>('/api/v1/cases', { reference, title, ...dist });
      navigate(`/cases/${c.id}`);
    });
  };
  return (
    <form className="panel form-grid" onSubmit={submit} aria-label="Open a case">
      <h3>Open a case</h3>
      <label>
        Reference
        <input name="reference" required maxLength={100} value={reference} onChange={(e) => setReference(e.target.value)} />
      </label>
      <label>
        Title
        <input name="title" required maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <DistributionFields value={dist} onChange={setDist} />
      <ActionError error={act.error} />
      <button className="primary" disabled={act.busy}>
        Open case
      </button>
    </form>
  );
}

type MySeizure = paths['/api/v1/home/seizures']['get']['responses'][200]['content']['application/json']['seizures'][number];
type Note = paths['/api/v1/notifications']['get']['responses'][200]['content']['application/json']['notifications'][number];
type Thread = paths['/api/v1/consultations']['get']['responses'][200]['content']['application/json']['consultations'][number];

/** What is waiting for me: my agency's seizures and what is left to review, unread notices, recent consultations. */
function MyWork() {
  const seizures = useGet<{ seizures: MySeizure[] }>('/api/v1/home/seizures', { limit: 8 });
  const inbox = useGet<{ notifications: Note[] }>('/api/v1/notifications', { unreadOnly: true, limit: 5 });
  const threads = useGet<{ consultations: Thread[] }>('/api/v1/consultations', { limit: 5 });
  return (
    <section className="panel my-work" aria-labelledby="my-work" data-testid="my-work">
      <h2 id="my-work">My work</h2>
      <div className="three-col">
        <div>
          <h3>Seizures of my agency</h3>
          <Loader state={seizures}>
            {({ seizures: list }) =>
              list.length === 0 ? (
                <p className="muted">None yet.</p>
              ) : (
                <ul className="plain">
                  {list.map((s) => (
                    <li key={s.id}>
                      <Link to={`/seizures/${s.id}`}>{s.label}</Link> <span className="muted small">({s.caseReference})</span>
                      <div className="small">
                        {s.status !== 'complete'
                          ? `processing ${s.progress} %`
                          : `${s.counts.knownNear} near and ${s.counts.new} new to review${s.counts.error ? `, ${s.counts.error} unreadable` : ''}`}
                      </div>
                    </li>
                  ))}
                </ul>
              )
            }
          </Loader>
        </div>
        <div>
          <h3>Unread in my inbox</h3>
          <Loader state={inbox}>
            {({ notifications }) =>
              notifications.length === 0 ? (
                <p className="muted">Nothing unread.</p>
              ) : (
                <ul className="plain">
                  {notifications.map((n) => (
                    <li key={n.id}>
                      {n.link ? <Link to={n.link}>{n.title}</Link> : n.title} <span className="muted small">{fmtDate(n.createdAt)}</span>
                    </li>
                  ))}
                </ul>
              )
            }
          </Loader>
        </div>
        <div>
          <h3>Recent consultations</h3>
          <Loader state={threads}>
            {({ consultations }) =>
              consultations.length === 0 ? (
                <p className="muted">None.</p>
              ) : (
                <ul className="plain">
                  {consultations.map((c) => (
                    <li key={c.id}>
                      <Link to={`/consultations/${c.id}`}>{c.subject}</Link>{' '}
                      <span className="muted small">
                        {c.caseReference} · {fmtDate(c.lastMessageAt)}
                      </span>
                    </li>
                  ))}
                </ul>
              )
            }
          </Loader>
        </div>
      </div>
    </section>
  );
}

export function Home() {
  const { me } = useSession();
  const [status, setStatus] = useState<'' | 'open' | 'closed'>('open');
  const cases = useGet<{ cases: Case[] }>(CASE_ROLES.includes(me.role) ? '/api/v1/cases' : null, { status, limit: 200 });

  if (!CASE_ROLES.includes(me.role)) {
    return (
      <section className="panel">
        <h1>Welcome, {me.displayName}</h1>
        <p>Your role does not give access to case data.</p>
        <ul>
          {me.role === 'dpo' && (
            <li>
              <Link to="/audit">Audit log</Link>: who read or changed what.
            </li>
          )}
          {me.role === 'dpo' && (
            <li>
              <Link to="/retention">Retention review</Link>: cases whose retention date is near or past.
            </li>
          )}
          {me.role === 'admin' && (
            <li>
              <Link to="/admin">Administration</Link>: users, agencies and member countries.
            </li>
          )}
          <li>
            <Link to="/stats">Statistics</Link>
          </li>
        </ul>
      </section>
    );
  }
  return (
    <>
      <MyWork />
      <div className="two-col">
        <section>
          <div className="row spread">
            <h1>Cases</h1>
            <label className="inline">
              Status
              <select value={status} aria-label="Case status" onChange={(e) => setStatus(e.target.value as typeof status)}>
                <option value="open">open</option>
                <option value="closed">closed</option>
                <option value="">all</option>
              </select>
            </label>
          </div>
          <Loader state={cases}>
            {({ cases: list }) =>
              list.length === 0 ? (
                <p className="muted">No case visible to you yet.</p>
              ) : (
                <table className="table" data-testid="case-list">
                  <thead>
                    <tr>
                      <th>Reference</th>
                      <th>Title</th>
                      <th>Owner</th>
                      <th>Sharing</th>
                      <th>Status</th>
                      <th>Opened</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((c) => (
                      <tr key={c.id}>
                        <td>
                          <Link to={`/cases/${c.id}`}>{c.reference}</Link>
                        </td>
                        <td>{c.title}</td>
                        <td>{c.ownerCountry}</td>
                        <td>
                          {c.distribution}
                          {c.sharedWith.length ? `: ${c.sharedWith.join(', ')}` : ''}
                        </td>
                        <td>
                          <Badge kind={c.status}>{c.status}</Badge>
                        </td>
                        <td>{fmtDate(c.createdAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )
            }
          </Loader>
        </section>
        <aside>
          <NewCase />
        </aside>
      </div>
    </>
  );
}
