// The web app keeps its own copy of the ISO 4217 minor units (it imports no server code): it must agree with the
// server's table for every currency code.
import { describe, expect, it } from 'vitest';
import { isCurrency, minorDigits } from '../shared/money.js';
import { minorDigits as webMinorDigits } from '../../web/src/money.js';

describe('web minor units', () => {
  it('agree with the server for every ISO 4217 code, in either case', () => {
    const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const codes = [...A].flatMap((a) => [...A].flatMap((b) => [...A].map((c) => a + b + c))).filter(isCurrency);
    expect(codes.length).toBeGreaterThan(150);
    const differ = codes.filter((c) => webMinorDigits(c) !== minorDigits(c) || webMinorDigits(c.toLowerCase()) !== minorDigits(c));
    expect(differ).toEqual([]);
    // Not a table of 2s: the exceptions are there.
    expect(['JPY', 'KWD', 'CLF', 'EUR'].map(webMinorDigits)).toEqual([0, 3, 4, 2]);
  });
});
