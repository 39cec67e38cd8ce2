// iARMS firearms: search by serial number (and make) with the hit or no-hit answer, a trace request after a
// search, my country's searches; the records and the trace requests live in FirearmsRecords / FirearmsTraces.
// The page routes its own sub-paths: /firearms, /firearms/searches[/:id], /firearms/records[/new|/:id], /firearms/traces[/:id].
import { useState, type FormEvent } from 'react';
import { post } from '../api.js';
import { Link, NotFound, Route, Routes, WithId, navigate } from '../router.js';
import { useSession } from '../session.js';
import { ActionError, Badge, Loader, fmtDate, fmtDateTime } from '../components/common.js';
import { useAction, useGet } from '../query.js';
import {
  CountrySelect,
  FirearmsNav,
  ReferencePicker,
  describe,
  statusBadge,
  typeWord,
  type Hit,
  type Reference,
  type Search,
  type Trace,
} from './FirearmsShared.js';
import { useCountryNames } from '../components/Distribution.js';
import { NewRecordPage, RecordPage, RecordsPage } from './FirearmsRecords.js';
import { TracePage, TracesPage } from './FirearmsTraces.js';

export function FirearmsPage() {
  const page = (
    <Routes>
      <Route index element={<FirearmsHome />} />
      <Route path="searches" element={<SearchesPage />} />
      <Route path="searches/:id" element={<WithId page={(id) => <SearchPage id={id} />} />} />
      <Route path="records" element={<RecordsPage />} />
      <Route path="records/new" element={<NewRecordPage />} />
      <Route path="records/:id" element={<WithId page={(id) => <RecordPage id={id} />} />} />
      <Route path="traces" element={<TracesPage />} />
      <Route path="traces/:id" element={<WithId page={(id) => <TracePage id={id} />} />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
  return (
    <section className="firearms">
      <FirearmsNav />
      {page}
    </section>
  );
}

function SearchBox({ initial }: { initial?: { serial: string; make: string | null } }) {
  const [serial, setSerial] = useState(initial?.serial ?? '');
  const [make, setMake] = useState(initial?.make ?? '');
  const act = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act.run(async () => {
      if (!serial.trim()) throw new Error('enter the serial number as marked on the firearm');
      const s = await post<Search>('/api/v1/firearms/searches', { serial: serial.trim(), ...(make.trim() ? { make: make.trim() } : {}) });
      navigate(`/firearms/searches/${s.id}`);
    });
  };
  return (
    <form className="panel form" role="search" aria-label="Firearm search" onSubmit={submit}>
      <div className="row wrap">
        <label>
          Serial number
          <input value={serial} onChange={(e) => setSerial(e.target.value)} placeholder="as marked, e.g. EA-1001 B" />
        </label>
        <label>
          Make (optional)
          <input value={make} onChange={(e) => setMake(e.target.value)} placeholder="e.g. Example Arms" />
        </label>
        <button className="primary search-go" type="submit" disabled={act.busy}>
          Search
        </button>
      </div>
      <p className="hint">
        Compared upper-cased without spaces or dashes, with every member country's wanted firearms. A hit alerts your NCB, the recording country's NCB and the
        General Secretariat.
      </p>
      <ActionError error={act.error} />
    </form>
  );
}

function FirearmsHome() {
  return (
    <div>
      <h1>Firearms (iARMS)</h1>
      <p className="muted">Is this firearm recorded as lost, stolen, trafficked or smuggled by a member country?</p>
      <SearchBox />
      <p>
        <Link to="/firearms/records">My country's records</Link> · <Link to="/firearms/searches">My country's searches</Link> ·{' '}
        <Link to="/firearms/traces">Trace requests sent and received</Link>
      </p>
    </div>
  );
}

function SearchPage({ id }: { id: number }) {
  const search = useGet<Search>(`/api/v1/firearms/searches/${id}`);
  return (
    <Loader state={search}>
      {(s) => (
        <div>
          <h1>
            Search #{s.id}: serial {s.serial}
            {s.make ? ` · ${s.make}` : ''}
          </h1>
          <SearchBox initial={{ serial: s.serial, make: s.make }} />
          <SearchResult search={s} />
        </div>
      )}
    </Loader>
  );
}

function HitCard({ hit }: { hit: Hit }) {
  const { me } = useSession();
  const { name } = useCountryNames();
  const mayOpen = hit.recordingCountry === me.countryCode || me.isHub;
  const f = hit.firearm;
  return (
    <div className="panel hit-card" data-testid="hit">
      <dl className="facts">
        <div>
          <dt>Firearm</dt>
          <dd>
            {describe(f)}
            {f.calibre ? ` · ${f.calibre}` : ''} · {typeWord(f.type)}
            {f.countryOfManufacture ? ` · made in ${name(f.countryOfManufacture)}` : ''}
          </dd>
        </div>
        <div>
          <dt>Serial</dt>
          <dd className="mono">{hit.serial}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <Badge kind={statusBadge[hit.status]}>
              <span data-testid="hit-status">{hit.status}</span>
            </Badge>
            {hit.eventDate ? ` since ${fmtDate(hit.eventDate)}` : ''}
          </dd>
        </div>
        <div>
          <dt>Recording country</dt>
          <dd data-testid="hit-country">{name(hit.recordingCountry)}</dd>
        </div>
        <div>
          <dt>Contact</dt>
          <dd data-testid="hit-contact">{hit.contact ?? `the NCB of ${name(hit.recordingCountry)}`}</dd>
        </div>
        {hit.importerCountry && (
          <div>
            <dt>Last legal importer</dt>
            <dd>{name(hit.importerCountry)}</dd>
          </div>
        )}
        <div>
          <dt>Record</dt>
          <dd>
            {mayOpen ? (
              <Link to={`/firearms/records/${hit.recordId}`}>Record #{hit.recordId}</Link>
            ) : (
              <span>
                #{hit.recordId} — held by {name(hit.recordingCountry)}; ask {hit.contact ?? 'its NCB'} for the file (records are seen by the recording country
                and the General Secretariat)
              </span>
            )}
          </dd>
        </div>
      </dl>
    </div>
  );
}

