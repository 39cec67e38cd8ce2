// I-GRIP shared pieces: API shapes, money in major units (entered) vs integer minor units (the API), the transfer
// fields (one fieldset per transfer) and the new-request form.
import { useState, type FormEvent } from 'react';
import { post } from '../api.js';
import { Link, navigate } from '../router.js';
import { useSession } from '../session.js';
import { ActionError } from '../components/common.js';
import { useAction } from '../query.js';
import { useCountryNames } from '../components/Distribution.js';
import { minorDigits } from '../money.js';
import type { paths } from '../api-types.js';

export const OFFENCES = ['sextortion', 'online_fraud', 'business_email_compromise', 'investment_fraud', 'romance_scam', 'other'] as const;
export type Offence = (typeof OFFENCES)[number];
export type Outcome = Transfer['outcome'];
export const offenceWord = (o: string) => o.replace(/_/g, ' ');
export const OUTCOME_WORDS: Record<Outcome, string> = {
  pending: 'pending',
  held: 'held',
  withdrawn: 'already withdrawn',
  not_found: 'not found',
  refused: 'refused',
};
export const outcomeBadge: Record<Outcome, string> = { pending: 'warn', held: 'ok', withdrawn: 'error', not_found: 'muted', refused: 'error' };
export const statusBadge: Record<string, string> = { draft: 'muted', sent: 'warn', closed: 'closed' };

export type PaymentRequest = paths['/api/v1/payments/{id}']['get']['responses'][200]['content']['application/json'];
export type Transfer = NonNullable<PaymentRequest['transfers']>[number];
export type Total = PaymentRequest['totals'][number];

// ISO 4217 minor units: web/src/money.ts, checked against the server's table by src/payments/web-money.test.ts.
export { minorDigits };
const COMMON = ['EUR', 'USD', 'GBP', 'CHF', 'BRL', 'JPY', 'CAD', 'AUD', 'CNY', 'HKD', 'SGD', 'AED', 'NGN', 'ZAR', 'INR', 'TRY', 'KWD'];

const group = (whole: string) => whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
/** "1250.50" (the API's decimal string) → "EUR 1,250.50". */
export const money = (decimal: string, currency: string) => {
  const [w, f] = decimal.split('.');
  return `${currency} ${group(w ?? '0')}${f ? `.${f}` : ''}`;
};
/** Integer minor units → "EUR 1,250.50", exactly (string arithmetic). */
export function fromMinor(minor: number, currency: string): string {
  const d = minorDigits(currency);
  const s = String(minor).padStart(d + 1, '0');
  return money(d ? `${s.slice(0, -d)}.${s.slice(-d)}` : s, currency);
}

/**
 * An amount typed in major units ("1,250.50", "1 250,50", "42300000") → integer minor units of the currency.
 * Spaces group digits; with both ',' and '.', the last one is the decimal mark; one kind repeated groups thousands.
 */
export function toMinor(raw: string, currency: string): { minor: number } | { error: string } {
  const d = minorDigits(currency);
  const s = raw.trim().replace(/[\s\u00a0\u202f_']/g, '');
  if (!s) return { error: 'enter the amount' };
  const bad = { error: `"${raw.trim()}" is not an amount: digits with an optional decimal mark, e.g. 1250.50` };
  if (!/^[\d.,]+$/.test(s)) return bad;
  const dots = s.split('.').length - 1,
    commas = s.split(',').length - 1;
  let whole = s,
    frac = '';
  if (dots && commas) {
    const at = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','));
    whole = s.slice(0, at);
    frac = s.slice(at + 1);
    if (!/^\d{1,3}([.,]\d{3})*$/.test(whole)) return bad;
    whole = whole.replace(/[.,]/g, '');
  } else if (dots + commas > 1) {
    if (!/^\d{1,3}([.,]\d{3})+$/.test(s)) return bad;
    whole = s.replace(/[.,]/g, '');
  } else if (dots + commas === 1) {
    [whole, frac] = s.split(/[.,]/) as [string, string];
  }
  if (!/^\d+$/.test(whole) || !/^\d*$/.test(frac)) return bad;
  if (frac.length > d) {
    const thousands = frac.length === 3 && dots + commas === 1 ? ` (for thousands write ${whole}${frac} or ${whole},${frac}.${'0'.repeat(d)})` : '';
    return {
      error: d
        ? `${currency} has ${d} decimal digit${d > 1 ? 's' : ''}; "${raw.trim()}" has ${frac.length}${thousands}`
        : `${currency} has no decimal digits: enter a whole amount${thousands ? ` (${whole}${frac})` : ''}`,
    };
  }
  const minor = Number((whole + frac.padEnd(d, '0')).replace(/^0+(?=\d)/, ''));
  if (!Number.isSafeInteger(minor)) return { error: 'the amount is too large' };
  if (minor <= 0) return { error: 'the amount must be more than zero' };
  return { minor };
}

