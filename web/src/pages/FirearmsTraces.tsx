// iARMS trace requests: those my country sent and those addressed to it, and the trace page, where the NCB of an
// addressed country answers once (found, with the firearm's history, or not found).
import { useState, type FormEvent } from 'react';
import { post } from '../api.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { ActionError, Badge, Loader, fmtDateTime } from '../components/common.js';
import { useAction, useGet } from '../query.js';
import { describe, traceBadge, traceWords, type Trace } from './FirearmsShared.js';
import { useCountryNames } from '../components/Distribution.js';

const what = (t: Trace) => (t.firearm ? describe(t.firearm) : 'firearm');

function TraceTable({ traces, side }: { traces: Trace[]; side: 'sent' | 'received' }) {
  const { me } = useSession();
  const { name } = useCountryNames();
  if (traces.length === 0) return <p className="muted">None.</p>;
  return (
    <table className="table" data-testid={`traces-${side}`}>
      <thead>
        <tr>
          <th>Request</th>
          <th>Serial</th>
          <th>Firearm</th>
          <th>{side === 'sent' ? 'Asked' : 'From'}</th>
          <th>Answers</th>
          <th>Sent</th>
        </tr>
      </thead>
      <tbody>
        {traces.map((t) => {
          const mine = t.recipients.find((r) => r.country === me.countryCode);
          return (
            <tr key={t.id}>
              <td>
                <Link to={`/firearms/traces/${t.id}`}>Trace #{t.id}</Link>
              </td>
              <td className="mono">{t.serial}</td>
              <td>{what(t)}</td>
              <td>{side === 'sent' ? t.recipients.map((r) => name(r.country)).join(', ') : name(t.requestingCountry)}</td>
              <td>
                {side === 'received' && mine ? (
                  <Badge kind={traceBadge[mine.status]}>{mine.status === 'pending' ? 'to answer' : traceWords[mine.status]}</Badge>
                ) : (
                  t.recipients.map((r) => (
                    <Badge key={r.country} kind={traceBadge[r.status]}>
                      {r.country}: {traceWords[r.status]}
                    </Badge>
                  ))
                )}
              </td>
              <td>{fmtDateTime(t.createdAt)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function TracesPage() {
  const { me } = useSession();
  const sent = useGet<{ traces: Trace[] }>('/api/v1/firearms/traces', { box: 'sent', limit: 100 });
  const received = useGet<{ traces: Trace[] }>('/api/v1/firearms/traces', { box: 'received', limit: 100 });
  const all = useGet<{ traces: Trace[] }>(me.isHub ? '/api/v1/firearms/traces' : null, { limit: 100 });
  return (
    <div>
      <h1>Trace requests</h1>
      <p className="muted">
        After a search, the searching country asks the country of manufacture and of the last legal importer for the firearm's history; their NCBs answer.
      </p>
      <h2>Received by my country</h2>
      {me.role === 'ncb_officer' ? null : <p className="hint">Your NCB officers answer them.</p>}
      <Loader state={received}>{({ traces }) => <TraceTable traces={traces} side="received" />}</Loader>
      <h2>Sent by my country</h2>
      <Loader state={sent}>{({ traces }) => <TraceTable traces={traces} side="sent" />}</Loader>
      {me.isHub && (
        <>
          <h2>All trace requests</h2>
          <Loader state={all}>{({ traces }) => <TraceTable traces={traces} side="sent" />}</Loader>
        </>
      )}
    </div>
  );
}

export function TracePage({ id }: { id: number }) {
  const { me } = useSession();
  const { name } = useCountryNames();
  const trace = useGet<Trace>(`/api/v1/firearms/traces/${id}`);
  return (
    <Loader state={trace}>
      {(t) => {
        const mine = t.recipients.find((r) => r.country === me.countryCode);
        const requester = t.requestingCountry === me.countryCode;
        return (
          <div>
            <p className="muted">
              <Link to="/firearms/traces">← trace requests</Link>
            </p>
            <h1 data-testid="trace-title">
              Trace #{t.id}: {what(t)} serial <span className="mono">{t.serial}</span>
            </h1>
            <p>
              <Badge kind={t.status === 'answered' ? 'ok' : 'warn'}>
                <span data-testid="trace-status">{t.status}</span>
              </Badge>{' '}
              requested by {name(t.requestingCountry)} on {fmtDateTime(t.createdAt)}
              {(requester || me.isHub) && (
                <>
                  {' '}
                  · <Link to={`/firearms/searches/${t.searchId}`}>the search</Link>
                </>
              )}
            </p>
            {t.firearm && (
              <dl className="facts">
                <div>
                  <dt>Firearm</dt>
                  <dd>{describe(t.firearm)}</dd>
                </div>
                <div>
                  <dt>Calibre</dt>
                  <dd>{t.firearm.calibre || '—'}</dd>
                </div>
                <div>
                  <dt>Type</dt>
                  <dd>{t.firearm.type.replace(/_/g, ' ')}</dd>
                </div>
                <div>
                  <dt>Country of manufacture</dt>
                  <dd>{name(t.firearm.countryOfManufacture)}</dd>
                </div>
              </dl>
            )}
            {t.note && <p className="panel prewrap">{t.note}</p>}
            <table className="table" data-testid="trace-answers">
              <thead>
                <tr>
                  <th>Country asked</th>
                  <th>As</th>
                  <th>Answer</th>
                  <th>History</th>
                  <th>Answered</th>
                </tr>
              </thead>
              <tbody>
                {t.recipients.map((r) => (
                  <tr key={r.country}>
                    <td>{name(r.country)}</td>
                    <td>{r.basis.map((b) => (b === 'manufacture' ? 'country of manufacture' : 'last legal importer')).join(', ')}</td>
                    <td>
                      <Badge kind={traceBadge[r.status]}>{traceWords[r.status]}</Badge>
                    </td>
                    <td className="prewrap">{r.history ?? '—'}</td>
                    <td>{fmtDateTime(r.answeredAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {mine?.status === 'pending' &&
              (me.role === 'ncb_officer' ? (
                <AnswerForm id={t.id} onDone={trace.setData} />
              ) : (
                <p className="muted">Your country's NCB officers answer this request.</p>
              ))}
          </div>
        );
      }}
    </Loader>
  );
}

function AnswerForm({ id, onDone }: { id: number; onDone(t: Trace): void }) {
  const [result, setResult] = useState<'found' | 'not_found' | ''>('');
  const [history, setHistory] = useState('');
  const act = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act.run(async () => {
      if (!result) throw new Error('choose found or not found');
      if (result === 'found' && !history.trim()) throw new Error('a found answer gives the history: manufacture, sales, export, import');
      onDone(await post<Trace>(`/api/v1/firearms/traces/${id}/answer`, { result, ...(history.trim() ? { history: history.trim() } : {}) }));
    });
  };
  return (
    <form className="panel form" aria-label="Answer the trace request" onSubmit={submit}>
      <h2>Answer for my country</h2>
      <fieldset className="checks">
        <legend>Result</legend>
        <label className="inline">
          <input type="radio" name="result" checked={result === 'found'} onChange={() => setResult('found')} />
          Found
        </label>
        <label className="inline">
          <input type="radio" name="result" checked={result === 'not_found'} onChange={() => setResult('not_found')} />
          Not found
        </label>
      </fieldset>
      <label>
        History of the firearm
        <textarea
          rows={5}
          value={history}
          onChange={(e) => setHistory(e.target.value)}
          placeholder="manufacture, sales, exports and imports, last known legal owner"
        />
      </label>
      <ActionError error={act.error} />
      <button className="primary" type="submit" disabled={act.busy}>
        Send answer
      </button>
    </form>
  );
}
