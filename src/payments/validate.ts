// Checks of one transfer of a stop-payment request before it is stored: ISO 4217 currency, integer minor units,
// BIC format, IBAN length and checksum, and which country's NCB is asked (named, or given by the IBAN / BIC).
import { BadRequestError } from '../shared/errors.js';
import { checkAccount, checkBic, isCurrency } from './money.js';
import type { NewTransfer } from './repository.js';

export interface TransferInput {
  /** Integer minor units of the currency (US$42.3M = 4230000000). */
  amountMinor: number;
  currency: string;
  /** When the victim's bank sent the money (ISO 8601 date-time). */
  transferredAt: string;
  sendingBank: string;
  sendingAccount?: string;
  transactionReference?: string;
  beneficiaryName: string;
  beneficiaryBank: string;
  beneficiaryBic?: string | null;
  beneficiaryAccount: string;
  /** The country whose NCB is asked to stop the money; by default the IBAN's or the BIC's country. */
  receivingCountry?: string;
}

/** Clock skew tolerated for a transfer time slightly in the future. */
const SKEW_MS = 5 * 60_000;

export function normaliseTransfer(input: TransferInput, n: number, requestingCountry: string, now = new Date()): Omit<NewTransfer, 'request_id'> {
  const fail = (field: string, message: string): never => {
    throw new BadRequestError(`transfer ${n}: ${message}`, { transfer: n, field });
  };

  const currency = input.currency.trim().toUpperCase();
  if (!isCurrency(currency)) fail('currency', `"${input.currency}" is not an ISO 4217 currency code (e.g. USD, EUR, BRL)`);
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0) fail('amountMinor', 'the amount is a positive whole number of minor units (cents)');
  const at = new Date(input.transferredAt);
  if (Number.isNaN(at.getTime())) fail('transferredAt', `"${input.transferredAt}" is not a date and time`);
  if (at.getTime() > now.getTime() + SKEW_MS) fail('transferredAt', 'the transfer time is in the future');

  const account = checkAccount(input.beneficiaryAccount);
  if ('error' in account) return fail('beneficiaryAccount', account.error);
  let bic: { bic: string; country: string } | null = null;
  if (input.beneficiaryBic?.trim()) {
    const checked = checkBic(input.beneficiaryBic);
    if ('error' in checked) return fail('beneficiaryBic', checked.error);
    bic = checked;
  }

  // Asking the wrong NCB loses the hours that matter: the country must agree with the IBAN or the BIC.
  const given = [account.iban ? { what: 'IBAN', country: account.country! } : null, bic ? { what: 'BIC', country: bic.country } : null].filter(
    (g): g is { what: string; country: string } => g !== null,
  );
  let country = input.receivingCountry?.trim().toUpperCase();
  if (country) {
    if (given.length && !given.some((g) => g.country === country)) {
      fail('receivingCountry', `receivingCountry ${country} matches neither ${given.map((g) => `the ${g.what} (${g.country})`).join(' nor ')}`);
    }
  } else {
    const codes = [...new Set(given.map((g) => g.country))];
    if (!codes.length) fail('receivingCountry', 'name the receivingCountry: the account is not an IBAN and there is no BIC to tell it');
    if (codes.length > 1) fail('receivingCountry', `the IBAN is from ${given[0]!.country} but the BIC from ${given[1]!.country}: name the receivingCountry`);
    country = codes[0]!;
  }
  if (country === requestingCountry) {
    fail('receivingCountry', `the beneficiary bank is in your own country (${country}): stop it through national channels; I-GRIP asks other countries`);
  }

  return {
    amount_minor: input.amountMinor,
    currency,
    transferred_at: at,
    sending_bank: input.sendingBank.trim(),
    sending_account: input.sendingAccount?.trim() ?? '',
    transaction_reference: input.transactionReference?.trim() ?? '',
    beneficiary_name: input.beneficiaryName.trim(),
    beneficiary_bank: input.beneficiaryBank.trim(),
    beneficiary_bic: bic?.bic ?? null,
    beneficiary_account: account.account,
    account_is_iban: account.iban,
    receiving_country: country!,
  };
}
