// Referral packages, incidents and the hub's unassigned queue. Referrals carry hashes only: the pages show
// hashes and verdicts (known-exact / known-near / new) and, for known material, what its owner lets the reader
// learn ("known to X, contact its NCB" as the API words it). No media, no file names, no links to media.
import { useState, type FormEvent } from 'react';
import { get, post } from '../api.js';
import { Link } from '../router.js';
import { useSession, type Me } from '../session.js';
import { ActionError, Badge, Loader, fmtDateTime } from '../components/common.js';
import { useAction, useGet } from '../query.js';
import { useCountryNames } from '../components/Distribution.js';
import type { paths } from '../api-types.js';

export type ReferralPackage = paths['/api/v1/referrals/packages/{id}']['get']['responses'][200]['content']['application/json'];
export type PackageCounts = ReferralPackage['counts'];
export type Incident = paths['/api/v1/referrals/incidents/{id}']['get']['responses'][200]['content']['application/json'];
export type ReferralFile = Incident['files'][number];
export type Verdict = ReferralFile['result'];
type Known = ReferralFile['known'];
type Outcome = NonNullable<NonNullable<Incident['action']>['outcome']>;
type IncidentPageAnswer = paths['/api/v1/referrals/unassigned']['get']['responses'][200]['content']['application/json'];

export const VERDICT_LABEL: Record<Verdict, string> = { known_exact: 'known-exact', known_near: 'known-near', new: 'new' };
export const OUTCOME_LABEL: Record<Outcome, string> = {
  case_opened: 'case opened',
  added_to_case: 'added to an existing case',
  referred: 'referred to another authority',
  no_further_action: 'no further action',
};
const WITH_CASE: Outcome[] = ['case_opened', 'added_to_case'];
export const packageBadge = { delivered: 'warn', acknowledged: 'ok' } as const;

/** The General Secretariat (hub analysts, NCB officers, admins) or a member country's NCB officers and analysts. */
export const isHubReader = (me: Me) => me.isHub && ['analyst', 'ncb_officer', 'admin'].includes(me.role);
const isMemberReader = (me: Me) => !me.isHub && (me.role === 'ncb_officer' || me.role === 'analyst');

