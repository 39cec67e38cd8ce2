// Pure checks: minor units per ISO 4217 currency, exact formatting, BIC format, IBAN length and checksum.
import { describe, expect, it } from 'vitest';
import { checkAccount, checkBic, displayAmount, formatMinor, ibanChecksumOk, isCurrency, minorDigits } from './money.js';

describe('money', () => {
  it("formats integer minor units exactly, with the currency's number of digits", () => {
    expect(formatMinor(4_230_000_000, 'USD')).toBe('42300000.00');
    expect(formatMinor(5, 'EUR')).toBe('0.05');
    expect(formatMinor(1234, 'JPY')).toBe('1234');
    expect(formatMinor(1234, 'BHD')).toBe('1.234');
    expect(formatMinor(Number.MAX_SAFE_INTEGER, 'USD')).toBe('90071992547409.91');
    expect(displayAmount(3_900_000_000, 'USD')).toBe('USD 39,000,000.00');
    expect([minorDigits('KWD'), minorDigits('CLF'), minorDigits('BRL')]).toEqual([3, 4, 2]);
    expect([isCurrency('USD'), isCurrency('XAU'), isCurrency('usd'), isCurrency('ABC')]).toEqual([true, false, false, false]);
  });

  it('validates IBANs that look like IBANs and keeps other account numbers', () => {
    for (const iban of [
      'DE89370400440532013000',
      'FR1420041010050500013M02606',
      'GB82WEST12345698765432',
      'NL91ABNA0417164300',
      'BR1800360305000010009795493C1',
      'NO9386011117947',
    ]) {
      expect(checkAccount(iban), iban).toEqual({ account: iban, iban: true, country: iban.slice(0, 2) });
    }
    expect(checkAccount('gb82 west 1234 5698 7654 32')).toMatchObject({ account: 'GB82WEST12345698765432', iban: true });
    expect(ibanChecksumOk('GB82WEST12345698765433')).toBe(false);
    expect(checkAccount('GB82WEST12345698765433')).toEqual({ error: expect.stringMatching(/fails its checksum/) });
    expect(checkAccount('NL91ABNA041716430')).toEqual({ error: 'IBAN NL91ABNA041716430 has 17 characters; a NL IBAN has 18' });
    expect(checkAccount('021000021 / 123456789')).toEqual({ account: '021000021 / 123456789', iban: false, country: null });
    expect(checkAccount('US12345678901234')).toMatchObject({ iban: false }); // US has no IBAN
    expect(checkAccount('12;DROP')).toHaveProperty('error');
  });

  it('checks the BIC format (ISO 9362)', () => {
    expect(checkBic('DEUTDEFF')).toEqual({ bic: 'DEUTDEFF', country: 'DE' });
    expect(checkBic('bnpa fr pp xxx')).toEqual({ bic: 'BNPAFRPPXXX', country: 'FR' });
    for (const bad of ['DEUTDEF', 'DEUTDEFF5', 'DEUTDEFF50', '1EUTDEFF', 'DEUT1EFF', 'DEUTDEFF5000']) expect(checkBic(bad), bad).toHaveProperty('error');
  });
});
