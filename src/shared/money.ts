// Money arithmetic shared by the server (payments) and the web pages: pure, no I/O, no server imports.
// Pure helpers for I-GRIP: ISO 4217 currencies and their minor units, amounts as integer minor units,
// ISO 9362 BIC format and ISO 13616 IBAN (per-country length, mod-97 checksum).

/** Active ISO 4217 currency codes (no precious metals, test or fund-only codes beyond the official list). */
const CURRENCIES = new Set(
  `AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP
  BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP
  GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD
  LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN
  PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD
  TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL`.split(/\s+/),
);

/** Digits after the decimal point; every other currency has 2. */
const EXPONENTS: Record<string, number> = Object.fromEntries([
  ...'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF'.split(' ').map((c) => [c, 0]),
  ...'BHD IQD JOD KWD LYD OMR TND'.split(' ').map((c) => [c, 3]),
  ['CLF', 4],
  ['UYW', 4],
]);

export const isCurrency = (code: string) => CURRENCIES.has(code);
export const minorDigits = (currency: string) => EXPONENTS[currency] ?? 2;

/** 4230000000 USD -> "42300000.00"; exact (string arithmetic, never floats). */
export function formatMinor(minor: number, currency: string, grouped = false): string {
  const digits = minorDigits(currency);
  const s = String(Math.abs(minor)).padStart(digits + 1, '0');
  let whole = digits ? s.slice(0, -digits) : s;
  if (grouped) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${minor < 0 ? '-' : ''}${whole}${digits ? `.${s.slice(-digits)}` : ''}`;
}

/** "USD 42,300,000.00", for titles and messages. */
export const displayAmount = (minor: number, currency: string) => `${currency} ${formatMinor(minor, currency, true)}`;

/** ISO 9362: bank code (4 letters), country (2 letters), location (2), optional branch (3). */
export function checkBic(raw: string): { bic: string; country: string } | { error: string } {
  const bic = raw.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic)) {
    return {
      error: `BIC/SWIFT code "${raw}" is not valid: 8 or 11 characters, a 4-letter bank code, a 2-letter country code, a 2-character location and an optional 3-character branch (e.g. DEUTDEFF or DEUTDEFF500)`,
    };
  }
  return { bic, country: bic.slice(4, 6) };
}

/** IBAN lengths of the SWIFT IBAN registry. */
const IBAN_LENGTHS: Record<string, number> = Object.fromEntries(
  `AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28
  CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28
  IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28
  NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26
  UA29 VA22 VG24 XK20 YE30`
    .split(/\s+/)
    .map((e) => [e.slice(0, 2), Number(e.slice(2))]),
);

/** ISO 7064 mod 97-10 over the rearranged IBAN (letters as 10..35), in chunks so no big numbers are needed. */
export function ibanChecksumOk(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const v = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

export type AccountCheck = { account: string; iban: boolean; country: string | null } | { error: string };

/**
 * An account that looks like an IBAN (a registry country code, two check digits, alphanumerics) must be a valid
 * IBAN: right length for its country and a correct checksum. Anything else is kept as the bank's account number.
 */
export function checkAccount(raw: string): AccountCheck {
  const compact = raw.replace(/[\s-]+/g, '').toUpperCase();
  if (!compact) return { error: 'the beneficiary account is empty' };
  const country = compact.slice(0, 2);
  if (/^[A-Z]{2}\d{2}[A-Z0-9]{8,}$/.test(compact) && IBAN_LENGTHS[country]) {
    const length = IBAN_LENGTHS[country]!;
    if (compact.length !== length) return { error: `IBAN ${compact} has ${compact.length} characters; a ${country} IBAN has ${length}` };
    if (!ibanChecksumOk(compact)) return { error: `IBAN ${compact} fails its checksum (ISO 13616 mod 97): check the digits for a typing error` };
    return { account: compact, iban: true, country };
  }
  const account = raw.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9 ./-]{0,39}$/.test(account))
    return { error: `account number "${raw}" may hold only letters, digits, spaces, '.', '/' and '-' (at most 40 characters)` };
  return { account, iban: false, country: null };
}
