// Digits after the decimal point of ISO 4217 currencies, for the payment forms. The web app does not import server
// code; src/payments/web-money.test.ts checks this table against the server's (src/shared/money.ts) for every code.

/** Digits after the decimal point; every other currency has 2. */
const EXPONENTS: Record<string, number> = Object.fromEntries([
  ...'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF'.split(' ').map((c) => [c, 0]),
  ...'BHD IQD JOD KWD LYD OMR TND'.split(' ').map((c) => [c, 3]),
  ['CLF', 4],
  ['UYW', 4],
]);

export const minorDigits = (currency: string) => EXPONENTS[currency.toUpperCase()] ?? 2;
