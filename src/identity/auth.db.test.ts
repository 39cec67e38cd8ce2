// Sign-in rules: wrong password, throttling, TOTP, expired certification, tokens, demo-mode rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { systemPrincipal } from '../access/principal.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../demo/accounts.js';
import { currentStep, totpAt, totpNow } from './totp.js';
import { identityRepo } from './repository.js';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem({ ICSE_LOGIN_MAX_FAILURES: '3' });
});
afterAll(async () => {
  await sys?.close();
});

const login = (body: Record<string, unknown>) => sys.api('POST', '/api/v1/auth/login', { body });

describe('login', () => {
  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const a = await login({ email: 'de.analyst@demo.icse', password: 'nope' });
    const b = await login({ email: 'nobody@demo.icse', password: 'nope' });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().message).toBe(b.json().message);
  });

  it('sets an HTTP-only session cookie that authenticates', async () => {
    const r = await login({ email: 'br.investigator@demo.icse', password: DEMO_PASSWORD });
    expect(r.statusCode).toBe(200);
    const c = r.cookies.find((x) => x.name === 'icse_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Strict');
    const me = await sys.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { icse_session: c.value } });
    expect(me.json()).toMatchObject({ email: 'br.investigator@demo.icse', countryCode: 'BR', role: 'investigator', agencyName: 'Polícia Federal NUCAM' });
    await sys.app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies: { icse_session: c.value } });
    expect((await sys.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { icse_session: c.value } })).statusCode).toBe(401);
  });

  it('throttles after repeated failures, even with the right password', async () => {
    for (let i = 0; i < 3; i++) expect((await login({ email: 'de.investigator@demo.icse', password: 'wrong' })).statusCode).toBe(401);
    const r = await login({ email: 'de.investigator@demo.icse', password: DEMO_PASSWORD });
    expect(r.statusCode).toBe(429);
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    expect(r.json().message).toMatch(/too many/);
  });

  it('requires a valid, unused TOTP code for an enrolled user', async () => {
    const email = 'fr.investigator@demo.icse';
    const user = (await identityRepo.findUserByEmail(sys.ctx.db, email))!;
    await identityRepo.updateUser(sys.ctx.db, user.id, { totp_last_step: 0 });
    expect((await login({ email, password: DEMO_PASSWORD })).json().error).toBe('totp_required');
    const wrong = totpAt(DEMO_TOTP_SECRET, currentStep() + 5);
    expect((await login({ email, password: DEMO_PASSWORD, totp: wrong })).json().error).toBe('totp_invalid');
    const code = totpNow(DEMO_TOTP_SECRET);
    expect((await login({ email, password: DEMO_PASSWORD, totp: code })).statusCode).toBe(200);
    // The same code again is a replay.
    expect((await login({ email, password: DEMO_PASSWORD, totp: code })).json().error).toBe('totp_invalid');
  });

  it('refuses a user whose certification expired, at login and for an existing session', async () => {
    const agency = (await identityRepo.listAgencies(sys.ctx.db, 'DE'))[0]!;
    const { user } = await sys.ctx.identity.createUser(systemPrincipal(), {
      email: 'cert@test.icse',
      displayName: 'c',
      password: 'certified-pass-1',
      role: 'investigator',
      agencyId: agency.id,
      withTotp: false,
      certifiedUntil: '2099-01-01',
    });
    const cookie = await sys.login('cert@test.icse', 'certified-pass-1');
    await identityRepo.updateUser(sys.ctx.db, user.id, { certified_until: '2020-01-01' });
    const r = await login({ email: 'cert@test.icse', password: 'certified-pass-1' });
    expect(r.statusCode).toBe(401);
    expect(r.json().error).toBe('certification_expired');
    const me = await sys.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { icse_session: cookie } });
    expect(me.statusCode).toBe(401);
  });
});

describe('API tokens', () => {
  it('authenticate machine clients until revoked', async () => {
    const created = await sys.api('POST', '/api/v1/auth/tokens', { as: 'de.analyst@demo.icse', body: { name: 'griffeye bridge' } });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    const bearer = { authorization: `Bearer ${token}` };
    expect((await sys.api('GET', '/api/v1/auth/me', { headers: bearer })).json().email).toBe('de.analyst@demo.icse');
    expect((await sys.api('DELETE', `/api/v1/auth/tokens/${id}`, { as: 'de.analyst@demo.icse' })).statusCode).toBe(200);
    const after = await sys.api('GET', '/api/v1/auth/me', { headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.json().error).toBe('invalid_token');
    // The token list shows it revoked; the secret is never listed.
    const list = await sys.api('GET', '/api/v1/auth/tokens', { as: 'de.analyst@demo.icse' });
    expect(list.body).not.toContain(token);
    expect(list.json().tokens[0].revoked_at).not.toBeNull();
  });
});

describe('outside demo mode', () => {
  it('requires a second factor for every user', async () => {
    const other = await startTestSystem({ ICSE_DEMO: '0' });
    try {
      await other.ctx.identity.upsertCountry(systemPrincipal(), { code: 'IT', name: 'Italy', ncbName: 'NCB Rome' });
      const agency = (await identityRepo.listAgencies(other.ctx.db, 'IT'))[0]!;
      expect(await other.ctx.identity.countDemoUsers()).toBe(0);
      await other.ctx.identity.createUser(systemPrincipal(), {
        email: 'nofactor@test.icse',
        displayName: 'n',
        password: 'strong-password-1',
        role: 'investigator',
        agencyId: agency.id,
        withTotp: false,
      });
      const r = await other.api('POST', '/api/v1/auth/login', { body: { email: 'nofactor@test.icse', password: 'strong-password-1' } });
      expect(r.json().error).toBe('totp_not_enrolled');
      const withTotp = await other.ctx.identity.createUser(systemPrincipal(), {
        email: 'admin@test.icse',
        displayName: 'a',
        password: 'strong-password-1',
        role: 'admin',
        agencyId: agency.id,
      });
      const ok = await other.api('POST', '/api/v1/auth/login', {
        body: { email: 'admin@test.icse', password: 'strong-password-1', totp: totpNow(withTotp.totpSecret!) },
      });
      expect(ok.statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });
});
