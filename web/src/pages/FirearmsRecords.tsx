// iARMS records: my country's wanted firearms (the hub: every country's), the form that records one against
// the Firearms Reference Table, and the record page (details, changes, marking it recovered).
import { useState, type FormEvent } from 'react';
import { patch, post } from '../api.js';
import { Link, navigate } from '../router.js';
import { useSession } from '../session.js';
import { ActionError, Badge, Loader, fmtDate, fmtDateTime, today } from '../components/common.js';
import { useAction, useGet } from '../query.js';
import {
  CountrySelect,
  REPORTED,
  ReferencePicker,
  describe,
  statusBadge,
  typeWord,
  type FirearmRecord,
  type RecordStatus,
  type Reference,
  type Reported,
} from './FirearmsShared.js';
import { useCountryNames } from '../components/Distribution.js';

const mayRecord = (me: { isHub: boolean; role: string }) => !me.isHub && ['investigator', 'analyst', 'ncb_officer'].includes(me.role);

export function RecordsPage() {
  const { me } = useSession();
  const { name, members } = useCountryNames();
  const [status, setStatus] = useState('');
  const [country, setCountry] = useState('');
  const [serial, setSerial] = useState('');
  const [applied, setApplied] = useState('');
  const list = useGet<{ records: FirearmRecord[] }>('/api/v1/firearms/records', {
    status: status || undefined,
    country: country || undefined,
    serial: applied || undefined,
    limit: 200,
  });
  return (
    <div>
      <div className="row spread">
        <h1>{me.isHub ? 'Firearm records of all member countries' : `Firearms recorded by ${name(me.countryCode)}`}</h1>
        {mayRecord(me) && (
          <Link to="/firearms/records/new" className="button primary">
            Record a firearm
          </Link>
        )}
      </div>
      <form
        className="row filters"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(serial.trim());
        }}
      >
        <label className="inline">
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">all</option>
            {[...REPORTED, 'recovered'].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        {me.isHub && (
          <label className="inline">
            Country
            <select value={country} onChange={(e) => setCountry(e.target.value)}>
              <option value="">all</option>
              {members.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <input aria-label="Serial filter" placeholder="serial number" value={serial} onChange={(e) => setSerial(e.target.value)} />
        <button type="submit">Filter</button>
      </form>
      <Loader state={list}>
        {({ records }) =>
          records.length === 0 ? (
            <p className="muted">No firearm recorded{status || applied ? ' with these filters' : ''}.</p>
          ) : (
            <table className="table" data-testid="record-list">
              <thead>
                <tr>
                  <th>Serial</th>
                  <th>Firearm</th>
                  <th>Status</th>
                  <th>Lost / stolen on</th>
                  <th>Place</th>
                  <th>National reference</th>
                  {me.isHub && <th>Country</th>}
                  <th>Recorded</th>
                </tr>
              </thead>
              <tbody>
                {records.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/firearms/records/${r.id}`} className="mono">
                        {r.serial}
                      </Link>
                    </td>
                    <td>
                      {describe(r.firearm)}
                      {r.firearm.calibre ? ` · ${r.firearm.calibre}` : ''}
                    </td>
                    <td>
                      <Badge kind={statusBadge[r.status]}>{r.status}</Badge>
                    </td>
                    <td>{fmtDate(r.eventDate)}</td>
                    <td>{r.place || '—'}</td>
                    <td>{r.nationalReference || '—'}</td>
                    {me.isHub && <td>{r.recordingCountry}</td>}
                    <td>{fmtDateTime(r.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loader>
    </div>
  );
}

export function NewRecordPage() {
  const { me } = useSession();
  const [ref, setRef] = useState<Reference>();
  const [f, setF] = useState({ serial: '', status: '' as Reported | '', eventDate: '', place: '', importerCountry: '', nationalReference: '', notes: '' });
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const act = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act.run(async () => {
      if (!ref) throw new Error('choose the firearm in the reference table (make, model, calibre)');
      if (!f.serial.trim()) throw new Error('enter the serial number as marked on the firearm');
      if (!f.status) throw new Error('choose the status: lost, stolen, trafficked or smuggled');
      const r = await post<FirearmRecord>('/api/v1/firearms/records', {
        serial: f.serial.trim(),
        referenceId: ref.id,
        status: f.status,
        ...(f.eventDate ? { eventDate: f.eventDate } : {}),
        ...(f.place.trim() ? { place: f.place.trim() } : {}),
        ...(f.importerCountry ? { importerCountry: f.importerCountry } : {}),
        ...(f.nationalReference.trim() ? { nationalReference: f.nationalReference.trim() } : {}),
        ...(f.notes.trim() ? { notes: f.notes.trim() } : {}),
      });
      navigate(`/firearms/records/${r.id}`);
    });
  };
  if (!mayRecord(me)) return <p className="panel">Firearms are recorded by the investigators, analysts and NCB officers of member countries.</p>;
  return (
    <form className="panel form" aria-label="Record a firearm" onSubmit={submit}>
      <p className="muted">
        <Link to="/firearms/records">← records</Link>
      </p>
      <h1>Record a firearm</h1>
      <p className="muted">Seen by your country and the General Secretariat; other countries learn of it only when they search its serial number.</p>
      <ReferencePicker value={ref} onChange={setRef} />
      <label>
        Serial number
        <input value={f.serial} onChange={(e) => set('serial')(e.target.value)} placeholder="as marked on the firearm" />
      </label>
      <label>
        Status
        <select value={f.status} onChange={(e) => set('status')(e.target.value)}>
          <option value="">choose…</option>
          {REPORTED.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <div className="row wrap">
        <label>
          Date lost, stolen or seized
          <input type="date" max={today()} value={f.eventDate} onChange={(e) => set('eventDate')(e.target.value)} />
        </label>
        <label>
          Place
          <input value={f.place} onChange={(e) => set('place')(e.target.value)} />
        </label>
        <CountrySelect label="Last legal importer (country)" value={f.importerCountry} onChange={set('importerCountry')} empty="— unknown —" />
      </div>
      <label>
        National reference
        <input value={f.nationalReference} onChange={(e) => set('nationalReference')(e.target.value)} placeholder="your file number" />
      </label>
      <label>
        Notes
        <textarea rows={3} value={f.notes} onChange={(e) => set('notes')(e.target.value)} />
      </label>
      <ActionError error={act.error} />
      <button className="primary" type="submit" disabled={act.busy}>
        Save record
      </button>
    </form>
  );
}

export function RecordPage({ id }: { id: number }) {
  const { me } = useSession();
  const { name } = useCountryNames();
  const rec = useGet<FirearmRecord>(`/api/v1/firearms/records/${id}`);
  return (
    <Loader state={rec}>
      {(r) => {
        const own = r.recordingCountry === me.countryCode && !me.isHub;
        const f = r.firearm;
        return (
          <div>
            <p className="muted">
              <Link to="/firearms/records">← records</Link>
            </p>
            <h1 data-testid="record-title">
              {describe(f)} · serial <span className="mono">{r.serial}</span>
            </h1>
            <p>
              <Badge kind={statusBadge[r.status]}>
                <span data-testid="record-status">{r.status}</span>
              </Badge>
              {r.status === 'recovered' ? ` (reported ${r.reportedStatus}) on ${fmtDate(r.recoveredAt)}` : ''} · recorded by {name(r.recordingCountry)} on{' '}
              {fmtDateTime(r.createdAt)}
            </p>
            <dl className="facts" data-testid="record-facts">
              <div>
                <dt>Make and model</dt>
                <dd>{describe(f)}</dd>
              </div>
              <div>
                <dt>Calibre</dt>
                <dd>{f.calibre || '—'}</dd>
              </div>
              <div>
                <dt>Type</dt>
                <dd>{typeWord(f.type)}</dd>
              </div>
              <div>
                <dt>Country of manufacture</dt>
                <dd>{name(f.countryOfManufacture)}</dd>
              </div>
              <div>
                <dt>Serial (as marked)</dt>
                <dd className="mono">
                  {r.serial} <span className="muted">(searched as {r.serialKey})</span>
                </dd>
              </div>
              <div>
                <dt>Lost, stolen or seized on</dt>
                <dd>{fmtDate(r.eventDate)}</dd>
              </div>
              <div>
                <dt>Place</dt>
                <dd>{r.place || '—'}</dd>
              </div>
              <div>
                <dt>Last legal importer</dt>
                <dd>{name(r.importerCountry)}</dd>
              </div>
              <div>
                <dt>National reference</dt>
                <dd>{r.nationalReference || '—'}</dd>
              </div>
              <div>
                <dt>Notes</dt>
                <dd className="prewrap">{r.notes || '—'}</dd>
              </div>
              {r.recoveryNote && (
                <div>
                  <dt>Recovery note</dt>
                  <dd>{r.recoveryNote}</dd>
                </div>
              )}
              <div>
                <dt>Last changed</dt>
                <dd>{fmtDateTime(r.updatedAt)}</dd>
              </div>
            </dl>
            {own && r.status !== 'recovered' && <RecordActions record={r} onChange={rec.setData} />}
            {!own && <p className="muted">Only {name(r.recordingCountry)} changes this record.</p>}
          </div>
        );
      }}
    </Loader>
  );
}

function RecordActions({ record: r, onChange }: { record: FirearmRecord; onChange(r: FirearmRecord): void }) {
  const [edit, setEdit] = useState({
    status: r.status as RecordStatus,
    place: r.place,
    nationalReference: r.nationalReference,
    notes: r.notes,
    importerCountry: r.importerCountry ?? '',
  });
  const [recovered, setRecovered] = useState({ on: today(), note: '' });
  const act = useAction();
  const changes = {
    ...(edit.status !== r.status ? { status: edit.status } : {}),
    ...(edit.place !== r.place ? { place: edit.place } : {}),
    ...(edit.nationalReference !== r.nationalReference ? { nationalReference: edit.nationalReference } : {}),
    ...(edit.notes !== r.notes ? { notes: edit.notes } : {}),
    ...(edit.importerCountry !== (r.importerCountry ?? '') ? { importerCountry: edit.importerCountry || null } : {}),
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    void act.run(async () => onChange(await patch<FirearmRecord>(`/api/v1/firearms/records/${r.id}`, changes)));
  };
  const recover = () =>
    void act.run(async () => {
      onChange(
        await post<FirearmRecord>(`/api/v1/firearms/records/${r.id}/recover`, {
          ...(recovered.on ? { recoveredOn: recovered.on } : {}),
          ...(recovered.note.trim() ? { note: recovered.note.trim() } : {}),
        }),
      );
    });
  return (
    <div className="cards">
      <form className="panel form" aria-label="Change the record" onSubmit={save}>
        <h2>Change the record</h2>
        <label>
          New status
          <select value={edit.status} onChange={(e) => setEdit({ ...edit, status: e.target.value as RecordStatus })}>
            {REPORTED.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Place
          <input value={edit.place} onChange={(e) => setEdit({ ...edit, place: e.target.value })} />
        </label>
        <CountrySelect
          label="Last legal importer (country)"
          value={edit.importerCountry}
          onChange={(v) => setEdit({ ...edit, importerCountry: v })}
          empty="— unknown —"
        />
        <label>
          National reference
          <input value={edit.nationalReference} onChange={(e) => setEdit({ ...edit, nationalReference: e.target.value })} />
        </label>
        <label>
          Notes
          <textarea rows={3} value={edit.notes} onChange={(e) => setEdit({ ...edit, notes: e.target.value })} />
        </label>
        <button type="submit" disabled={act.busy || Object.keys(changes).length === 0}>
          Save changes
        </button>
      </form>
      <div className="panel form" role="group" aria-label="Mark recovered">
        <h2>Firearm recovered?</h2>
        <p className="muted">Searches stop reporting it as wanted; the record keeps what was reported.</p>
        <label>
          Recovered on
          <input type="date" max={today()} value={recovered.on} onChange={(e) => setRecovered({ ...recovered, on: e.target.value })} />
        </label>
        <label>
          Recovery note
          <textarea rows={2} value={recovered.note} onChange={(e) => setRecovered({ ...recovered, note: e.target.value })} placeholder="where and by whom" />
        </label>
        <button className="primary" type="button" disabled={act.busy} onClick={recover}>
          Mark recovered
        </button>
      </div>
      <ActionError error={act.error} />
    </div>
  );
}
