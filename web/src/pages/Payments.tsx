// I-GRIP stop-payment requests: the list (requested by my country / received by it, by state), the overdue view
// (the hub: every late request; a receiving country: its own), the new-request form (PaymentsForm) and the request
// page (PaymentsRequest). The page routes its own sub-paths: /payments, /payments/new, /payments/overdue, /payments/:id.
import { useState } from 'react';
import { Link, NotFound, Route, Routes, WithId } from '../router.js';
import { useSession } from '../session.js';
import { Badge, Loader, fmtDateTime } from '../components/common.js';
import { useGet } from '../query.js';
import { useCountryNames } from '../components/Distribution.js';
import { NewPaymentPage, money, offenceWord, statusBadge, type PaymentRequest, type Total } from './PaymentsForm.js';
import { PaymentPage } from './PaymentsRequest.js';
import type { paths } from '../api-types.js';

export function PaymentsPage() {
  return (
    <section className="payments">
      <Routes>
        <Route index element={<PaymentsList />} />
        <Route path="new" element={<NewPaymentPage />} />
        <Route path="overdue" element={<OverduePage />} />
        <Route path=":id" element={<WithId page={(id) => <PaymentPage id={id} />} />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </section>
  );
}

const amounts = (totals: Total[], which: 'requested' | 'held') => totals.map((t) => money(t[which], t.currency)).join(' + ') || '—';
const overdueBy = (minutes: number) =>
  minutes < 60 ? `${minutes} min` : minutes < 48 * 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${Math.floor(minutes / 1440)} days`;

function PaymentsList() {
  const { me } = useSession();
  const { name } = useCountryNames();
  const [side, setSide] = useState('');
  const [status, setStatus] = useState('');
  const list = useGet<{ requests: PaymentRequest[] }>('/api/v1/payments', { side: side || undefined, status: status || undefined, limit: 200 });
  const mayDraft = !me.isHub && ['investigator', 'analyst', 'ncb_officer'].includes(me.role);
  return (
    <div>
      <div className="row spread">
        <h1>Stop-payment requests (I-GRIP)</h1>
        <div className="row">
          {(me.isHub || me.role === 'ncb_officer') && (
            <Link to="/payments/overdue" className="button">
              Overdue answers
            </Link>
          )}
          {mayDraft && (
            <Link to="/payments/new" className="button primary">
              New stop-payment request
            </Link>
          )}
        </div>
      </div>
      <p className="muted">Money sent abroad by a victim: the receiving countries' NCBs are asked to have the banks hold it, and answer per transfer.</p>
      <div className="row filters">
        {!me.isHub && (
          <label className="inline">
            Side
            <select value={side} onChange={(e) => setSide(e.target.value)}>
              <option value="">all</option>
              <option value="requested">requested by my country</option>
              <option value="received">received by my country</option>
            </select>
          </label>
        )}
        <label className="inline">
          State
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">all</option>
            <option value="draft">draft</option>
            <option value="sent">sent</option>
            <option value="closed">closed</option>
          </select>
        </label>
      </div>
      <Loader state={list}>
        {({ requests }) =>
          requests.length === 0 ? (
            <p className="muted">No stop-payment request{side || status ? ' with these filters' : ''}.</p>
          ) : (
            <table className="table" data-testid="payment-list">
              <thead>
                <tr>
                  <th>Request</th>
                  <th>Side</th>
                  <th>From</th>
                  <th>To</th>
                  <th>State</th>
                  <th className="num">Requested</th>
                  <th className="num">Held</th>
                  <th>Answered</th>
                  <th>Answers due</th>
                </tr>
              </thead>
              <tbody>
                {requests.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/payments/${r.id}`}>
                        #{r.id} {offenceWord(r.offence)}
                      </Link>
                      {r.nationalReference && <div className="muted small">{r.nationalReference}</div>}
                    </td>
                    <td>{r.requestingCountry === me.countryCode ? 'requested' : me.isHub ? '—' : 'received'}</td>
                    <td>{name(r.requestingCountry)}</td>
                    <td>{r.receivingCountries.join(', ') || '—'}</td>
                    <td>
                      <Badge kind={statusBadge[r.status] ?? 'muted'}>{r.status}</Badge>
                      {r.overdue && <Badge kind="error">overdue</Badge>}
                    </td>
                    <td className="num">{amounts(r.totals, 'requested')}</td>
                    <td className="num">{amounts(r.totals, 'held')}</td>
                    <td>
                      {r.progress.answered} / {r.progress.transfers}
                    </td>
                    <td>{r.responseDueAt ? fmtDateTime(r.responseDueAt) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loader>
    </div>
  );
}

type OverdueList = paths['/api/v1/payments/overdue']['get']['responses'][200]['content']['application/json'];

function OverduePage() {
  const { me } = useSession();
  const { name } = useCountryNames();
  const list = useGet<OverdueList>('/api/v1/payments/overdue', { limit: 500 });
  return (
    <div>
      <p className="muted">
        <Link to="/payments">← stop-payment requests</Link>
      </p>
      <h1>Overdue answers</h1>
      <p className="muted">
        {me.isHub
          ? 'Sent requests past their answer time with transfers still unanswered, most overdue first: chase the NCBs named.'
          : `Requests to ${name(me.countryCode)} past their answer time, with your transfers still unanswered.`}
      </p>
      <Loader state={list}>
        {({ asOf, requests }) =>
          requests.length === 0 ? (
            <p className="muted">Nothing overdue as of {fmtDateTime(asOf)}.</p>
          ) : (
            <table className="table" data-testid="overdue-list">
              <thead>
                <tr>
                  <th>Request</th>
                  <th>From</th>
                  <th>Waiting for</th>
                  <th>Unanswered</th>
                  <th className="num">Amounts unanswered</th>
                  <th>Due</th>
                  <th>Overdue by</th>
                </tr>
              </thead>
              <tbody>
                {requests.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/payments/${r.id}`}>
                        #{r.id} {offenceWord(r.offence)}
                      </Link>
                    </td>
                    <td>{name(r.requestingCountry)}</td>
                    <td>{r.pendingCountries.map(name).join(', ')}</td>
                    <td>
                      {r.pendingTransfers} of {r.progress.transfers}
                    </td>
                    <td className="num">{amounts(r.pendingTotals, 'requested')}</td>
                    <td>{fmtDateTime(r.responseDueAt)}</td>
                    <td>
                      <Badge kind="error">{overdueBy(r.overdueMinutes)}</Badge>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loader>
    </div>
  );
}
