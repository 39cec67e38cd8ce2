// The stop-payment request page: facts, totals requested vs held per currency, every transfer with its answer,
// and what the reader may do: change the draft and its transfers (requesting country), send and close
// (requesting NCB), answer per transfer (the receiving NCB, for its own transfers).
import { useState, type FormEvent } from 'react';
import { del, patch, post } from '../api.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { ActionError, Badge, Loader, fmtDateTime } from '../components/common.js';
import { useAction, useGet } from '../query.js';
import { useCountryNames } from '../components/Distribution.js';
import {
  CurrencyList,
  OFFENCES,
  OUTCOME_WORDS,
  TransferFields,
  emptyTransfer,
  fromMinor,
  money,
  offenceWord,
  outcomeBadge,
  statusBadge,
  toMinor,
  transferBody,
  type Offence,
  type Outcome,
  type PaymentRequest,
  type Transfer,
} from './PaymentsForm.js';

export function Totals({ r }: { r: PaymentRequest }) {
  if (!r.totals.length) return <p className="muted">No transfer yet.</p>;
  return (
    <table className="table totals" data-testid="payment-totals">
      <thead>
        <tr>
          <th>Currency</th>
          <th>Transfers</th>
          <th className="num">Requested</th>
          <th className="num">Held</th>
        </tr>
      </thead>
      <tbody>
        {r.totals.map((t) => (
          <tr key={t.currency} data-testid={`total-${t.currency}`}>
            <td>{t.currency}</td>
            <td>{t.transfers}</td>
            <td className="num">{money(t.requested, t.currency)}</td>
            <td className="num" data-testid={`held-${t.currency}`}>
              {money(t.held, t.currency)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PaymentPage({ id }: { id: number }) {
  const { me } = useSession();
  const { name } = useCountryNames();
  const req = useGet<PaymentRequest>(`/api/v1/payments/${id}`);
  const act = useAction();
  const [closing, setClosing] = useState('');
  const step = (fn: () => Promise<PaymentRequest>) => act.run(async () => req.setData(await fn()));
  return (
    <Loader state={req}>
      {(r) => {
        const requester = r.requestingCountry === me.countryCode;
        const ownNcb = requester && me.role === 'ncb_officer';
        const editable = requester && r.status === 'draft' && ['investigator', 'analyst', 'ncb_officer'].includes(me.role);
        const transfers = r.transfers ?? [];
        const toAnswer = r.status === 'sent' && me.role === 'ncb_officer' && !requester ? transfers.filter((t) => t.receivingCountry === me.countryCode) : [];
        return (
          <div>
            <p className="muted">
              <Link to="/payments">← stop-payment requests</Link>
            </p>
            <h1 data-testid="payment-title">
              Stop-payment request #{r.id} · {offenceWord(r.offence)}
            </h1>
            <p>
              <Badge kind={statusBadge[r.status] ?? 'muted'}>
                <span data-testid="payment-status">{r.status}</span>
              </Badge>
              {r.overdue && <Badge kind="error">overdue</Badge>} from {name(r.requestingCountry)} to {r.receivingCountries.map(name).join(', ') || '—'} ·{' '}
              {r.progress.answered} of {r.progress.transfers} transfer{r.progress.transfers === 1 ? '' : 's'} answered
            </p>
            <dl className="facts">
              <div>
                <dt>National reference</dt>
                <dd>{r.nationalReference || '—'}</dd>
              </div>
              <div>
                <dt>Response time</dt>
                <dd>{r.responseHours} h once sent</dd>
              </div>
              <div>
                <dt>Sent</dt>
                <dd>{fmtDateTime(r.sentAt)}</dd>
              </div>
              <div>
                <dt>Answers due</dt>
                <dd>{fmtDateTime(r.responseDueAt)}</dd>
              </div>
              {r.closedAt && (
                <div>
                  <dt>Closed</dt>
                  <dd>
                    {fmtDateTime(r.closedAt)}
                    {r.closureNote ? ` — ${r.closureNote}` : ''}
                  </dd>
                </div>
              )}
              {r.caseId && (
                <div>
                  <dt>Case</dt>
                  <dd>
                    <Link to={`/cases/${r.caseId}`}>case #{r.caseId}</Link>
                  </dd>
                </div>
              )}
              <div>
                <dt>Facts</dt>
                <dd className="prewrap">{r.summary || <span className="muted">not stated yet (needed before sending)</span>}</dd>
              </div>
            </dl>
            <h2>Requested and held{requester || me.isHub ? '' : ` (transfers to ${name(me.countryCode)})`}</h2>
            <Totals r={r} />
            <h2>Transfers</h2>
            <TransferTable transfers={transfers} onRemove={editable ? (t) => void step(() => del(`/api/v1/payments/${r.id}/transfers/${t.id}`)) : undefined} />
            <ActionError error={act.error} />
            {editable && <DraftEditor r={r} onChange={req.setData} />}
            {requester &&
              r.status === 'draft' &&
              (ownNcb ? (
                <p>
                  <button className="primary" disabled={act.busy} onClick={() => void step(() => post(`/api/v1/payments/${r.id}/send`))}>
                    Send to the receiving NCBs
                  </button>{' '}
                  <span className="hint">starts the {r.responseHours} h clock and alerts them and the General Secretariat</span>
                </p>
              ) : (
                <p className="muted">Your NCB sends the request once the draft is complete.</p>
              ))}
            {toAnswer.map((t) => (
              <AnswerForm key={t.id} requestId={r.id} t={t} onDone={req.setData} />
            ))}
            {ownNcb && r.status !== 'closed' && (
              <div className="panel row" role="group" aria-label="Close the request">
                <input aria-label="Closing note" placeholder="e.g. funds returned to the victim" value={closing} onChange={(e) => setClosing(e.target.value)} />
                <button
                  disabled={act.busy}
                  onClick={() => void step(() => post(`/api/v1/payments/${r.id}/close`, closing.trim() ? { note: closing.trim() } : {}))}
                >
                  Close the request
                </button>
              </div>
            )}
          </div>
        );
      }}
    </Loader>
  );
}

function TransferTable({ transfers, onRemove }: { transfers: Transfer[]; onRemove?(t: Transfer): void }) {
  const { name } = useCountryNames();
  if (!transfers.length) return <p className="muted">No transfer listed.</p>;
  return (
    <table className="table small" data-testid="payment-transfers">
      <thead>
        <tr>
          <th>#</th>
          <th className="num">Amount</th>
          <th>Sent</th>
          <th>From</th>
          <th>Beneficiary</th>
          <th>Receiving country</th>
          <th>Answer</th>
          {onRemove && <th />}
        </tr>
      </thead>
      <tbody>
        {transfers.map((t) => (
          <tr key={t.id} data-testid={`transfer-${t.id}`}>
            <td>{t.id}</td>
            <td className="num">{money(t.amount, t.currency)}</td>
            <td>{fmtDateTime(t.transferredAt)}</td>
            <td>
              {t.sendingBank}
              {t.sendingAccount && <div className="mono">{t.sendingAccount}</div>}
              {t.transactionReference && <div className="muted">ref. {t.transactionReference}</div>}
            </td>
            <td>
              {t.beneficiaryName}
              <div>
                {t.beneficiaryBank}
                {t.beneficiaryBic ? (
                  <>
                    {' '}
                    · <span className="mono">{t.beneficiaryBic}</span>
                  </>
                ) : (
                  ''
                )}
              </div>
              <div className="mono">
                {t.accountIsIban ? 'IBAN ' : 'account '}
                {t.beneficiaryAccount}
              </div>
            </td>
            <td>{name(t.receivingCountry)}</td>
            <td>
              <Badge kind={outcomeBadge[t.outcome]}>
                <span data-testid="transfer-outcome">{OUTCOME_WORDS[t.outcome]}</span>
              </Badge>
              {t.outcome === 'held' && <div>{money(t.held, t.currency)} held</div>}
              {t.refusalReason && <div>{t.refusalReason}</div>}
              {t.answerNote && <div className="muted">{t.answerNote}</div>}
              {t.answeredAt && <div className="muted">{fmtDateTime(t.answeredAt)}</div>}
            </td>
            {onRemove && (
              <td>
                <button className="small" onClick={() => onRemove(t)}>
                  Remove
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DraftEditor({ r, onChange }: { r: PaymentRequest; onChange(r: PaymentRequest): void }) {
  const [head, setHead] = useState({
    offence: r.offence as Offence,
    nationalReference: r.nationalReference,
    summary: r.summary,
    responseHours: String(r.responseHours),
  });
  const [extra, setExtra] = useState(emptyTransfer());
  const [adding, setAdding] = useState(false);
  const act = useAction();
  const changes = {
    ...(head.offence !== r.offence ? { offence: head.offence } : {}),
    ...(head.nationalReference !== r.nationalReference ? { nationalReference: head.nationalReference } : {}),
    ...(head.summary !== r.summary ? { summary: head.summary } : {}),
    ...(Number(head.responseHours) !== r.responseHours ? { responseHours: Number(head.responseHours) } : {}),
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    void act.run(async () => onChange(await patch<PaymentRequest>(`/api/v1/payments/${r.id}`, changes)));
  };
  const add = (e: FormEvent) => {
    e.preventDefault();
    void act.run(async () => {
      onChange(await post<PaymentRequest>(`/api/v1/payments/${r.id}/transfers`, { transfers: [transferBody(extra, (r.transfers?.length ?? 0) + 1)] }));
      setExtra(emptyTransfer());
      setAdding(false);
    });
  };
  return (
    <div className="panel">
      <h2>Draft</h2>
      <form className="form" aria-label="Change the draft" onSubmit={save}>
        <div className="row wrap">
          <label>
            Offence
            <select value={head.offence} onChange={(e) => setHead({ ...head, offence: e.target.value as Offence })}>
              {OFFENCES.map((o) => (
                <option key={o} value={o}>
                  {offenceWord(o)}
                </option>
              ))}
            </select>
          </label>
          <label>
            National reference
            <input value={head.nationalReference} onChange={(e) => setHead({ ...head, nationalReference: e.target.value })} />
          </label>
          <label>
            Response time (hours)
            <input type="number" min={1} max={720} value={head.responseHours} onChange={(e) => setHead({ ...head, responseHours: e.target.value })} />
          </label>
        </div>
        <label>
          Summary of the facts
          <textarea rows={3} value={head.summary} onChange={(e) => setHead({ ...head, summary: e.target.value })} />
        </label>
        <button type="submit" disabled={act.busy || Object.keys(changes).length === 0}>
          Save changes
        </button>
      </form>
      {adding ? (
        <form className="form" aria-label="Add a transfer" onSubmit={add}>
          <CurrencyList />
          <TransferFields n={(r.transfers?.length ?? 0) + 1} value={extra} onChange={setExtra} />
          <div className="row">
            <button className="primary" type="submit" disabled={act.busy}>
              Add transfer
            </button>
            <button type="button" onClick={() => setAdding(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <p>
          <button type="button" onClick={() => setAdding(true)}>
            Add a transfer…
          </button>
        </p>
      )}
      <ActionError error={act.error} />
    </div>
  );
}

const ANSWERS: Array<Exclude<Outcome, 'pending'>> = ['held', 'withdrawn', 'not_found', 'refused'];

function AnswerForm({ requestId, t, onDone }: { requestId: number; t: Transfer; onDone(r: PaymentRequest): void }) {
  const [outcome, setOutcome] = useState<Exclude<Outcome, 'pending'> | ''>(t.outcome === 'pending' ? '' : t.outcome);
  const [held, setHeld] = useState(t.outcome === 'held' ? t.held : '');
  const [reason, setReason] = useState(t.refusalReason ?? '');
  const [note, setNote] = useState(t.answerNote ?? '');
  const act = useAction();
  const parsed = outcome === 'held' && held.trim() ? toMinor(held, t.currency) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act.run(async () => {
      if (!outcome) throw new Error('choose the answer');
      let heldMinor: number | undefined;
      if (outcome === 'held') {
        const m = toMinor(held, t.currency);
        if ('error' in m) throw new Error(`amount held: ${m.error}`);
        if (m.minor > t.amountMinor) throw new Error(`the amount held is more than the ${money(t.amount, t.currency)} sent`);
        heldMinor = m.minor;
      }
      if (outcome === 'refused' && !reason.trim()) throw new Error('a refusal states its reason');
      onDone(
        await post<PaymentRequest>(`/api/v1/payments/${requestId}/answers`, {
          answers: [
            {
              transferId: t.id,
              outcome,
              ...(heldMinor !== undefined ? { heldMinor } : {}),
              ...(outcome === 'refused' ? { reason: reason.trim() } : {}),
              ...(note.trim() ? { note: note.trim() } : {}),
            },
          ],
        }),
      );
    });
  };
  return (
    <form className="panel form" aria-label={`Answer for transfer ${t.id}`} onSubmit={submit}>
      <h3>
        {t.outcome === 'pending' ? 'Answer' : 'Revise the answer'} for transfer #{t.id}: {money(t.amount, t.currency)} to {t.beneficiaryName} (
        {t.beneficiaryBank})
      </h3>
      <div className="row wrap">
        <label>
          Outcome
          <select value={outcome} onChange={(e) => setOutcome(e.target.value as typeof outcome)}>
            <option value="">choose…</option>
            {ANSWERS.map((o) => (
              <option key={o} value={o}>
                {OUTCOME_WORDS[o]}
              </option>
            ))}
          </select>
        </label>
        {outcome === 'held' && (
          <label>
            Amount held ({t.currency})<input inputMode="decimal" value={held} onChange={(e) => setHeld(e.target.value)} placeholder={t.amount} />
          </label>
        )}
        {outcome === 'refused' && (
          <label>
            Reason for refusing
            <input className="wide" value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
        )}
        <label>
          Note to the requester
          <input className="wide" value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
      </div>
      {parsed && (
        <p className={`hint${'error' in parsed ? ' error' : ''}`}>
          {'error' in parsed ? parsed.error : `${fromMinor(parsed.minor, t.currency)} of ${money(t.amount, t.currency)}`}
        </p>
      )}
      <ActionError error={act.error} />
      <button className="primary" type="submit" disabled={act.busy}>
        Send answer
      </button>
    </form>
  );
}