function SearchResult({ search: s }: { search: Search }) {
  const { me } = useSession();
  const [tracing, setTracing] = useState(false);
  const mine = s.searchingCountry === me.countryCode;
  return (
    <section data-testid="search-result" aria-label="Search result">
      {s.hit ? (
        <>
          <h2 className="error" data-testid="search-verdict">
            Hit: wanted firearm{s.hits.length > 1 ? `s (${s.hits.length} records)` : ''}
          </h2>
          <p className="muted">
            Searched {fmtDateTime(s.searchedAt)} by {s.searchingCountry}. Your NCB, the recording NCB and the General Secretariat have been alerted. Do not
            release the firearm before contacting them.
          </p>
          {s.hits.map((h) => (
            <HitCard key={h.recordId} hit={h} />
          ))}
        </>
      ) : (
        <>
          <h2 data-testid="search-verdict">No hit</h2>
          <p>
            No member country records serial <span className="mono">{s.serialKey}</span>
            {s.make ? ` of make ${s.make}` : ''} as lost, stolen, trafficked or smuggled (searched {fmtDateTime(s.searchedAt)}).
          </p>
          <p className="muted">A trace request asks the country of manufacture and of the last legal importer for the firearm's history.</p>
        </>
      )}
      {mine && !tracing && (
        <button className={s.hit ? undefined : 'primary'} onClick={() => setTracing(true)}>
          Request a trace…
        </button>
      )}
      {mine && tracing && <TraceForm search={s} onCancel={() => setTracing(false)} />}
    </section>
  );
}

