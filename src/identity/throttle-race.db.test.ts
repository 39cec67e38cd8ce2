// Issue 14 item 12: the sign-in throttle counts parallel attempts atomically (40 at once, limit 5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestSystem, type TestSystem } from '../testing/harness.js';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
}, 60_000);
afterAll(async () => {
  await sys?.close();
});

const login = (email: string, password: string, ip = '203.0.113.7') =>
  sys.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip });

describe('login throttle under a parallel burst', () => {
  it('verifies at most the limit of 40 parallel wrong passwords; the rest are refused unchecked', async () => {
    expect(sys.config.loginMaxFailures).toBe(5);
    const email = 'de.investigator@demo.icse';
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login(email, `wrong-password-${i}`)));
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401).length).toBe(5);
    expect(codes.filter((c) => c === 429).length).toBe(35);
    expect(answers.find((r) => r.statusCode === 429)!.headers['retry-after']).toBeDefined();
    // Exactly the verified guesses are on record.
    const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM login_attempts WHERE lower(email) = ${email} AND NOT success`.execute(sys.ctx.db);
    expect(rows.rows[0]!.n).toBe(5);
    // The right password is refused too while the window lasts.
    expect((await login(email, 'demo-password')).statusCode).toBe(429);
  }, 60_000);

  it('a prompt for the second factor is not counted as a failed guess', async () => {
    const email = 'fr.investigator@demo.icse'; // has TOTP
    for (let i = 0; i < 7; i++) expect((await login(email, 'demo-password', '198.51.100.9')).json().error).toBe('totp_required');
  }, 60_000);
});
