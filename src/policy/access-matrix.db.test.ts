// The access matrix, generated from the policy definitions (src/policy) and the application's route table:
//   1. every route declares an action of a policy (or is public), and every action is some route's;
//   2. every route × every role, at a member country and at the hub: the role gate the policy declares is
//      the one the server enforces (403 naming the action exactly when the gate excludes the role);
//   3. records of each resource with per-record rules, owned by one agency, read (and, for owner-written
//      resources, changed) by principals of the same agency, another agency of the same country, another
//      country and the hub, in every role: the HTTP answer and the list agree with the policy's `can`, and a
//      few cells are pinned by hand so that a wrong policy cannot pass by agreeing with itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { ROLES, systemPrincipal, type Principal, type Role } from '../access/principal.js';
import { identityRepo } from '../identity/repository.js';
import { ACTIONS, POLICIES, allowed, gateAllows, type ResourcePolicy } from './index.js';
import { casePolicy, seriesPolicy } from './case-data.js';
import { noticePolicy } from './notice.js';
import { firearmRecordPolicy, paymentPolicy } from './services.js';

let sys: TestSystem;
const PASSWORD = 'matrix-password-1';
/** Where a principal sits relative to the records' owner (FR, agency OFMIN). */
const PLACES = ['own agency', 'own country', 'other country', 'hub'] as const;
type Place = (typeof PLACES)[number];
interface Actor {
  place: Place;
  role: Role;
  email: string;
  principal: Principal;
  cookie: string;
}
const actors: Actor[] = [];
const OWNER = 'fr.investigator@demo.icse';

beforeAll(async () => {
  sys = await startTestSystem();
  const agencyOf = async (email: string) =>
    (await sys.ctx.db.selectFrom('users').select('agency_id').where('email', '=', email).executeTakeFirstOrThrow()).agency_id;
  const frOther = await sys.ctx.identity.createAgency(systemPrincipal(), { countryCode: 'FR', name: 'Gendarmerie C3N (matrix)' });
  const agencies: Record<Place, number> = {
    'own agency': await agencyOf(OWNER),
    'own country': frOther.id,
    'other country': await agencyOf('de.investigator@demo.icse'),
    hub: (await identityRepo.listAgencies(sys.ctx.db, 'XG'))[0]!.id,
  };
  for (const place of PLACES) {
    for (const role of ROLES) {
      const email = `mx.${place.replace(' ', '-')}.${role}@test.icse`;
      await sys.ctx.identity.createUser(systemPrincipal(), {
        email,
        displayName: `${place} ${role}`,
        password: PASSWORD,
        role,
        agencyId: agencies[place],
        withTotp: false,
      });
      const cookie = await sys.login(email, PASSWORD);
      const principal = await sys.ctx.identity.authenticate({ session: cookie }, 'test');
      actors.push({ place, role, email, principal: principal!, cookie });
    }
  }
}, 300_000);
afterAll(async () => {
  await sys?.close();
});

const call = (a: Actor, method: string, url: string, body?: unknown) =>
  sys.app.inject({ method: method as 'GET', url, payload: body as never, cookies: { icse_session: a.cookie } });

