// Consultation threads on a case between named member countries. The invited countries take part from their
// inbox (`/consultations/{id}`) even when the case itself is not shared with them.
import { useState, type FormEvent } from 'react';
import { post } from '../api.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { ActionError, ErrorPanel, fmtDateTime, useDraft } from './common.js';
import { useAction, useGet } from '../query.js';
import { useCountries } from './Distribution.js';
import type { paths } from '../api-types.js';

/** Request bodies as the server's schema declares them (generated from /openapi.json). */
type ReplyBody = NonNullable<paths['/api/v1/consultations/{id}/messages']['post']['requestBody']>['content']['application/json'];
type OpenBody = NonNullable<paths['/api/v1/cases/{id}/consultations']['post']['requestBody']>['content']['application/json'];
import { Thumb, thumbStyle } from './MediaGrid.js';

/** A consultation with its messages, oldest first. */
type ConsultationDetail = paths['/api/v1/consultations/{id}']['get']['responses'][200]['content']['application/json'];
export type Message = ConsultationDetail['thread'][number];
export type Consultation = paths['/api/v1/consultations']['get']['responses'][200]['content']['application/json']['consultations'][number];

/** "12, 40 #41" → [12, 40, 41]; anything else is refused with the offending text. */
function parseMediaIds(text: string): number[] | string {
  const parts = text
    .split(/[\s,;]+/)
    .map((x) => x.replace(/^#/, ''))
    .filter(Boolean);
  const bad = parts.find((x) => !/^\d+$/.test(x) || Number(x) < 1);
  return bad ? bad : [...new Set(parts.map(Number))];
}

function CitedMedia({ ids }: { ids: number[] }) {
  const { settings } = useSession();
  if (!ids.length) return null;
  return (
    <ul className="plain cited" aria-label="Cited media" style={thumbStyle(settings.blur, settings.greyscale)} data-testid="cited-media">
      {ids.map((id) => (
        <li key={id}>
          <Link to={`/media/${id}`} aria-label={`medium #${id}`}>
            <span className="cited-thumb">
              <Thumb mediaId={id} revealed={false} label={`medium #${id}`} />
            </span>
            #{id}
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function Thread({ id, subject, countries, createdAt }: { id: number; subject: string; countries: string[]; createdAt: string }) {
  const thread = useGet<ConsultationDetail>(`/api/v1/consultations/${id}`, { limit: 500 });
  const [body, setBody, clearBody] = useDraft(`consultation:${id}`);
  const [cite, setCite] = useState('');
  // The thread, the inbox lists of consultations (here, on the home page) and the notifications refresh after a reply.
  const act = useAction('/api/v1/consultations', '/api/v1/notifications');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const mediaIds = parseMediaIds(cite);
    if (typeof mediaIds === 'string') {
      act.setError(new Error(`"${mediaIds}" is not a medium number; write numbers such as 12, 40`));
      return;
    }
    void act.run(async () => {
      await post(`/api/v1/consultations/${id}/messages`, { body, mediaIds } satisfies ReplyBody);
      clearBody();
      setCite('');
    });
  };
  return (
    <article className="panel thread-panel" data-testid="consultation">
      <h3>{subject}</h3>
      <p className="muted small">
        Between {countries.join(', ')} · opened {fmtDateTime(createdAt)}
      </p>
      {thread.error ? <ErrorPanel error={thread.error} /> : null}
      <ol className="plain thread">
        {(thread.data?.thread ?? []).map((m) => (
          <li key={m.id} className="comment" data-testid="message">
            <div className="meta">
              {m.author} ({m.authorCountry}){m.mine ? ' · me' : ''} · {fmtDateTime(m.createdAt)}
            </div>
            <div className="body">{m.body}</div>
            <CitedMedia ids={m.mediaIds ?? []} />
          </li>
        ))}
      </ol>
      <form onSubmit={submit} aria-label={`Reply to ${subject}`} className="form-grid">
        <label>
          Reply
          <textarea required rows={2} value={body} onChange={(e) => setBody(e.target.value)} />
        </label>
        <label>
          Cite media you may see (numbers, optional)
          <input value={cite} onChange={(e) => setCite(e.target.value)} placeholder="e.g. 12, 40" inputMode="numeric" />
        </label>
        <ActionError error={act.error} />
        <button className="primary" disabled={act.busy || !body.trim()}>
          Send
        </button>
      </form>
    </article>
  );
}

export function Consultations({ caseId, ownerCountry }: { caseId: number; ownerCountry: string }) {
  const list = useGet<{ consultations: Consultation[] }>(`/api/v1/cases/${caseId}/consultations`);
  const countries = useCountries();
  const [subject, setSubject] = useState('');
  const [body, setBody, clearBody] = useDraft(`consultation-new:${caseId}`);
  const [with_, setWith] = useState<string[]>([]);
  const act = useAction(`/api/v1/cases/${caseId}/consultations`, '/api/v1/consultations');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act.run(async () => {
      await post(`/api/v1/cases/${caseId}/consultations`, { subject, countries: with_, message: body } satisfies OpenBody);
      setSubject('');
      clearBody();
      setWith([]);
    });
  };
  return (
    <section>
      {list.error ? <ErrorPanel error={list.error} /> : null}
      {list.data && list.data.consultations.length === 0 && <p className="muted">No consultation on this case yet.</p>}
      {(list.data?.consultations ?? []).map((c) => (
        <Thread key={c.id} id={c.id} subject={c.subject} countries={c.countries} createdAt={c.createdAt} />
      ))}
      <form className="panel form-grid" onSubmit={submit} aria-label="Open a consultation">
        <h3>Consult other countries</h3>
        <label>
          Subject
          <input required value={subject} onChange={(e) => setSubject(e.target.value)} />
        </label>
        <fieldset>
          <legend>With</legend>
          <div className="checks">
            {(countries.data ?? [])
              .filter((c) => c.code !== ownerCountry)
              .map((c) => (
                <label key={c.code} className="inline">
                  <input
                    type="checkbox"
                    checked={with_.includes(c.code)}
                    onChange={(e) => setWith(e.target.checked ? [...with_, c.code] : with_.filter((x) => x !== c.code))}
                  />
                  {c.name}
                </label>
              ))}
          </div>
        </fieldset>
        <label>
          Message
          <textarea required rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
        </label>
        <ActionError error={act.error} />
        <button className="primary" disabled={act.busy}>
          Open consultation
        </button>
      </form>
    </section>
  );
}