export interface TransferDraft {
  amount: string;
  currency: string;
  transferredAt: string;
  sendingBank: string;
  sendingAccount: string;
  transactionReference: string;
  beneficiaryName: string;
  beneficiaryBank: string;
  beneficiaryBic: string;
  beneficiaryAccount: string;
  receivingCountry: string;
}
export const emptyTransfer = (): TransferDraft => ({
  amount: '',
  currency: 'EUR',
  transferredAt: '',
  sendingBank: '',
  sendingAccount: '',
  transactionReference: '',
  beneficiaryName: '',
  beneficiaryBank: '',
  beneficiaryBic: '',
  beneficiaryAccount: '',
  receivingCountry: '',
});

/** The API body of one transfer; throws an Error naming the transfer and the field on what the server would refuse anyway. */
export function transferBody(t: TransferDraft, n: number) {
  const fail = (m: string): never => {
    throw new Error(`transfer ${n}: ${m}`);
  };
  const currency = t.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) fail('the currency is a 3-letter ISO 4217 code (e.g. EUR, USD)');
  const amount = toMinor(t.amount, currency);
  if ('error' in amount) return fail(amount.error);
  if (!t.transferredAt) fail('give the time the money was sent');
  const at = new Date(t.transferredAt);
  if (Number.isNaN(at.getTime())) fail(`"${t.transferredAt}" is not a date and time`);
  for (const [k, label] of [
    ['sendingBank', 'the sending bank'],
    ['beneficiaryName', 'the beneficiary name'],
    ['beneficiaryBank', 'the beneficiary bank'],
    ['beneficiaryAccount', 'the IBAN or account number'],
  ] as const) {
    if (!t[k].trim()) fail(`give ${label}`);
  }
  const opt = (v: string) => (v.trim() ? v.trim() : undefined);
  return {
    amountMinor: amount.minor,
    currency,
    transferredAt: at.toISOString(),
    sendingBank: t.sendingBank.trim(),
    sendingAccount: opt(t.sendingAccount),
    transactionReference: opt(t.transactionReference),
    beneficiaryName: t.beneficiaryName.trim(),
    beneficiaryBank: t.beneficiaryBank.trim(),
    beneficiaryBic: opt(t.beneficiaryBic) ?? null,
    beneficiaryAccount: t.beneficiaryAccount.trim(),
    receivingCountry: opt(t.receivingCountry),
  };
}

/** Which country an IBAN or a BIC points to (what the server asks by default). */
function impliedCountry(t: TransferDraft): string | null {
  const iban = t.beneficiaryAccount.replace(/[\s-]+/g, '').toUpperCase();
  if (/^[A-Z]{2}\d{2}[A-Z0-9]{8,}$/.test(iban)) return iban.slice(0, 2);
  const bic = t.beneficiaryBic.replace(/\s+/g, '').toUpperCase();
  return /^[A-Z]{6}/.test(bic) ? bic.slice(4, 6) : null;
}

