// Referral packages from bulk provider reports. The General Secretariat uploads a report (JSON or CSV, hashes
// only), sees what became of every row (rejected rows with the reason), the per-country overview and the
// unassigned queue; a member country's NCB officers and analysts see their country's packages, acknowledge
// them and record what became of each incident (ReferralsParts.tsx).
import { useState, type FormEvent } from 'react';
import { ApiError, uploadRaw, withQuery } from '../api.js';
import { Link, NotFound, Route, Routes, WithId } from '../router.js';
import { useSession } from '../session.js';
import { ActionError, Badge, Loader, fmtDateTime } from '../components/common.js';
import { invalidate, useAction, useGet } from '../query.js';
import { IncidentPage, PackagePage, UnassignedPage, isHubReader, packageBadge, type ReferralPackage } from './ReferralsParts.js';
import type { paths } from '../api-types.js';

type UploadResult = paths['/api/v1/referrals/reports']['post']['responses'][201]['content']['application/json'];
type Report = UploadResult['report'];
type ReportDetail = paths['/api/v1/referrals/reports/{id}']['get']['responses'][200]['content']['application/json'];
type Rejection = ReportDetail['rejected'][number];
type Summary = paths['/api/v1/referrals/summary']['get']['responses'][200]['content']['application/json'];

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function ReferralsPage() {
  return (
    <Routes>
      <Route index element={<ReferralsHome />} />
      <Route
        path="packages"
        element={
          <section>
            <h1>Referral packages</h1>
            <PackageList />
          </section>
        }
      />
      <Route path="unassigned" element={<UnassignedPage />} />
      <Route path="packages/:id" element={<WithId page={(id) => <PackagePage id={id} />} />} />
      <Route path="reports/:id" element={<WithId page={(id) => <ReportPage id={id} />} />} />
      <Route path="incidents/:id" element={<WithId page={(id) => <IncidentPage id={id} />} />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

function ReferralsHome() {
  const { me } = useSession();
  if (!isHubReader(me)) {
    return (
      <section>
        <h1>Referral packages{me.isHub ? '' : ` for ${me.countryName ?? me.countryCode}`}</h1>
        <p className="muted">
          Incidents reported in bulk by online providers and referred to your country by the General Secretariat, each file checked against the material ICSE
          knows. Incidents with new material come first: they may show a child not yet identified.
        </p>
        <PackageList />
      </section>
    );
  }
  return (
    <section>
      <h1>Referral packages</h1>
      <p className="muted">
        Bulk reports from online providers (hashes only), split into one package per member country; incidents without a member country wait in the unassigned
        queue.
      </p>
      <UploadForm onUploaded={() => void invalidate('/api/v1/referrals')} />
      <SummaryTable />
      <h2>Reports received</h2>
      <ReportList />
      <h2>Packages</h2>
      <PackageList hub />
    </section>
  );
}

function UploadForm({ onUploaded }: { onUploaded(): void }) {
  const [provider, setProvider] = useState('');
  const [reference, setReference] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<[number, number] | null>(null);
  const [result, setResult] = useState<UploadResult>();
  const act = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setResult(undefined);
    const csv = /\.csv$/i.test(file.name) || /csv/i.test(file.type);
    void act
      .run(async () => {
        const url = withQuery('/api/v1/referrals/reports', { provider: provider.trim(), reference: reference.trim() });
        const r = await uploadRaw<UploadResult>(url, file, csv ? 'text/csv' : 'application/json', (loaded, total) => setProgress([loaded, total]));
        setResult(r);
        onUploaded();
      })
      .finally(() => setProgress(null));
  };
  // A report of which no row could be accepted: the API lists the reasons with its error.
  const refused = act.error instanceof ApiError ? (act.error.details as { rejected?: Rejection[] } | undefined)?.rejected : undefined;
  return (
    <div className="panel">
      <form className="form-grid" onSubmit={submit} aria-label="Report upload">
        <h2>Upload a provider report</h2>
        <div className="row wrap">
          <label>
            Provider
            <input value={provider} onChange={(e) => setProvider(e.target.value)} placeholder="e.g. ExampleCloud" />
          </label>
          <label>
            Report reference
            <input value={reference} onChange={(e) => setReference(e.target.value)} placeholder="the provider's reference" />
          </label>
          <label>
            Report file (JSON or CSV)
            <input type="file" accept=".json,.csv,application/json,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </label>
        </div>
        <p className="hint">
          JSON: an array of incidents {'{incidentId, incidentTime, country, account, username, ip, files: [{md5, sha1, sha256, pdq}]}'}. CSV: a header
          incident_id, incident_time, country, account, username, ip, md5, sha1, sha256, pdq and one line per file. The same provider and reference again
          changes nothing.
        </p>
        {progress && <progress value={progress[0]} max={progress[1] || 1} aria-label="Upload progress" />}
        <ActionError error={act.error} />
        {refused && refused.length > 0 && <RejectedTable rows={refused} />}
        <button type="submit" className="primary" disabled={act.busy || !file || !provider.trim() || !reference.trim()}>
          Upload report
        </button>
      </form>
      {result && <UploadOutcome r={result} />}
    </div>
  );
}

function UploadOutcome({ r }: { r: UploadResult }) {
  return (
    <section className="referral-outcome" data-testid="upload-outcome" aria-live="polite">
      <h3>
        {r.duplicate ? 'Already received: nothing changed' : 'Report received'} ·{' '}
        <Link to={`/referrals/reports/${r.report.id}`}>
          {r.report.provider} {r.report.reference}
        </Link>
      </h3>
      {r.warning && (
        <p className="error" role="alert">
          {r.warning}
        </p>
      )}
      <p data-testid="upload-counts">
        {plural(r.report.rowsTotal, 'row')}: {plural(r.report.incidentsAccepted, 'incident')} accepted, {plural(r.report.rowsRejected, 'row')} rejected;{' '}
        {r.unassigned} unassigned
        {r.files && (
          <>
            {' '}
            · files: {r.files.new} new, {r.files.knownNear} known-near, {r.files.knownExact} known-exact
          </>
        )}
      </p>
      {r.packages.length > 0 && (
        <ul className="plain">
          {r.packages.map((p) => (
            <li key={p.id}>
              <Link to={`/referrals/packages/${p.id}`}>
                Package {p.id} for {p.country}
              </Link>
              : {plural(p.incidents, 'incident')}
              {p.withNew ? `, ${p.withNew} with new material` : ''}
            </li>
          ))}
        </ul>
      )}
      {r.unassigned > 0 && (
        <p>
          <Link to="/referrals/unassigned">Assign the unassigned incidents</Link>
        </p>
      )}
      {r.rejected.length > 0 && <RejectedTable rows={r.rejected} />}
    </section>
  );
}

function RejectedTable({ rows }: { rows: Rejection[] }) {
  return (
    <table className="table small referral-rejected" data-testid="rejected-rows">
      <caption className="muted">Rejected rows</caption>
      <thead>
        <tr>
          <th>Row</th>
          <th>Incident</th>
          <th>Reason</th>
          <th>Message</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((x) => (
          <tr key={`${x.row}-${x.reason}-${x.incidentId ?? ''}`}>
            <td>{x.row}</td>
            <td>{x.incidentId ?? '—'}</td>
            <td>
              <code>{x.reason}</code>
            </td>
            <td>{x.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SummaryTable() {
  const summary = useGet<Summary>('/api/v1/referrals/summary');
  return (
    <section>
      <h2>Per country</h2>
      <Loader state={summary}>
        {(s) => (
          <>
            <p data-testid="unassigned-count">
              {s.unassigned === 0 ? (
                'No incident waits for a country.'
              ) : (
                <>
                  <Link to="/referrals/unassigned">{plural(s.unassigned, 'unassigned incident')}</Link> {s.unassigned === 1 ? 'waits' : 'wait'} for a country.
                </>
              )}
            </p>
            {s.countries.length === 0 ? (
              <p className="muted">No package delivered yet.</p>
            ) : (
              <table className="table" data-testid="referral-summary">
                <thead>
                  <tr>
                    <th>Country</th>
                    <th>Packages</th>
                    <th>Acknowledged</th>
                    <th>Awaiting acknowledgement</th>
                    <th>Incidents</th>
                    <th>Open</th>
                    <th>Actioned</th>
                    <th>With new material</th>
                    <th>Last delivered</th>
                  </tr>
                </thead>
                <tbody>
                  {s.countries.map((c) => (
                    <tr key={c.country} data-testid={`summary-${c.country}`}>
                      <td>{c.country}</td>
                      <td>{c.packages}</td>
                      <td>{c.acknowledged}</td>
                      <td>{c.awaitingAcknowledgement}</td>
                      <td>{c.incidents}</td>
                      <td>{c.open}</td>
                      <td>{c.actioned}</td>
                      <td>{c.withNew}</td>
                      <td>{fmtDateTime(c.lastDeliveredAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </Loader>
    </section>
  );
}

function ReportList() {
  const [after, setAfter] = useState<number[]>([]);
  const reports = useGet<{ reports: Report[]; nextAfterId: number | null }>('/api/v1/referrals/reports', { limit: 20, afterId: after.at(-1) });
  return (
    <Loader state={reports}>
      {(r) =>
        r.reports.length === 0 ? (
          <p className="muted">No report yet.</p>
        ) : (
          <>
            <table className="table" data-testid="report-list">
              <thead>
                <tr>
                  <th>Provider</th>
                  <th>Reference</th>
                  <th>Format</th>
                  <th>Rows</th>
                  <th>Accepted</th>
                  <th>Rejected</th>
                  <th>Received</th>
                </tr>
              </thead>
              <tbody>
                {r.reports.map((x) => (
                  <tr key={x.id}>
                    <td>{x.provider}</td>
                    <td>
                      <Link to={`/referrals/reports/${x.id}`}>{x.reference}</Link>
                    </td>
                    <td>{x.format}</td>
                    <td>{x.rowsTotal}</td>
                    <td>{x.incidentsAccepted}</td>
                    <td>{x.rowsRejected}</td>
                    <td>{fmtDateTime(x.uploadedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager back={after.length > 0} next={r.nextAfterId} onBack={() => setAfter(after.slice(0, -1))} onNext={(n) => setAfter([...after, n])} />
          </>
        )
      }
    </Loader>
  );
}

function Pager({ back, next, onBack, onNext }: { back: boolean; next: number | null; onBack(): void; onNext(n: number): void }) {
  if (!back && !next) return null;
  return (
    <p className="row">
      {back && (
        <button type="button" onClick={onBack}>
          Newer
        </button>
      )}
      {next && (
        <button type="button" onClick={() => onNext(next)}>
          Older
        </button>
      )}
    </p>
  );
}

function PackageList({ hub = false }: { hub?: boolean }) {
  const [status, setStatus] = useState('');
  const [country, setCountry] = useState('');
  const [after, setAfter] = useState<number[]>([]);
  const cc = hub && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : undefined;
  const list = useGet<{ packages: ReferralPackage[]; nextAfterId: number | null }>('/api/v1/referrals/packages', {
    status,
    country: cc,
    limit: 50,
    afterId: after.at(-1),
  });
  const filter = (fn: () => void) => {
    setAfter([]);
    fn();
  };
  return (
    <div>
      <div className="row filters">
        <label className="inline">
          Package state
          <select value={status} onChange={(e) => filter(() => setStatus(e.target.value))}>
            <option value="">all</option>
            <option value="delivered">awaiting acknowledgement</option>
            <option value="acknowledged">acknowledged</option>
          </select>
        </label>
        {hub && (
          <label className="inline">
            Country
            <input value={country} maxLength={2} size={4} onChange={(e) => filter(() => setCountry(e.target.value))} placeholder="FR" />
          </label>
        )}
      </div>
      <Loader state={list}>
        {(r) =>
          r.packages.length === 0 ? (
            <p className="muted">No package.</p>
          ) : (
            <>
              <table className="table" data-testid="package-list">
                <thead>
                  <tr>
                    <th>Package</th>
                    {hub && <th>Country</th>}
                    <th>Provider</th>
                    <th>Report</th>
                    <th>Delivered</th>
                    <th>Incidents</th>
                    <th>With new material</th>
                    <th>Open</th>
                    <th>State</th>
                  </tr>
                </thead>
                <tbody>
                  {r.packages.map((p) => (
                    <tr key={p.id} data-testid={`package-${p.id}`}>
                      <td>
                        <Link to={`/referrals/packages/${p.id}`}>Package {p.id}</Link>
                      </td>
                      {hub && <td>{p.country}</td>}
                      <td>{p.provider}</td>
                      <td>{p.reference}</td>
                      <td>{fmtDateTime(p.createdAt)}</td>
                      <td>{p.counts.incidents}</td>
                      <td>{p.counts.withNew}</td>
                      <td>{p.counts.open}</td>
                      <td>
                        <Badge kind={packageBadge[p.status]}>{p.status === 'delivered' ? 'awaiting acknowledgement' : 'acknowledged'}</Badge>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pager back={after.length > 0} next={r.nextAfterId} onBack={() => setAfter(after.slice(0, -1))} onNext={(n) => setAfter([...after, n])} />
            </>
          )
        }
      </Loader>
    </div>
  );
}

function ReportPage({ id }: { id: number }) {
  const report = useGet<ReportDetail>(`/api/v1/referrals/reports/${id}`);
  return (
    <Loader state={report}>
      {(r) => (
        <div>
          <p className="muted">
            <Link to="/referrals">← referrals</Link>
          </p>
          <h1 data-testid="report-title">
            Report {r.reference} from {r.provider}
          </h1>
          <dl className="facts">
            <div>
              <dt>received</dt>
              <dd>
                {fmtDateTime(r.uploadedAt)} ({r.format.toUpperCase()})
              </dd>
            </div>
            <div>
              <dt>rows</dt>
              <dd>
                {r.rowsTotal}: {plural(r.incidentsAccepted, 'incident')} accepted, {plural(r.rowsRejected, 'row')} rejected
              </dd>
            </div>
            <div>
              <dt>unassigned</dt>
              <dd>{r.unassigned ? <Link to="/referrals/unassigned">{plural(r.unassigned, 'incident')} without a member country</Link> : 'none'}</dd>
            </div>
          </dl>
          <h2>Packages</h2>
          {r.packages.length === 0 ? (
            <p className="muted">No package.</p>
          ) : (
            <table className="table" data-testid="report-packages">
              <thead>
                <tr>
                  <th>Country</th>
                  <th>Package</th>
                  <th>Incidents</th>
                  <th>Open</th>
                  <th>Actioned</th>
                  <th>With new material</th>
                  <th>State</th>
                </tr>
              </thead>
              <tbody>
                {r.packages.map((p) => (
                  <tr key={p.id}>
                    <td>{p.country}</td>
                    <td>
                      <Link to={`/referrals/packages/${p.id}`}>Package {p.id}</Link>
                    </td>
                    <td>{p.counts.incidents}</td>
                    <td>{p.counts.open}</td>
                    <td>{p.counts.actioned}</td>
                    <td>{p.counts.withNew}</td>
                    <td>
                      <Badge kind={packageBadge[p.status]}>{p.status}</Badge>
                      {p.acknowledgedAt ? ` ${fmtDateTime(p.acknowledgedAt)}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>Rejected rows</h2>
          {r.rejected.length === 0 ? <p className="muted">Every row was accepted.</p> : <RejectedTable rows={r.rejected} />}
          {r.rowsRejected > r.rejected.length && (
            <p className="muted">{plural(r.rowsRejected - r.rejected.length, 'more rejected row')} counted but not listed.</p>
          )}
        </div>
      )}
    </Loader>
  );
}
