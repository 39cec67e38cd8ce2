// Administration for admins (everywhere) and NCB officers (their country): users with certification dates,
// agencies, and member countries (admins only).
import { useState, type FormEvent } from 'react';
import { patch, post, put } from '../api.js';
import { useSession, roleLabel, type Role } from '../session.js';
import { ActionError, Badge, Loader } from '../components/common.js';
import { useAction, useGet } from '../query.js';
import { useCountries } from '../components/Distribution.js';
import { useConfirm } from '../components/Confirm.js';
import type { paths } from '../api-types.js';

type User = paths['/api/v1/admin/users']['get']['responses'][200]['content']['application/json']['users'][number];
type Agency = paths['/api/v1/agencies']['get']['responses'][200]['content']['application/json']['agencies'][number];
type CreatedUser = paths['/api/v1/admin/users']['post']['responses'][201]['content']['application/json'];
const ROLES: Role[] = ['investigator', 'analyst', 'ncb_officer', 'dpo', 'admin'];

function UserRow({ u, agencies, onSaved }: { u: User; agencies: Agency[]; onSaved(u: User): void }) {
  const act = useAction();
  const [until, setUntil] = useState(u.certifiedUntil ?? '');
  const { confirm, dialog } = useConfirm();
  const save = (body: Record<string, unknown>) => act.run(async () => onSaved(await patch<User>(`/api/v1/admin/users/${u.id}`, body)));
  // A role or an account is changed only once the administrator has read what it means.
  const changeRole = async (role: Role) => {
    if (role === u.role) return;
    const ok = await confirm({
      title: `Change the role of ${u.displayName}?`,
      confirmLabel: `Make ${roleLabel(role)}`,
      danger: role === 'admin',
      body: (
        <p>
          {u.email} is now <strong>{roleLabel(u.role)}</strong> and will become <strong>{roleLabel(role)}</strong>. Rights change at the next request.
        </p>
      ),
    });
    if (ok) await save({ role });
  };
  const toggleDisabled = async () => {
    if (
      !u.disabled &&
      !(await confirm({
        title: `Disable ${u.displayName}?`,
        confirmLabel: 'Disable the account',
        danger: true,
        body: <p>{u.email} will be signed out everywhere and cannot sign in until the account is enabled again.</p>,
      }))
    )
      return;
    await save({ disabled: !u.disabled });
  };
  return (
    <tr data-testid={`user-${u.email}`}>
      <td>
        {u.displayName}
        <div className="muted small">{u.email}</div>
      </td>
      <td>
        {dialog}
        <select value={u.role} aria-label={`role of ${u.email}`} onChange={(e) => void changeRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </select>
      </td>
      <td>
        {u.countryCode} · {agencies.find((a) => a.id === u.agencyId)?.name ?? u.agencyId}
      </td>
      <td>
        <input type="date" value={until} aria-label={`certified until, ${u.email}`} onChange={(e) => setUntil(e.target.value)} />
        <button onClick={() => void save({ certifiedUntil: until || null })} disabled={act.busy || until === (u.certifiedUntil ?? '')}>
          Set
        </button>
        {u.certificationExpired && <Badge kind="error">expired</Badge>}
      </td>
      <td>{u.totpEnabled ? '✓' : '—'}</td>
      <td>
        <button onClick={() => void toggleDisabled()} disabled={act.busy}>
          {u.disabled ? 'Enable' : 'Disable'}
        </button>
        <ActionError error={act.error} />
      </td>
    </tr>
  );
}

function NewUser({ agencies, onCreated }: { agencies: Agency[]; onCreated(): void }) {
  const [f, setF] = useState({ email: '', displayName: '', password: '', role: 'investigator' as Role, agencyId: agencies[0]?.id ?? 0, certifiedUntil: '' });
  const [secret, setSecret] = useState<{ totpSecret: string | null; otpauthUri: string | null }>();
  const act = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act.run(async () => {
      const r = await post<CreatedUser>('/api/v1/admin/users', {
        ...f,
        agencyId: Number(f.agencyId || agencies[0]?.id),
        certifiedUntil: f.certifiedUntil || null,
      });
      setSecret(r);
      onCreated();
    });
  };
  return (
    <form className="panel form-grid" onSubmit={submit} aria-label="Create a user">
      <h3>New user</h3>
      <label>
        Email
        <input type="email" required value={f.email} onChange={(e) => setF({ ...f, email: e.target.value })} />
      </label>
      <label>
        Name
        <input required value={f.displayName} onChange={(e) => setF({ ...f, displayName: e.target.value })} />
      </label>
      <label>
        Initial password (12+ characters)
        <input type="password" required minLength={12} value={f.password} onChange={(e) => setF({ ...f, password: e.target.value })} />
      </label>
      <label>
        Role
        <select value={f.role} onChange={(e) => setF({ ...f, role: e.target.value as Role })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Agency
        <select value={f.agencyId} onChange={(e) => setF({ ...f, agencyId: Number(e.target.value) })}>
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.country_code} · {a.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Certified until
        <input type="date" value={f.certifiedUntil} onChange={(e) => setF({ ...f, certifiedUntil: e.target.value })} />
      </label>
      <ActionError error={act.error} />
      <button className="primary" disabled={act.busy}>
        Create user
      </button>
      {secret?.totpSecret && (
        <p className="ok" role="status">
          Created. Authenticator secret (shown once): <code>{secret.totpSecret}</code>
        </p>
      )}
    </form>
  );
}

function NewAgency({ countryCode, onCreated }: { countryCode?: string; onCreated(): void }) {
  const countries = useCountries();
  const [name, setName] = useState('');
  const [country, setCountry] = useState(countryCode ?? '');
  const act = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act.run(async () => {
      await post('/api/v1/admin/agencies', { countryCode: country, name });
      setName('');
      onCreated();
    });
  };
  return (
    <form className="panel form-grid" onSubmit={submit} aria-label="Create an agency">
      <h3>New agency</h3>
      <label>
        Country
        <select required value={country} disabled={!!countryCode} onChange={(e) => setCountry(e.target.value)}>
          <option value="">—</option>
          {(countries.data ?? []).map((c) => (
            <option key={c.code} value={c.code}>
              {c.name} ({c.code})
            </option>
          ))}
        </select>
      </label>
      <label>
        Name
        <input required value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <ActionError error={act.error} />
      <button className="primary" disabled={act.busy}>
        Create agency
      </button>
    </form>
  );
}