export function TransferFields({ n, value: t, onChange, onRemove }: { n: number; value: TransferDraft; onChange(t: TransferDraft): void; onRemove?(): void }) {
  const { me } = useSession();
  const countryNames = useCountryNames();
  const members = countryNames.members.filter((c) => c.code !== me.countryCode);
  const set = (k: keyof TransferDraft) => (e: { target: { value: string } }) => onChange({ ...t, [k]: e.target.value });
  const currency = t.currency.trim().toUpperCase();
  const parsed = t.amount.trim() && /^[A-Z]{3}$/.test(currency) ? toMinor(t.amount, currency) : null;
  const implied = impliedCountry(t);
  const impliedName = implied ? (countryNames.members.find((c) => c.code === implied)?.name ?? implied) : null;
  return (
    <fieldset className="transfer" aria-label={`Transfer ${n}`}>
      <legend>Transfer {n}</legend>
      <div className="row wrap">
        <label>
          Amount
          <input inputMode="decimal" value={t.amount} onChange={set('amount')} placeholder={minorDigits(currency) ? '1250.50' : '125000'} />
        </label>
        <label>
          Currency
          <input className="currency" list="currencies" maxLength={3} value={t.currency} onChange={set('currency')} />
        </label>
        <label>
          Time sent
          <input type="datetime-local" value={t.transferredAt} onChange={set('transferredAt')} />
        </label>
      </div>
      {parsed && (
        <p className={`hint${'error' in parsed ? ' error' : ''}`} data-testid="amount-preview">
          {'error' in parsed ? parsed.error : `${fromMinor(parsed.minor, currency)} = ${parsed.minor} minor units`}
        </p>
      )}
      <div className="row wrap">
        <label>
          Sending bank
          <input value={t.sendingBank} onChange={set('sendingBank')} placeholder="the victim's bank" />
        </label>
        <label>
          Victim's account (optional)
          <input value={t.sendingAccount} onChange={set('sendingAccount')} />
        </label>
        <label>
          Transaction reference (optional)
          <input value={t.transactionReference} onChange={set('transactionReference')} />
        </label>
      </div>
      <div className="row wrap">
        <label>
          Beneficiary name
          <input value={t.beneficiaryName} onChange={set('beneficiaryName')} />
        </label>
        <label>
          Beneficiary bank
          <input value={t.beneficiaryBank} onChange={set('beneficiaryBank')} />
        </label>
        <label>
          BIC / SWIFT
          <input value={t.beneficiaryBic} onChange={set('beneficiaryBic')} placeholder="8 or 11 characters" />
        </label>
        <label>
          IBAN or account number
          <input className="wide" value={t.beneficiaryAccount} onChange={set('beneficiaryAccount')} placeholder="DE89 3704 0044 0532 0130 00" />
        </label>
      </div>
      <div className="row wrap">
        <label>
          Receiving country
          <select value={t.receivingCountry} onChange={set('receivingCountry')}>
            <option value="">
              {impliedName
                ? `${impliedName} (from the ${/^[A-Z]{2}\d{2}/i.test(t.beneficiaryAccount.replace(/\s+/g, '')) ? 'IBAN' : 'BIC'})`
                : 'from the IBAN or the BIC'}
            </option>
            {members.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name} ({c.code})
              </option>
            ))}
          </select>
        </label>
        {onRemove && (
          <button type="button" onClick={onRemove}>
            Remove transfer {n}
          </button>
        )}
      </div>
    </fieldset>
  );
}

export function CurrencyList() {
  return (
    <datalist id="currencies">
      {COMMON.map((c) => (
        <option key={c} value={c} />
      ))}
    </datalist>
  );
}

export function NewPaymentPage() {
  const { me } = useSession();
  const [head, setHead] = useState({ offence: '' as Offence | '', nationalReference: '', summary: '', responseHours: '24' });
  const [transfers, setTransfers] = useState<TransferDraft[]>([emptyTransfer()]);
  const act = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act.run(async () => {
      if (!head.offence) throw new Error('choose the offence');
      const hours = Number(head.responseHours);
      if (!Number.isInteger(hours) || hours < 1 || hours > 720) throw new Error('the response time is a whole number of hours between 1 and 720');
      const body = {
        offence: head.offence,
        responseHours: hours,
        ...(head.nationalReference.trim() ? { nationalReference: head.nationalReference.trim() } : {}),
        ...(head.summary.trim() ? { summary: head.summary.trim() } : {}),
        transfers: transfers.map((t, i) => transferBody(t, i + 1)),
      };
      const r = await post<PaymentRequest>('/api/v1/payments', body);
      navigate(`/payments/${r.id}`);
    });
  };
  if (me.isHub || !['investigator', 'analyst', 'ncb_officer'].includes(me.role)) {
    return <p className="panel">A stop-payment request comes from the police of the victim's country.</p>;
  }
  return (
    <form className="panel form" aria-label="Stop-payment request" onSubmit={submit}>
      <p className="muted">
        <Link to="/payments">← stop-payment requests</Link>
      </p>
      <h1>New stop-payment request</h1>
      <p className="muted">
        Saved as a draft of your country; your NCB sends it to the receiving countries' NCBs, which then have the response time to answer.
      </p>
      <div className="row wrap">
        <label>
          Offence
          <select value={head.offence} onChange={(e) => setHead({ ...head, offence: e.target.value as Offence })}>
            <option value="">choose…</option>
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
        <textarea
          rows={4}
          value={head.summary}
          onChange={(e) => setHead({ ...head, summary: e.target.value })}
          placeholder="for the receiving NCBs and banks: what happened, why the money must be stopped"
        />
      </label>
      <CurrencyList />
      {transfers.map((t, i) => (
        <TransferFields
          key={i}
          n={i + 1}
          value={t}
          onChange={(v) => setTransfers(transfers.map((x, j) => (j === i ? v : x)))}
          onRemove={transfers.length > 1 ? () => setTransfers(transfers.filter((_, j) => j !== i)) : undefined}
        />
      ))}
      <p>
        <button
          type="button"
          onClick={() =>
            setTransfers([
              ...transfers,
              { ...emptyTransfer(), currency: transfers.at(-1)?.currency ?? 'EUR', sendingBank: transfers.at(-1)?.sendingBank ?? '' },
            ])
          }
        >
          Add another transfer
        </button>
      </p>
      <ActionError error={act.error} />
      <button className="primary" type="submit" disabled={act.busy}>
        Save draft
      </button>
    </form>
  );
}
