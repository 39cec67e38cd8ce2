// Retention review for data protection officers (and NCB officers): cases whose retention date is near or past,
// each with its history of reviews; the owning agency or its NCB sets a new date with a justification.
import { Fragment, useState, type FormEvent } from 'react';
import { post } from '../api.js';
import { Link } from '../router.js';
import { ActionError, Badge, Loader, fmtDate, fmtDateTime } from '../components/common.js';
import { useAction, useGet } from '../query.js';
import type { paths } from '../api-types.js';

type RetentionDetail = paths['/api/v1/cases/{id}/retention']['get']['responses'][200]['content']['application/json'];
type DueCase = paths['/api/v1/retention/due']['get']['responses'][200]['content']['application/json']['cases'][number];
const STATE_WORDS: Record<DueCase['state'], string> = { expired: 'past its retention date', review_due: 'review due', retained: 'retained' };
const STATE_BADGE: Record<DueCase['state'], string> = { expired: 'error', review_due: 'warn', retained: 'ok' };

function Reviews({ c }: { c: DueCase }) {
  const detail = useGet<RetentionDetail>(`/api/v1/cases/${c.caseId}/retention`);
  const [until, setUntil] = useState(c.retentionUntil);
  const [why, setWhy] = useState('');
  // This case's reviews and the list of cases due refresh.
  const act = useAction(`/api/v1/cases/${c.caseId}`, '/api/v1/retention');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act.run(async () => {
      await post(`/api/v1/cases/${c.caseId}/retention`, { until, justification: why });
      setWhy('');
    });
  };
  return (
    <div className="retention-detail">
      <Loader state={detail}>
        {(d) =>
          d.reviews.length === 0 ? (
            <p className="muted small">Never reviewed.</p>
          ) : (
            <ul className="plain small">
              {d.reviews.map((r, i) => (
                <li key={i}>
                  {fmtDateTime(r.at)} · {r.reviewerCountry}: {fmtDate(r.previousUntil)} → {fmtDate(r.newUntil)} — {r.justification}
                </li>
              ))}
            </ul>
          )
        }
      </Loader>
      <form className="row wrap" onSubmit={submit} aria-label={`Review the retention of ${c.reference}`}>
        <label className="inline">
          Keep until
          <input type="date" required value={until} max={c.maxRetentionUntil} onChange={(e) => setUntil(e.target.value)} />
        </label>
        <label className="inline grow">
          Justification
          <input required minLength={3} value={why} onChange={(e) => setWhy(e.target.value)} />
        </label>
        <button className="primary" disabled={act.busy}>
          Record the review
        </button>
      </form>
      <ActionError error={act.error} />
    </div>
  );
}

export function RetentionPage() {
  const [within, setWithin] = useState(0);
  const due = useGet<{ cases: DueCase[] }>('/api/v1/retention/due', { withinDays: within || undefined, limit: 200 });
  const [open, setOpen] = useState<number | null>(null);
  return (
    <section>
      <div className="row spread">
        <h1>Retention review</h1>
        <label className="inline">
          Also due within
          <select value={within} onChange={(e) => setWithin(Number(e.target.value))}>
            <option value={0}>now</option>
            <option value={90}>3 months</option>
            <option value={365}>a year</option>
          </select>
        </label>
      </div>
      <p className="muted">
        A case is kept until its retention date (99 years after it was opened unless its owner set a shorter period); its review falls due 6 months before. Only
        the owning agency or its NCB can record a review; every review is kept and audited.
      </p>
      <Loader state={due}>
        {({ cases }) =>
          cases.length === 0 ? (
            <p className="muted" data-testid="retention-empty">
              No case is due for review.
            </p>
          ) : (
            <table className="table" data-testid="retention-list">
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Opened</th>
                  <th scope="col">Kept until</th>
                  <th scope="col">State</th>
                  <th scope="col">Last review</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {cases.map((c) => (
                  <Fragment key={c.caseId}>
                    <tr>
                      <td>
                        <Link to={`/cases/${c.caseId}`}>{c.reference}</Link> · {c.title}
                      </td>
                      <td>{c.ownerCountry}</td>
                      <td>{fmtDate(c.openedAt)}</td>
                      <td>{fmtDate(c.retentionUntil)}</td>
                      <td>
                        <Badge kind={STATE_BADGE[c.state]}>{STATE_WORDS[c.state]}</Badge>
                      </td>
                      <td>{fmtDate(c.lastReviewAt)}</td>
                      <td>
                        <button className="small" aria-expanded={open === c.caseId} onClick={() => setOpen(open === c.caseId ? null : c.caseId)}>
                          {open === c.caseId ? 'Hide' : 'Reviews'}
                        </button>
                      </td>
                    </tr>
                    {open === c.caseId && (
                      <tr>
                        <td colSpan={7}>
                          <Reviews c={c} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                ))}
              </tbody>
            </table>
          )
        }
      </Loader>
    </section>
  );
}