function Countries() {
  const countries = useCountries();
  const [f, setF] = useState({ code: '', name: '', ncbName: '' });
  const act = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act.run(async () => {
      await put(`/api/v1/admin/countries/${f.code}`, { name: f.name, ncbName: f.ncbName });
      setF({ code: '', name: '', ncbName: '' });
      countries.reload();
    });
  };
  return (
    <section>
      <h2>Member countries</h2>
      <Loader state={countries}>
        {(list) => (
          <table className="table">
            <thead>
              <tr>
                <th>Code</th>
                <th>Name</th>
                <th>NCB</th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr key={c.code}>
                  <td>{c.code}</td>
                  <td>{c.name}</td>
                  <td>{c.ncb_name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loader>
      <form className="row" onSubmit={submit} aria-label="Add a member country">
        <input
          required
          placeholder="code (2 letters)"
          pattern="[A-Za-z]{2}"
          maxLength={2}
          value={f.code}
          onChange={(e) => setF({ ...f, code: e.target.value.toUpperCase() })}
        />
        <input required placeholder="name" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />
        <input required placeholder="NCB name" value={f.ncbName} onChange={(e) => setF({ ...f, ncbName: e.target.value })} />
        <button className="primary" disabled={act.busy}>
          Add or rename
        </button>
      </form>
      <ActionError error={act.error} />
    </section>
  );
}

export function AdminPage() {
  const { me } = useSession();
  const answer = useGet<{ users: User[] }>('/api/v1/admin/users');
  const users = { ...answer, data: answer.data?.users, setData: (users: User[]) => answer.setData({ users }) };
  const agencyAnswer = useGet<{ agencies: Agency[] }>('/api/v1/agencies', { country: me.role === 'admin' ? undefined : me.countryCode });
  const agencies = { ...agencyAnswer, data: agencyAnswer.data?.agencies };
  return (
    <Loader state={users}>
      {(list) => (
        <div>
          <h1>Administration</h1>
          <p className="muted">{me.role === 'admin' ? 'All member countries.' : `Users and agencies of ${me.countryName ?? me.countryCode}.`}</p>
          <h2>Users</h2>
          <table className="table" data-testid="user-table">
            <thead>
              <tr>
                <th>User</th>
                <th>Role</th>
                <th>Country · agency</th>
                <th>Certification</th>
                <th>2FA</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {list.map((u) => (
                <UserRow key={u.id} u={u} agencies={agencies.data ?? []} onSaved={(nu) => users.setData(list.map((x) => (x.id === nu.id ? nu : x)))} />
              ))}
            </tbody>
          </table>
          <div className="cards">
            {agencies.data && <NewUser agencies={agencies.data} onCreated={users.reload} />}
            <NewAgency countryCode={me.role === 'admin' ? undefined : me.countryCode} onCreated={agencies.reload} />
          </div>
          <h2>Agencies</h2>
          <table className="table">
            <thead>
              <tr>
                <th>#</th>
                <th>Country</th>
                <th>Name</th>
                <th>Kind</th>
              </tr>
            </thead>
            <tbody>
              {(agencies.data ?? []).map((a) => (
                <tr key={a.id}>
                  <td>{a.id}</td>
                  <td>{a.country_code}</td>
                  <td>{a.name}</td>
                  <td>{a.kind}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {me.role === 'admin' && <Countries />}
        </div>
      )}
    </Loader>
  );
}
