// Notices and diffusions: the list (filters by kind, state, name or number), a request form for NCB
// officers, and the notice page with the steps its reader may take (submit, review, cancel, extract).
import { useState, type FormEvent } from 'react';
import { get, patch, post } from '../api.js';
import { Link, navigate, useLocation } from '../router.js';
import { useSession } from '../session.js';
import { ActionError, Badge, Loader, fmtDateTime } from '../components/common.js';
import { useAction, useGet } from '../query.js';
import { useCountryNames } from '../components/Distribution.js';
import type { paths } from '../api-types.js';

export type Notice = paths['/api/v1/notices/{id}']['get']['responses'][200]['content']['application/json'];
type Subject = Notice['subject'];
type Status = Notice['status'];
type Kind = Notice['kind'];

const statusBadge: Record<Status, string> = { draft: 'muted', submitted: 'warn', published: 'ok', refused: 'error', cancelled: 'muted' };
const personName = (s: Subject) => [s.forename, s.name].filter(Boolean).join(' ') || '(no name yet)';
const title = (n: Notice) => `${n.kind === 'yellow' ? 'Yellow' : 'Green'} ${n.channel}${n.entityId ? ` ${n.entityId}` : ''}`;

export function NoticesPage() {
  const { me } = useSession();
  const [filter, setFilter] = useState<{ kind?: string; status?: string; q?: string }>({});
  const [q, setQ] = useState('');
  const list = useGet<{ notices: Notice[] }>('/api/v1/notices', { ...filter, limit: 100 });
  return (
    <section>
      <div className="row spread">
        <h1>Notices</h1>
        {me.role === 'ncb_officer' && !me.isHub && (
          <Link to="/notices/new" className="button primary">
            Request a notice or diffusion
          </Link>
        )}
      </div>
      <p className="muted">
        Yellow notices look for missing persons; green notices warn about likely repeat offenders. Published notices reach every member country; diffusions only
        the countries they name.
      </p>
      <form
        className="row"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ ...filter, q: q.trim() || undefined });
        }}
      >
        <label className="inline">
          Kind
          <select value={filter.kind ?? ''} onChange={(e) => setFilter({ ...filter, kind: e.target.value || undefined })}>
            <option value="">all</option>
            <option value="yellow">yellow</option>
            <option value="green">green</option>
          </select>
        </label>
        <label className="inline">
          State
          <select value={filter.status ?? ''} onChange={(e) => setFilter({ ...filter, status: e.target.value || undefined })}>
            <option value="">all</option>
            {(['draft', 'submitted', 'published', 'refused', 'cancelled'] as const).map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <input aria-label="Name or number" placeholder="name or YYYY/NNNN" value={q} onChange={(e) => setQ(e.target.value)} />
        <button type="submit">Find</button>
      </form>
      <Loader state={list}>
        {({ notices }) =>
          notices.length === 0 ? (
            <p className="muted">No notice.</p>
          ) : (
            <table className="table" data-testid="notice-list">
              <thead>
                <tr>
                  <th>Notice</th>
                  <th>Person</th>
                  <th>From</th>
                  <th>State</th>
                  <th>Created</th>
                </tr>
              </thead>
              <tbody>
                {notices.map((n) => (
                  <tr key={n.id}>
                    <td>
                      <Link to={`/notices/${n.id}`}>{title(n)}</Link>
                    </td>
                    <td>{personName(n.subject)}</td>
                    <td>{n.requestingCountry}</td>
                    <td>
                      <Badge kind={statusBadge[n.status]}>{n.status}</Badge>
                    </td>
                    <td>{fmtDateTime(n.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loader>
    </section>
  );
}

const FIELDS: Array<[keyof Subject, string, string?]> = [
  ['name', 'Family name'],
  ['forename', 'Forename'],
  ['date_of_birth', 'Date of birth', 'YYYY or YYYY-MM-DD'],
  ['place_of_birth', 'Place of birth'],
  ['distinguishing_marks', 'Distinguishing marks'],
  ['date_of_event', 'Date of disappearance', 'YYYY-MM-DD'],
  ['place', 'Place of disappearance'],
];

export function NewNoticePage() {
  const { members } = useCountryNames();
  // Opened from a victim's page: the yellow notice is linked to that victim.
  const victimId = Number(useLocation().query.get('victimId')) || null;
  const [kind, setKind] = useState<Kind>('yellow');
  const [channel, setChannel] = useState<'notice' | 'diffusion'>('notice');
  const [recipients, setRecipients] = useState<string[]>([]);
  const [subject, setSubject] = useState<Subject>({});
  const [summary, setSummary] = useState('');
  const [extract, setExtract] = useState(false);
  const act = useAction();
  const clean = Object.fromEntries(Object.entries(subject).filter(([, v]) => v !== '' && v !== undefined));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act.run(async () => {
      const n = await post<Notice>('/api/v1/notices', {
        kind,
        channel,
        ...(victimId && kind === 'yellow' ? { victimId } : {}),
        ...(channel === 'diffusion' ? { recipients } : {}),
        subject: clean,
        summary,
        ...(kind === 'yellow' ? { publicExtract: extract, requesterConsent: extract } : {}),
      });
      navigate(`/notices/${n.id}`);
    });
  };
  return (
    <form className="panel form" onSubmit={submit} aria-label="Notice request">
      <h1>Request a notice or diffusion</h1>
      {victimId && (
        <p className="muted" data-testid="notice-victim">
          For <Link to={`/victims/${victimId}`}>victim #{victimId}</Link> (yellow notices only).
        </p>
      )}
      <div className="row">
        <label className="inline">
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <option value="yellow">yellow (missing person)</option>
            <option value="green">green (warning on an offender)</option>
          </select>
        </label>
        <label className="inline">
          Channel
          <select value={channel} onChange={(e) => setChannel(e.target.value as 'notice' | 'diffusion')}>
            <option value="notice">notice (reviewed, to every country)</option>
            <option value="diffusion">diffusion (to named countries)</option>
          </select>
        </label>
        <label className="inline">
          Sex
          <select value={subject.sex_id ?? ''} onChange={(e) => setSubject({ ...subject, sex_id: (e.target.value || undefined) as Subject['sex_id'] })}>
            <option value="">—</option>
            <option value="F">female</option>
            <option value="M">male</option>
            <option value="U">unknown</option>
          </select>
        </label>
      </div>
      {channel === 'diffusion' && (
        <fieldset className="checks">
          <legend>Send to</legend>
          {members.map((c) => (
            <label key={c.code} className="inline">
              <input
                type="checkbox"
                checked={recipients.includes(c.code)}
                onChange={(e) => setRecipients(e.target.checked ? [...recipients, c.code] : recipients.filter((x) => x !== c.code))}
              />
              {c.name}
            </label>
          ))}
        </fieldset>
      )}
      {FIELDS.map(([key, label, hint]) => (
        <label key={key}>
          {label}
          <input value={(subject[key] as string | undefined) ?? ''} placeholder={hint} onChange={(e) => setSubject({ ...subject, [key]: e.target.value })} />
        </label>
      ))}
      <label>
        Summary
        <textarea value={summary} onChange={(e) => setSummary(e.target.value)} rows={4} />
      </label>
      {kind === 'yellow' && (
        <label className="inline">
          <input type="checkbox" checked={extract} onChange={(e) => setExtract(e.target.checked)} />
          Ask for a public extract (my NCB consents)
        </label>
      )}
      <ActionError error={act.error} />
      <button className="primary" type="submit" disabled={act.busy}>
        Save draft
      </button>
    </form>
  );
}

export function NoticePage({ id }: { id: number }) {
  const { me } = useSession();
  const notice = useGet<Notice>(`/api/v1/notices/${id}`);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [extract, setExtract] = useState<Record<string, unknown>>();
  const act = useAction();
  const step = (fn: () => Promise<Notice>) => act.run(async () => notice.setData(await fn()));
  return (
    <Loader state={notice}>
      {(n) => {
        const ownNcb = me.role === 'ncb_officer' && n.requestingCountry === me.countryCode;
        const reviewer = me.isHub && (me.role === 'analyst' || me.role === 'admin');
        return (
          <div>
            <p className="muted">
              <Link to="/notices">← notices</Link>
            </p>
            <h1 data-testid="notice-title">
              {title(n)} · {personName(n.subject)}
            </h1>
            <p>
              <Badge kind={statusBadge[n.status]}>
                <span data-testid="notice-status">{n.status}</span>
              </Badge>{' '}
              requested by {n.requestingCountry}
              {n.channel === 'diffusion' ? ` to ${n.recipients.join(', ')}` : ''}
              {n.publishedAt ? ` · out since ${fmtDateTime(n.publishedAt)}` : ''}
            </p>
            <dl className="facts">
              {Object.entries(n.subject).map(([k, v]) => (
                <div key={k}>
                  <dt>{k.replace(/_/g, ' ')}</dt>
                  <dd>{Array.isArray(v) ? v.join(', ') : String(v)}</dd>
                </div>
              ))}
            </dl>
            {n.summary && <p>{n.summary}</p>}
            {n.victimId && (
              <p>
                <Link to={`/victims/${n.victimId}`}>Linked victim</Link>
              </p>
            )}
            {n.reviewNote && <p className="panel">Review note: {n.reviewNote}</p>}
            {n.cancelReason && <p className="panel">Cancelled: {n.cancelReason}</p>}
            <ActionError error={act.error} />
            {ownNcb && n.status === 'draft' && (
              <button className="primary" disabled={act.busy} onClick={() => void step(() => post(`/api/v1/notices/${id}/submit`))}>
                {n.channel === 'diffusion' ? 'Send diffusion' : 'Submit for review'}
              </button>
            )}
            {ownNcb && n.status === 'refused' && (
              <button disabled={act.busy} onClick={() => void step(() => patch(`/api/v1/notices/${id}`, { summary: n.summary }))}>
                Reopen as draft
              </button>
            )}
            {reviewer && n.status === 'submitted' && (
              <div className="panel row">
                <input aria-label="Review note" placeholder="note (required to refuse)" value={note} onChange={(e) => setNote(e.target.value)} />
                <button
                  className="primary"
                  disabled={act.busy}
                  onClick={() => void step(() => post(`/api/v1/notices/${id}/review`, { decision: 'publish', ...(note ? { note } : {}) }))}
                >
                  Publish
                </button>
                <button disabled={act.busy} onClick={() => void step(() => post(`/api/v1/notices/${id}/review`, { decision: 'refuse', note }))}>
                  Refuse
                </button>
              </div>
            )}
            {ownNcb && (n.status === 'published' || n.status === 'submitted') && (
              <div className="panel row">
                <input aria-label="Reason for cancelling" placeholder="e.g. found safe" value={reason} onChange={(e) => setReason(e.target.value)} />
                <button disabled={act.busy || !reason.trim()} onClick={() => void step(() => post(`/api/v1/notices/${id}/cancel`, { reason }))}>
                  Cancel notice
                </button>
              </div>
            )}
            {n.kind === 'yellow' && n.status === 'published' && n.publicExtract && n.requesterConsent && (
              <p>
                <button disabled={act.busy} onClick={() => void act.run(async () => setExtract(await get(`/api/v1/notices/${id}/extract`)))}>
                  Show public extract
                </button>
              </p>
            )}
            {extract && (
              <pre className="panel" data-testid="public-extract">
                {JSON.stringify(extract, null, 2)}
              </pre>
            )}
          </div>
        );
      }}
    </Loader>
  );
}

/** The notices linked to a victim, and for an NCB officer a way to ask for a yellow notice about them. */
export function VictimNotices({ victimId }: { victimId: number }) {
  const { me } = useSession();
  const list = useGet<{ notices: Notice[] }>('/api/v1/notices', { victimId, limit: 20 });
  const canRequest = me.role === 'ncb_officer' && !me.isHub;
  return (
    <section className="panel" data-testid="victim-notices">
      <div className="row spread">
        <h2>Notices</h2>
        {canRequest && (
          <Link to={`/notices/new?victimId=${victimId}`} className="button">
            Request a yellow notice
          </Link>
        )}
      </div>
      {list.error ? (
        <p className="muted">Notices cannot be shown to your role.</p>
      ) : !list.data ? (
        <p className="muted">Loading…</p>
      ) : list.data.notices.length === 0 ? (
        <p className="muted">No notice about this victim.</p>
      ) : (
        <ul className="plain">
          {list.data.notices.map((n) => (
            <li key={n.id}>
              <Link to={`/notices/${n.id}`}>{title(n)}</Link> · <Badge kind={statusBadge[n.status]}>{n.status}</Badge> · {n.requestingCountry}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
