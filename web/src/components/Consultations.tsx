// Consultation threads on a case between named member countries.
import { useState, type FormEvent } from 'react';
import { get, post } from '../api.js';
import { ActionError, ErrorPanel, fmtDateTime, useAction, useApi } from './common.js';
import { useCountries } from './Distribution.js';

interface Message { id: number; body: string; author: string; authorCountry: string; mine: boolean; createdAt: string }
interface Consultation { id: number; caseId: number; caseReference: string; subject: string; countries: string[]; messages: number; lastMessageAt: string | null; createdAt: string }

function Thread({ c }: { c: Consultation }) {
  const thread = useApi(() => get<Consultation & { thread: Message[] }>(`/api/v1/consultations/${c.id}`, { limit: 500 }), [c.id]);
  const [body, setBody] = useState('');
  const act = useAction();
  const submit = (e: FormEvent) => { e.preventDefault(); void act.run(async () => { await post(`/api/v1/consultations/${c.id}/messages`, { body }); setBody(''); thread.reload(); }); };
  return (
    <article className="panel thread-panel" data-testid="consultation">
      <h3>{c.subject}</h3>
      <p className="muted small">Between {c.countries.join(', ')} · opened {fmtDateTime(c.createdAt)}</p>
      {thread.error ? <ErrorPanel error={thread.error} /> : null}
      <ol className="plain thread">{(thread.data?.thread ?? []).map((m) => (
        <li key={m.id} className="comment"><div className="meta">{m.author} ({m.authorCountry}){m.mine ? ' · me' : ''} · {fmtDateTime(m.createdAt)}</div><div className="body">{m.body}</div></li>
      ))}</ol>
      <form onSubmit={submit} aria-label={`Reply to ${c.subject}`}>
        <textarea required rows={2} value={body} onChange={(e) => setBody(e.target.value)} placeholder="Reply" />
        <ActionError error={act.error} />
        <button className="primary" disabled={act.busy || !body.trim()}>Send</button>
      </form>
    </article>
  );
}

export function Consultations({ caseId, ownerCountry }: { caseId: number; ownerCountry: string }) {
  const list = useApi(() => get<{ consultations: Consultation[] }>(`/api/v1/cases/${caseId}/consultations`), [caseId]);
  const countries = useCountries();
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [with_, setWith] = useState<string[]>([]);
  const act = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act.run(async () => { await post(`/api/v1/cases/${caseId}/consultations`, { subject, countries: with_, message: body }); setSubject(''); setBody(''); setWith([]); list.reload(); });
  };
  return (
    <section>
      {list.error ? <ErrorPanel error={list.error} /> : null}
      {list.data && list.data.consultations.length === 0 && <p className="muted">No consultation on this case yet.</p>}
      {(list.data?.consultations ?? []).map((c) => <Thread key={c.id} c={c} />)}
      <form className="panel form-grid" onSubmit={submit} aria-label="Open a consultation">
        <h3>Consult other countries</h3>
        <label>Subject<input required value={subject} onChange={(e) => setSubject(e.target.value)} /></label>
        <fieldset><legend>With</legend><div className="checks">
          {(countries.data ?? []).filter((c) => c.code !== ownerCountry).map((c) => (
            <label key={c.code} className="inline"><input type="checkbox" checked={with_.includes(c.code)} onChange={(e) => setWith(e.target.checked ? [...with_, c.code] : with_.filter((x) => x !== c.code))} />{c.name}</label>
          ))}
        </div></fieldset>
        <label>Message<textarea required rows={3} value={body} onChange={(e) => setBody(e.target.value)} /></label>
        <ActionError error={act.error} />
        <button className="primary" disabled={act.busy}>Open consultation</button>
      </form>
    </section>
  );
}
