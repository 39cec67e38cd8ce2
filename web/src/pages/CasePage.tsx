// A case: details, its seizures (upload, triage), its series, and consultation threads with other countries.
import { useState, type FormEvent } from 'react';
import { patch } from '../api.js';
import { Link } from '../router.js';
import { ActionError, Badge, ErrorPanel, Loader, fmtDate } from '../components/common.js';
import { useAction, useGet } from '../query.js';
import { Consultations } from '../components/Consultations.js';
import type { Case } from './Home.js';
import type { Series } from '../types.js';
import { useConfirm } from '../components/Confirm.js';
import type { paths } from '../api-types.js';

export type Seizure = paths['/api/v1/seizures/{id}']['get']['responses'][200]['content']['application/json'];

function Seizures({ c }: { c: Case }) {
  const answer = useGet<{ seizures: Seizure[] }>(`/api/v1/cases/${c.id}/seizures`);
  const list = { ...answer, data: answer.data?.seizures };
  return (
    <section className="panel">
      <div className="row spread">
        <h2>Seizures</h2>
        <Link className="button primary" to={`/cases/${c.id}/upload`}>
          Upload a seizure
        </Link>
      </div>
      {list.error ? <ErrorPanel error={list.error} /> : null}
      {list.data &&
        (list.data.length === 0 ? (
          <p className="muted">No seizure uploaded yet.</p>
        ) : (
          <table className="table" data-testid="seizure-list">
            <thead>
              <tr>
                <th>Label</th>
                <th>Status</th>
                <th>Items</th>
                <th>Known exact</th>
                <th>Known near</th>
                <th>New</th>
                <th>Errors</th>
                <th>Uploaded</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={`/seizures/${s.id}`}>{s.label}</Link>
                  </td>
                  <td>
                    <Badge kind={s.status}>{s.status}</Badge> {s.status !== 'complete' && `${s.progress}%`}
                  </td>
                  <td>{s.counts.items}</td>
                  <td>{s.counts.knownExact}</td>
                  <td>{s.counts.knownNear}</td>
                  <td>{s.counts.new}</td>
                  <td>{s.counts.error}</td>
                  <td>{fmtDate(s.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}

function CaseSeries({ c }: { c: Case }) {
  const list = useGet<{ series: Series[] }>('/api/v1/series', { caseId: c.id, limit: 100 });
  if (!list.data || list.data.series.length === 0) return null;
  return (
    <section className="panel">
      <h2>Series worked in this case</h2>
      <ul className="plain">
        {list.data.series.map((s) => (
          <li key={s.id}>
            <Link to={`/series/${s.id}`}>{s.number}</Link> {s.name}
          </li>
        ))}
      </ul>
    </section>
  );
}

function CaseStatus({ c, onChange }: { c: Case; onChange(c: Case): void }) {
  const act = useAction(`/api/v1/cases`);
  const { confirm, dialog } = useConfirm();
  if (!c.actions.includes('update')) return null; // the server's policy decides, the page does not re-derive it
  const next = c.status === 'open' ? 'closed' : 'open';
  return (
    <>
      {dialog}
      <button
        onClick={() =>
          void (async () => {
            if (
              next === 'closed' &&
              !(await confirm({
                title: `Close case ${c.reference}?`,
                confirmLabel: 'Close the case',
                body: <p>A closed case takes no new seizures until it is reopened; its data stays under its retention date.</p>,
              }))
            )
              return;
            await act.run(async () => onChange(await patch<Case>(`/api/v1/cases/${c.id}`, { status: next })));
          })()
        }
        disabled={act.busy}
      >
        {c.status === 'open' ? 'Close the case' : 'Reopen'}
      </button>
      <ActionError error={act.error} />
    </>
  );
}

export function CasePage({ id }: { id: number }) {
  const kase = useGet<Case>(`/api/v1/cases/${id}`);
  const [tab, setTab] = useState<'seizures' | 'consultations'>('seizures');
  return (
    <Loader state={kase}>
      {(c) => (
        <div>
          <div className="row spread">
            <h1 data-testid="case-title">
              {c.reference} · {c.title}
            </h1>
            <div className="row">
              <Badge kind={c.status}>{c.status}</Badge>
              <CaseStatus c={c} onChange={kase.setData} />
            </div>
          </div>
          <dl className="facts inline-facts">
            <dt>Owner</dt>
            <dd>{c.ownerCountry}</dd>
            <dt>Shared</dt>
            <dd>
              {c.distribution}
              {c.sharedWith.length ? `: ${c.sharedWith.join(', ')}` : ''}
            </dd>
            <dt>Opened</dt>
            <dd>{fmtDate(c.createdAt)}</dd>
          </dl>
          {c.description && <p>{c.description}</p>}
          <div className="tabs" role="tablist">
            <button role="tab" aria-selected={tab === 'seizures'} onClick={() => setTab('seizures')}>
              Seizures and series
            </button>
            <button role="tab" aria-selected={tab === 'consultations'} onClick={() => setTab('consultations')}>
              Consultations
            </button>
          </div>
          {tab === 'seizures' ? (
            <>
              <Seizures c={c} />
              <CaseSeries c={c} />
            </>
          ) : (
            <Consultations caseId={c.id} ownerCountry={c.ownerCountry} />
          )}
        </div>
      )}
    </Loader>
  );
}

export function NewSeizureForm({ onCreate }: { onCreate(label: string): Promise<void> }) {
  const [label, setLabel] = useState('');
  const act = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act.run(() => onCreate(label));
  };
  return (
    <form className="row" onSubmit={submit}>
      <input required placeholder="seizure label, e.g. laptop HDD 1" value={label} onChange={(e) => setLabel(e.target.value)} />
      <button className="primary" disabled={act.busy}>
        Create
      </button>
      <ActionError error={act.error} />
    </form>
  );
}