describe('routes and actions', () => {
  it('every non-public route declares an action the policies define', () => {
    expect(sys.app.routeTable.length).toBeGreaterThan(100);
    const missing = sys.app.routeTable.filter((r) => !(r.access && 'public' in r.access) && !r.action).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    const unknown = sys.app.routeTable.filter((r) => r.action && !ACTIONS.has(r.action)).map((r) => `${r.method} ${r.url} ${r.action}`);
    expect(unknown).toEqual([]);
  });

  it("every action of every policy is some route's (no dead rules)", () => {
    const used = new Set(sys.app.routeTable.map((r) => r.action));
    const dead = [...ACTIONS.entries()].filter(([a, { policy, verb }]) => !used.has(a) && !(policy.recordOnly ?? []).includes(verb)).map(([a]) => a);
    expect(dead).toEqual([]);
    expect(POLICIES.length).toBeGreaterThan(10);
  });

  it("the server enforces each action's role gate, for every role at a member country and at the hub", async () => {
    const routes = sys.app.routeTable.filter((r) => r.action);
    const wrong: string[] = [];
    for (const r of routes) {
      const gate = ACTIONS.get(r.action!)!.gate;
      // Ids no record has: a permitted call ends in 400/404/200, never in the gate's 403.
      const url = r.url
        .replace(/:name\b/g, 'no-such-bank')
        .replace(/:code\b/g, 'ZZ')
        .replace(/:entityType\b/g, 'victim')
        .replace(/:(\w+)/g, '999999')
        .replace('*', 'x');
      for (const a of actors.filter((x) => x.place === 'own country' || x.place === 'hub')) {
        const res = await call(a, r.method, url);
        const gated = res.statusCode === 403 && res.json().message?.includes(`(${r.action})`);
        if (gated === gateAllows(gate, a.role)) wrong.push(`${r.method} ${r.url} as ${a.place} ${a.role}: ${res.statusCode} ${res.body.slice(0, 80)}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 600_000);
});

// --- Records: each fixture makes records owned by the FR owner and names the read/list/write routes.
interface Fixture<Row> {
  name: string;
  policy: ResourcePolicy<Row, string>;
  make(): Promise<Array<{ label: string; id: number }>>;
  row(id: number): Promise<Row>;
  read: (id: number) => string;
  list: { url: string; key: string };
  write?: { verb: string; method: string; url: (id: number) => string; body: unknown };
}

const one = async <T>(q: string, id: number) => (await sql<T>`SELECT * FROM ${sql.table(q)} WHERE id = ${id}`.execute(sys.ctx.db)).rows[0]!;
const owner = () => actors.find((a) => a.place === 'own agency' && a.role === 'investigator')!;
const ownerNcb = () => actors.find((a) => a.place === 'own country' && a.role === 'ncb_officer')!;
const hubAnalyst = () => actors.find((a) => a.place === 'hub' && a.role === 'analyst')!;

const fixtures: Array<Fixture<never>> = [
  {
    name: 'case',
    policy: casePolicy as never,
    make: async () =>
      Promise.all(
        [['agency'], ['country'], ['countries', ['DE']], ['all']].map(async ([distribution, sharedWith], i) => {
          const r = await call(owner(), 'POST', '/api/v1/cases', { reference: `MX-${i}`, title: `matrix ${distribution}`, distribution, sharedWith });
          return { label: `${distribution}`, id: r.json().id as number };
        }),
      ),
    row: (id) => one('cases', id),
    read: (id) => `/api/v1/cases/${id}`,
    list: { url: '/api/v1/cases?limit=200', key: 'cases' },
    write: { verb: 'update', method: 'PATCH', url: (id) => `/api/v1/cases/${id}`, body: { description: 'matrix' } },
  },
  {
    name: 'series',
    policy: seriesPolicy as never,
    make: async () =>
      Promise.all(
        ['agency', 'country', 'all'].map(async (distribution) => {
          const r = await call(owner(), 'POST', '/api/v1/series', { name: `matrix ${distribution}`, distribution });
          return { label: distribution, id: r.json().id as number };
        }),
      ),
    row: (id) => one('series', id),
    read: (id) => `/api/v1/series/${id}`,
    list: { url: '/api/v1/series?limit=500&q=matrix', key: 'series' },
    write: { verb: 'update', method: 'PATCH', url: (id) => `/api/v1/series/${id}`, body: { description: 'matrix' } },
  },
  {
    name: 'notice',
    policy: noticePolicy as never,
    make: async () => {
      const ncb = ownerNcb();
      const subject = { name: 'Matrix', forename: 'Ana', sex_id: 'F', date_of_birth: '2011', distinguishing_marks: 'none' };
      const mk = async () => (await call(ncb, 'POST', '/api/v1/notices', { kind: 'yellow', subject, summary: 'x' })).json().id as number;
      const draft = await mk(),
        submitted = await mk(),
        published = await mk(),
        cancelledDraft = await mk();
      await call(ncb, 'POST', `/api/v1/notices/${submitted}/submit`);
      await call(ncb, 'POST', `/api/v1/notices/${published}/submit`);
      await call(hubAnalyst(), 'POST', `/api/v1/notices/${published}/review`, { decision: 'publish' });
      await call(ncb, 'POST', `/api/v1/notices/${cancelledDraft}/cancel`, { reason: 'matrix' });
      return [
        { label: 'draft', id: draft },
        { label: 'submitted', id: submitted },
        { label: 'published', id: published },
        { label: 'cancelled draft', id: cancelledDraft },
      ];
    },
    row: (id) => one('notices', id),
    read: (id) => `/api/v1/notices/${id}`,
    list: { url: '/api/v1/notices?limit=200', key: 'notices' },
  },
  {
    name: 'firearm record',
    policy: firearmRecordPolicy as never,
    make: async () => {
      const ref = (await call(owner(), 'GET', '/api/v1/firearms/references?limit=1')).json().references[0].id;
      const r = await call(owner(), 'POST', '/api/v1/firearms/records', { serial: 'MX-0001', referenceId: ref, status: 'stolen' });
      return [{ label: 'stolen', id: r.json().id as number }];
    },
    row: (id) => one('firearm_records', id),
    read: (id) => `/api/v1/firearms/records/${id}`,
    list: { url: '/api/v1/firearms/records?limit=200', key: 'records' },
  },
  {
    name: 'payment',
    policy: paymentPolicy as never,
    make: async () => {
      const transfer = {
        amountMinor: 150_000,
        currency: 'EUR',
        transferredAt: new Date(Date.now() - 3_600_000).toISOString(),
        sendingBank: 'Banque Exemple Paris',
        beneficiaryName: 'M. Mule',
        beneficiaryBank: 'Commerzbank',
        beneficiaryBic: 'COBADEFFXXX',
        beneficiaryAccount: '0123456789',
      };
      const mk = async () => {
        const r = await call(owner(), 'POST', '/api/v1/payments', { offence: 'sextortion', summary: 'matrix', transfers: [transfer] });
        expect(r.statusCode, r.body).toBe(201);
        return r.json().id as number;
      };
      const draft = await mk(),
        sent = await mk();
      expect((await call(ownerNcb(), 'POST', `/api/v1/payments/${sent}/send`)).statusCode).toBe(200);
      return [
        { label: 'draft', id: draft },
        { label: 'sent to DE', id: sent },
      ];
    },
    row: async (id) =>
      (
        await sql`SELECT r.requesting_country, r.sent_at, coalesce(array_agg(t.receiving_country) FILTER (WHERE t.id IS NOT NULL), '{}') AS receivers
      FROM payment_requests r LEFT JOIN payment_transfers t ON t.request_id = r.id WHERE r.id = ${id} GROUP BY r.id`.execute(sys.ctx.db)
      ).rows[0] as never,
    read: (id) => `/api/v1/payments/${id}`,
    list: { url: '/api/v1/payments?limit=200', key: 'requests' },
  },
];

/** Cells pinned by hand (resource/label → places that read it, for case roles). */
const PINNED: Record<string, Place[]> = {
  'case/agency': ['own agency'],
  'case/country': ['own agency', 'own country'],
  'case/countries': ['own agency', 'own country', 'other country'],
  'case/all': ['own agency', 'own country', 'other country', 'hub'],
  'notice/draft': ['own agency', 'own country'],
  'notice/cancelled draft': ['own agency', 'own country'],
  'notice/published': ['own agency', 'own country', 'other country', 'hub'],
  'firearm record/stolen': ['own agency', 'own country', 'hub'],
  'payment/draft': ['own agency', 'own country'],
  'payment/sent to DE': ['own agency', 'own country', 'other country', 'hub'],
};

describe.each(fixtures.map((f) => [f.name, f] as const))('records: %s', (_name, f) => {
  it('every place × role reads, lists and changes exactly what the policy says', async () => {
    const records = await f.make();
    expect(records.every((r) => Number.isInteger(r.id))).toBe(true);
    const wrong: string[] = [];
    const lists = new Map<string, Set<number> | null>();
    for (const a of actors) {
      const res = await call(a, 'GET', f.list.url);
      lists.set(a.email, res.statusCode === 200 ? new Set((res.json()[f.list.key] as Array<{ id: number }>).map((x) => x.id)) : null);
    }
    for (const rec of records) {
      const row = await f.row(rec.id);
      for (const a of actors) {
        const may = allowed(f.policy, a.principal, 'read', row);
        const res = await call(a, 'GET', f.read(rec.id));
        if ((res.statusCode === 200) !== may || (!may && ![403, 404].includes(res.statusCode)))
          wrong.push(`read ${rec.label} as ${a.place} ${a.role}: ${res.statusCode}, policy ${may}`);
        const listed = lists.get(a.email)?.has(rec.id) ?? false;
        if (listed !== allowed(f.policy, a.principal, 'list', row)) wrong.push(`list ${rec.label} as ${a.place} ${a.role}: ${listed}`);
        const pinned = PINNED[`${f.name}/${rec.label}`];
        if (pinned && ['investigator', 'analyst'].includes(a.role) && may !== pinned.includes(a.place))
          wrong.push(`pinned ${rec.label} as ${a.place} ${a.role}: policy says ${may}`);
        if (f.write) {
          const mayWrite = allowed(f.policy, a.principal, f.write.verb, row);
          const w = await call(a, f.write.method, f.write.url(rec.id), f.write.body);
          if ((w.statusCode === 200) !== mayWrite) wrong.push(`${f.write.verb} ${rec.label} as ${a.place} ${a.role}: ${w.statusCode}, policy ${mayWrite}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);
});