function knownText(k: Known): string | null {
  if (!k) return null;
  if (k.restricted) return k.message;
  return [
    k.ownerCountry ? `known to ${k.ownerCountry}` : 'known',
    k.series ? `series ${k.series.number}` : null,
    k.victimIdentified === true ? 'victim identified' : k.victimIdentified === false ? 'victim not identified' : null,
    k.offenderIdentified ? 'offender identified' : null,
    k.stage === 'pdq' ? `PDQ distance ${k.distance}` : k.stage ? `matched by ${k.stage}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

function Hashes({ f }: { f: ReferralFile }) {
  const rows = (['sha256', 'md5', 'sha1', 'pdq'] as const).filter((k) => f[k]);
  return (
    <dl className="facts referral-hashes">
      {rows.map((k) => (
        <div key={k}>
          <dt>{k === 'sha256' ? 'SHA-256' : k === 'sha1' ? 'SHA-1' : k.toUpperCase()}</dt>
          <dd className="mono">{f[k]}</dd>
        </div>
      ))}
    </dl>
  );
}

function FilesTable({ files }: { files: ReferralFile[] }) {
  return (
    <table className="table small" data-testid="referral-files">
      <thead>
        <tr>
          <th>Verdict</th>
          <th>Hashes</th>
          <th>What is known</th>
        </tr>
      </thead>
      <tbody>
        {files.map((f) => (
          <tr key={f.fileId} data-testid="referral-file" data-result={f.result}>
            <td>
              <Badge kind={f.result}>{VERDICT_LABEL[f.result]}</Badge>
            </td>
            <td>
              <Hashes f={f} />
            </td>
            <td data-testid="known">{knownText(f.known) ?? <span className="muted">not known to ICSE: may show a child not yet identified</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ActionForm({ incident, onDone }: { incident: Incident; onDone(i: Incident): void }) {
  const [outcome, setOutcome] = useState<Outcome | ''>(incident.action?.outcome ?? '');
  const [caseReference, setCaseReference] = useState(incident.action?.caseReference ?? '');
  const [note, setNote] = useState(incident.action?.note ?? '');
  const act = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act.run(async () =>
      onDone(
        await post<Incident>(`/api/v1/referrals/incidents/${incident.id}/action`, {
          outcome,
          ...(caseReference.trim() ? { caseReference: caseReference.trim() } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
        }),
      ),
    );
  };
  return (
    <form className="row wrap referral-action" onSubmit={submit} aria-label={`Action taken on incident ${incident.providerIncidentId}`}>
      <label className="inline">
        Outcome
        <select value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
          <option value="">choose…</option>
          {(Object.keys(OUTCOME_LABEL) as Outcome[]).map((o) => (
            <option key={o} value={o}>
              {OUTCOME_LABEL[o]}
            </option>
          ))}
        </select>
      </label>
      <label className="inline">
        Case reference
        <input
          value={caseReference}
          onChange={(e) => setCaseReference(e.target.value)}
          placeholder={outcome && WITH_CASE.includes(outcome) ? 'required' : 'if any'}
        />
      </label>
      <label className="inline">
        Note
        <input value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={act.busy || !outcome}>
        Record action
      </button>
      <ActionError error={act.error} />
    </form>
  );
}

function AssignForm({ incident, onDone }: { incident: Incident; onDone(i: Incident): void }) {
  const { members } = useCountryNames();
  const [country, setCountry] = useState('');
  const act = useAction();
  const options = members.filter((c) => c.code !== incident.country);
  return (
    <form
      className="row wrap referral-action"
      aria-label={`Assign incident ${incident.providerIncidentId}`}
      onSubmit={(e) => {
        e.preventDefault();
        void act.run(async () => onDone(await post<Incident>(`/api/v1/referrals/incidents/${incident.id}/assign`, { country })));
      }}
    >
      <label className="inline">
        {incident.country ? 'Refer to another country' : 'Assign to country'}
        <select value={country} onChange={(e) => setCountry(e.target.value)}>
          <option value="">choose…</option>
          {options.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name} ({c.code})
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={act.busy || !country}>
        Assign
      </button>
      <ActionError error={act.error} />
    </form>
  );
}

export function IncidentCard({ incident, onChange }: { incident: Incident; onChange(i: Incident): void }) {
  const { me } = useSession();
  const [editing, setEditing] = useState(false);
  const i = incident;
  const canAct = isMemberReader(me) && i.packageId !== null;
  const canAssign = isHubReader(me) && i.status === 'open';
  const done = (x: Incident) => {
    setEditing(false);
    onChange(x);
  };
  return (
    <article className={`panel referral-incident referral-${i.priority}`} data-testid={`incident-${i.providerIncidentId}`}>
      <div className="row spread">
        <h3>
          Incident {i.providerIncidentId} <Badge kind={i.priority}>{i.priority === 'new' ? 'new material' : VERDICT_LABEL[i.priority]}</Badge>
        </h3>
        <Badge kind={i.status === 'open' ? 'warn' : 'ok'}>
          <span data-testid="incident-status">{i.status}</span>
        </Badge>
      </div>
      <dl className="inline-facts small">
        <dt>reported</dt>
        <dd>{fmtDateTime(i.incidentAt)}</dd>
        <dt>provider</dt>
        <dd>
          {i.provider} ({i.reportReference})
        </dd>
        <dt>geolocated</dt>
        <dd>{i.providerCountry ?? '—'}</dd>
        {i.offender.account && (
          <>
            <dt>account</dt>
            <dd>{i.offender.account}</dd>
          </>
        )}
        {i.offender.username && (
          <>
            <dt>username</dt>
            <dd>{i.offender.username}</dd>
          </>
        )}
        {i.offender.ipAddress && (
          <>
            <dt>IP address</dt>
            <dd className="mono">{i.offender.ipAddress}</dd>
          </>
        )}
        <dt>files</dt>
        <dd>
          {i.counts.files} ({i.counts.new} new, {i.counts.knownNear} known-near, {i.counts.knownExact} known-exact)
        </dd>
      </dl>
      {i.unassignedReason && <p className="muted">Not assigned: {i.unassignedReason}</p>}
      <FilesTable files={i.files} />
      {i.action && (
        <p data-testid="incident-action">
          Action recorded: <strong>{i.action.outcome ? OUTCOME_LABEL[i.action.outcome] : '—'}</strong>
          {i.action.caseReference ? ` · case ${i.action.caseReference}` : ''}
          {i.action.note ? ` · ${i.action.note}` : ''} · {fmtDateTime(i.action.at)}
          {canAct && !editing && (
            <>
              {' '}
              <button type="button" className="small" onClick={() => setEditing(true)}>
                Change
              </button>
            </>
          )}
        </p>
      )}
      {canAct && (!i.action || editing) && <ActionForm incident={i} onDone={done} />}
      {canAssign && <AssignForm incident={i} onDone={done} />}
    </article>
  );
}

/** Keyset pages of incidents (new material first), with an open / actioned filter; cards replace themselves after a change. */
function IncidentList({
  url,
  emptyText,
  dropOnChange,
  onChanged,
}: {
  url: string;
  emptyText: string;
  dropOnChange?(i: Incident): boolean;
  onChanged?(): void;
}) {
  const [status, setStatus] = useState<'' | 'open' | 'actioned'>('');
  const first = useGet<IncidentPageAnswer>(url, { status });
  const [extra, setExtra] = useState<{ key: string; items: Incident[]; next: string | null | undefined }>({ key: '', items: [], next: undefined });
  const [changed, setChanged] = useState<Map<number, Incident | null>>(new Map());
  const act = useAction();
  const key = `${url}|${status}`;
  const pages = extra.key === key ? extra : { key, items: [], next: undefined };
  const next = pages.next === undefined ? (first.data?.nextAfter ?? null) : pages.next;
  const items = [...(first.data?.incidents ?? []), ...pages.items].flatMap((i) => {
    const c = changed.get(i.id);
    return c === null ? [] : [c ?? i];
  });
  const more = () =>
    act.run(async () => {
      const r = await get<IncidentPageAnswer>(url, { status, after: next ?? undefined });
      setExtra({ key, items: [...pages.items, ...r.incidents], next: r.nextAfter });
    });
  const onChange = (i: Incident) => {
    setChanged((m) => new Map(m).set(i.id, dropOnChange?.(i) ? null : i));
    onChanged?.();
  };
  return (
    <section>
      <div className="row spread">
        <h2>
          Incidents <span className="muted small">new material first</span>
        </h2>
        <label className="inline">
          Show
          <select value={status} onChange={(e) => setStatus(e.target.value as '' | 'open' | 'actioned')}>
            <option value="">all</option>
            <option value="open">open</option>
            <option value="actioned">actioned</option>
          </select>
        </label>
      </div>
      <Loader state={first}>
        {() =>
          items.length === 0 ? (
            <p className="muted">{emptyText}</p>
          ) : (
            <div data-testid="incident-list">
              {items.map((i) => (
                <IncidentCard key={i.id} incident={i} onChange={onChange} />
              ))}
              {next && (
                <button type="button" disabled={act.busy} onClick={() => void more()}>
                  Show more incidents
                </button>
              )}
              <ActionError error={act.error} />
            </div>
          )
        }
      </Loader>
    </section>
  );
}

export function PackagePage({ id }: { id: number }) {
  const { me } = useSession();
  const pkg = useGet<ReferralPackage>(`/api/v1/referrals/packages/${id}`);
  const act = useAction();
  return (
    <Loader state={pkg}>
      {(p) => (
        <div>
          <p className="muted">
            <Link to="/referrals">← referrals</Link>
            {isHubReader(me) && (
              <>
                {' '}
                ·{' '}
                <Link to={`/referrals/reports/${p.reportId}`}>
                  report {p.provider} {p.reference}
                </Link>
              </>
            )}
          </p>
          <h1 data-testid="package-title">
            Referral package {p.id} · {p.country}
          </h1>
          <p>
            <Badge kind={packageBadge[p.status]}>
              <span data-testid="package-status">{p.status}</span>
            </Badge>{' '}
            from {p.provider} (report {p.reference}), delivered {fmtDateTime(p.createdAt)}
            {p.acknowledgedAt && (
              <>
                {' '}
                · acknowledged {fmtDateTime(p.acknowledgedAt)}
                {p.acknowledgedBy?.name ? ` by ${p.acknowledgedBy.name}` : ''}
              </>
            )}
          </p>
          <div className="kpis">
            {(
              [
                ['incidents', p.counts.incidents],
                ['open', p.counts.open],
                ['actioned', p.counts.actioned],
                ['with new material', p.counts.withNew],
                ['new files', p.counts.filesNew],
                ['known-near files', p.counts.filesNear],
                ['known-exact files', p.counts.filesExact],
              ] as Array<[string, number]>
            ).map(([label, n]) => (
              <div key={label} className="kpi">
                <div className="kpi-value">{n}</div>
                <div className="kpi-label">{label}</div>
              </div>
            ))}
          </div>
          {me.role === 'ncb_officer' && !me.isHub && p.status === 'delivered' && (
            <p>
              <button
                className="primary"
                disabled={act.busy}
                onClick={() => void act.run(async () => pkg.setData(await post<ReferralPackage>(`/api/v1/referrals/packages/${id}/acknowledge`)))}
              >
                Acknowledge receipt
              </button>
            </p>
          )}
          <ActionError error={act.error} />
          <IncidentList url={`/api/v1/referrals/packages/${id}/incidents`} emptyText="No incident." onChanged={pkg.reload} />
        </div>
      )}
    </Loader>
  );
}

export function UnassignedPage() {
  return (
    <div>
      <p className="muted">
        <Link to="/referrals">← referrals</Link>
      </p>
      <h1>Unassigned incidents</h1>
      <p className="muted">
        Incidents the provider could not place in a member country. Assign each to the country whose NCB should act; it joins that country's package for the
        report.
      </p>
      <IncidentList url="/api/v1/referrals/unassigned" emptyText="The queue is empty." dropOnChange={(i) => i.packageId !== null} />
    </div>
  );
}

export function IncidentPage({ id }: { id: number }) {
  const inc = useGet<Incident>(`/api/v1/referrals/incidents/${id}`);
  return (
    <Loader state={inc}>
      {(i) => (
        <div>
          <p className="muted">
            {i.packageId ? (
              <Link to={`/referrals/packages/${i.packageId}`}>← package {i.packageId}</Link>
            ) : (
              <Link to="/referrals/unassigned">← unassigned incidents</Link>
            )}
          </p>
          <IncidentCard incident={i} onChange={inc.setData} />
        </div>
      )}
    </Loader>
  );
}
