// Access matrix: for each role and country, a permitted and a forbidden read, list and write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { systemPrincipal, type Role } from './principal.js';
import { identityRepo } from '../identity/repository.js';

let sys: TestSystem;
const COUNTRIES = ['FR', 'DE', 'BR', 'XG'] as const;
const ROLES: Role[] = ['investigator', 'analyst', 'ncb_officer', 'dpo', 'admin'];
const email = (c: string, r: Role) => `m.${c.toLowerCase()}.${r}@test.icse`;

beforeAll(async () => {
  sys = await startTestSystem();
  for (const c of COUNTRIES) {
    const agency = (await identityRepo.listAgencies(sys.ctx.db, c))[0]!;
    for (const role of ROLES) {
      await sys.ctx.identity.createUser(systemPrincipal(), {
        email: email(c, role),
        displayName: `${c} ${role}`,
        password: 'matrix-password-1',
        role,
        agencyId: agency.id,
        withTotp: false,
      });
    }
  }
});
afterAll(async () => {
  await sys?.close();
});

async function asUser(c: string, r: Role) {
  const cookie = await sys.login(email(c, r), 'matrix-password-1');
  return (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) =>
    sys.app.inject({ method, url, payload: body as never, cookies: { icse_session: cookie } });
}

describe.each(COUNTRIES.flatMap((c) => ROLES.map((r) => [c, r] as const)))('%s %s', (country, role) => {
  const caseRole = ['investigator', 'analyst', 'ncb_officer'].includes(role);
  const other = country === 'DE' ? 'BR' : 'DE';

  it(caseRole ? "reads, lists and writes its own case; not another country's restricted case" : 'is refused case data by role', async () => {
    const me = await asUser(country, role);
    const them = await asUser(other, 'investigator');
    const theirs = await them('POST', '/api/v1/cases', { reference: `R-${country}-${role}`, title: 'their case', distribution: 'country' });
    expect(theirs.statusCode).toBe(201);
    const theirId = theirs.json().id;
    if (caseRole) {
      const mine = await me('POST', '/api/v1/cases', { reference: `M-${role}`, title: 'my case', distribution: 'country' });
      expect(mine.statusCode).toBe(201);
      const id = mine.json().id;
      expect((await me('GET', `/api/v1/cases/${id}`)).statusCode).toBe(200); // permitted read
      const list = (await me('GET', '/api/v1/cases')).json().cases.map((x: { id: number }) => x.id);
      expect(list).toContain(id); // permitted list
      expect(list).not.toContain(theirId); // forbidden list
      expect((await me('PATCH', `/api/v1/cases/${id}`, { title: 'renamed' })).statusCode).toBe(200); // permitted write
      const read = await me('GET', `/api/v1/cases/${theirId}`);
      expect(read.statusCode).toBe(404); // forbidden read: 404, no content
      expect(read.body).not.toContain('their case');
      expect((await me('PATCH', `/api/v1/cases/${theirId}`, { title: 'hijack' })).statusCode).toBe(404); // forbidden write
    } else {
      expect((await me('GET', `/api/v1/cases/${theirId}`)).statusCode).toBe(403);
      expect((await me('GET', '/api/v1/cases')).statusCode).toBe(403);
      expect((await me('POST', '/api/v1/cases', { reference: 'x', title: 'x' })).statusCode).toBe(403);
      if (role === 'dpo') {
        expect((await me('GET', '/api/v1/audit?limit=5')).statusCode).toBe(200);
        expect((await me('GET', '/api/v1/admin/users')).statusCode).toBe(403);
      } else {
        expect((await me('GET', '/api/v1/admin/users')).statusCode).toBe(200);
        expect((await me('GET', '/api/v1/audit')).statusCode).toBe(403);
        const created = await me('POST', '/api/v1/admin/agencies', { countryCode: country, name: `Unit ${role}` });
        expect(created.statusCode).toBe(201);
      }
    }
  });
});

describe('distribution levels', () => {
  it('agency-only, named countries and all member countries', async () => {
    const fr = await asUser('FR', 'investigator');
    const frOtherAgency = await (async () => {
      const a = await sys.ctx.identity.createAgency(systemPrincipal(), { countryCode: 'FR', name: 'Gendarmerie C3N' });
      await sys.ctx.identity.createUser(systemPrincipal(), {
        email: 'gend@test.icse',
        displayName: 'g',
        password: 'matrix-password-1',
        role: 'investigator',
        agencyId: a.id,
        withTotp: false,
      });
      const cookie = await sys.login('gend@test.icse', 'matrix-password-1');
      return (url: string) => sys.app.inject({ method: 'GET', url, cookies: { icse_session: cookie } });
    })();
    const de = await asUser('DE', 'investigator');
    const br = await asUser('BR', 'investigator');
    const mk = async (ref: string, distribution: string, sharedWith?: string[]) =>
      (await fr('POST', '/api/v1/cases', { reference: ref, title: ref, distribution, sharedWith })).json().id as number;
    const agencyOnly = await mk('D1', 'agency');
    const named = await mk('D2', 'countries', ['de']);
    const all = await mk('D3', 'all');
    const country = await mk('D4', 'country');
    expect((await frOtherAgency(`/api/v1/cases/${agencyOnly}`)).statusCode).toBe(404);
    expect((await frOtherAgency(`/api/v1/cases/${country}`)).statusCode).toBe(200);
    expect((await de('GET', `/api/v1/cases/${named}`)).statusCode).toBe(200);
    expect((await br('GET', `/api/v1/cases/${named}`)).statusCode).toBe(404);
    expect((await br('GET', `/api/v1/cases/${all}`)).statusCode).toBe(200);
    expect((await de('GET', `/api/v1/cases/${country}`)).statusCode).toBe(404);
    // Visible but not owned: the reader may not change it.
    expect((await de('PATCH', `/api/v1/cases/${all}`, { title: 'x' })).statusCode).toBe(403);
  });
});