function TraceForm({ search: s, onCancel }: { search: Search; onCancel(): void }) {
  const { me } = useSession();
  const hit = s.hits[0];
  const [ref, setRef] = useState<Reference>();
  const [manufacture, setManufacture] = useState(
    hit?.firearm.countryOfManufacture && hit.firearm.countryOfManufacture !== me.countryCode ? hit.firearm.countryOfManufacture : '',
  );
  const [importer, setImporter] = useState(hit?.importerCountry && hit.importerCountry !== me.countryCode ? hit.importerCountry : '');
  const [note, setNote] = useState('');
  const act = useAction();
  const pick = (r: Reference | undefined) => {
    setRef(r);
    if (r?.countryOfManufacture && r.countryOfManufacture !== me.countryCode) setManufacture(r.countryOfManufacture);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act.run(async () => {
      if (!manufacture && !importer)
        throw new Error('name the country of manufacture or of the last legal importer (choosing a reference entry fills in where it is made)');
      const t = await post<Trace>('/api/v1/firearms/traces', {
        searchId: s.id,
        ...(ref ? { referenceId: ref.id } : {}),
        ...(manufacture ? { manufactureCountry: manufacture } : {}),
        ...(importer ? { importerCountry: importer } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      navigate(`/firearms/traces/${t.id}`);
    });
  };
  return (
    <form className="panel form" aria-label="Trace request" onSubmit={submit}>
      <h2>Trace request for serial {s.serial}</h2>
      {hit ? (
        <p className="muted">Firearm: {describe(hit.firearm)} (from the record hit). Choose another entry only if the record is wrong.</p>
      ) : (
        <p className="muted">Say which firearm it is: the entry's country of manufacture is asked by default.</p>
      )}
      <ReferencePicker value={ref} onChange={pick} make={s.make} label={hit ? 'Firearm (reference table, optional)' : 'Firearm (reference table)'} />
      {ref?.countryOfManufacture === me.countryCode && (
        <p className="hint">Made in your own country: trace it in your national records; name the importer country here.</p>
      )}
      <div className="row wrap">
        <CountrySelect label="Country of manufacture" value={manufacture} onChange={setManufacture} empty="— not asked —" exclude={me.countryCode} />
        <CountrySelect label="Country of the last legal importer" value={importer} onChange={setImporter} empty="— not asked —" exclude={me.countryCode} />
      </div>
      <label>
        Note to the NCBs
        <textarea rows={3} value={note} onChange={(e) => setNote(e.target.value)} placeholder="circumstances of the seizure, markings, what you need" />
      </label>
      <ActionError error={act.error} />
      <div className="row">
        <button className="primary" type="submit" disabled={act.busy}>
          Send trace request
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function SearchesPage() {
  const [hit, setHit] = useState('');
  const list = useGet<{ searches: Search[] }>('/api/v1/firearms/searches', { hit: hit || undefined, limit: 100 });
  const { name } = useCountryNames();
  return (
    <div>
      <h1>Searches</h1>
      <p className="muted">Your country's searches by serial number and their results, newest first.</p>
      <div className="row filters">
        <label className="inline">
          Result
          <select value={hit} onChange={(e) => setHit(e.target.value)}>
            <option value="">all</option>
            <option value="true">hit</option>
            <option value="false">no hit</option>
          </select>
        </label>
        <Link to="/firearms" className="button">
          New search
        </Link>
      </div>
      <Loader state={list}>
        {({ searches }) =>
          searches.length === 0 ? (
            <p className="muted">No search yet.</p>
          ) : (
            <table className="table" data-testid="search-list">
              <thead>
                <tr>
                  <th>Search</th>
                  <th>Serial</th>
                  <th>Make</th>
                  <th>Result</th>
                  <th>Recorded by</th>
                  <th>When</th>
                </tr>
              </thead>
              <tbody>
                {searches.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <Link to={`/firearms/searches/${s.id}`}>#{s.id}</Link>
                    </td>
                    <td className="mono">{s.serial}</td>
                    <td>{s.make ?? '—'}</td>
                    <td>{s.hit ? <Badge kind="error">hit</Badge> : <Badge kind="muted">no hit</Badge>}</td>
                    <td>{[...new Set(s.hits.map((h) => h.recordingCountry))].map(name).join(', ') || '—'}</td>
                    <td>{fmtDateTime(s.searchedAt)}</td>
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
