// Seizure upload: files, whole folders (webkitdirectory) and archives, sent one file per request with
// XMLHttpRequest so each file shows its own progress; one failed file never stops the others.
import { useEffect, useRef, useState } from 'react';
import { post, uploadFile, uploadRaw, errorMessage } from '../api.js';
import { Link, navigate, useLeaveGuard, useLocation } from '../router.js';
import { ActionError, ErrorPanel, Loader } from '../components/common.js';
import { useAction, useGet } from '../query.js';
import type { paths } from '../api-types.js';
import type { Case } from './Home.js';
import type { Seizure } from './CasePage.js';

interface Pending {
  id: number;
  file: File;
  path: string;
  loaded: number;
  state: 'queued' | 'sending' | 'done' | 'error';
  message?: string;
}
const PARALLEL = 3;
/** React does not know the non-standard directory attributes: set them on the element. */
const asFolderPicker = (el: HTMLInputElement | null) => {
  el?.setAttribute('webkitdirectory', '');
  el?.setAttribute('directory', '');
};
type UploadSummary = paths['/api/v1/seizures/{id}/files']['post']['responses'][200]['content']['application/json'];
/** What the server made of one upload (an archive holds several files). */
const describe = (r: UploadSummary | undefined) =>
  !r
    ? undefined
    : [r.files > 1 ? `${r.files} files inside` : null, r.alreadyHeld ? `${r.alreadyHeld} already held` : null, r.errors ? `${r.errors} unreadable` : null]
        .filter(Boolean)
        .join(', ') || undefined;
const fmtSize = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KB` : n < 1024 ** 3 ? `${(n / 1024 ** 2).toFixed(1)} MB` : `${(n / 1024 ** 3).toFixed(2)} GB`;

const LEAVE_WARNING =
  'Files are still being sent. If you leave now, the files not yet sent are not in the seizure; you can add them later with "Add or resume files". Leave anyway?';

export function UploadPage({ caseId }: { caseId: number }) {
  const kase = useGet<Case>(`/api/v1/cases/${caseId}`);
  const [label, setLabel] = useState('');
  const [seizure, setSeizure] = useState<Seizure | null>(null);
  // `?seizure=ID`: add files to (or resume the upload of) an existing seizure; files it already holds are skipped by the server.
  const existingId = Number(useLocation().query.get('seizure') ?? 0) || null;
  const existing = useGet<Seizure>(existingId ? `/api/v1/seizures/${existingId}` : null);
  useEffect(() => {
    if (existing.data) setSeizure(existing.data);
  }, [existing.data]);
  const [hashOnly, setHashOnly] = useState(false);
  const [files, setFiles] = useState<Pending[]>([]);
  const [running, setRunning] = useState(false);
  const nextId = useRef(1);
  // The case's seizure list, the home page's seizures and the triage grid show what was sent.
  const act = useAction(`/api/v1/cases/${caseId}`, '/api/v1/home', '/api/v1/seizures');

  const add = (list: FileList | null) => {
    if (!list) return;
    const added = Array.from(list).map((file) => ({
      id: nextId.current++,
      file,
      path: file.webkitRelativePath || file.name,
      loaded: 0,
      state: 'queued' as const,
    }));
    setFiles((f) => [...f, ...added]);
  };
  const update = (id: number, patch: Partial<Pending>) => setFiles((f) => f.map((p) => (p.id === id ? { ...p, ...patch } : p)));

  const start = () =>
    act.run(async () => {
      const s = seizure ?? (await post<Seizure>(`/api/v1/cases/${caseId}/seizures`, { label, hashOnly }));
      setSeizure(s);
      setRunning(true);
      const queue = files.filter((f) => f.state === 'queued' || f.state === 'error');
      const worker = async () => {
        for (let p = queue.shift(); p; p = queue.shift()) {
          const item = p;
          update(item.id, { state: 'sending', loaded: 0, message: undefined });
          try {
            const progress = (loaded: number) => update(item.id, { loaded });
            // Hash-only seizures send hash lists (CSV with an md5/sha1/sha256/pdq header, or JSON); the material stays home.
            const r = s.hashOnly
              ? await uploadRaw<UploadSummary>(
                  `/api/v1/seizures/${s.id}/hashes`,
                  item.file,
                  /\.json$/i.test(item.path) ? 'application/json' : 'text/csv',
                  progress,
                )
              : await uploadFile<UploadSummary>(`/api/v1/seizures/${s.id}/files`, item.file, item.path, { path: item.path }, progress);
            update(item.id, { state: 'done', loaded: item.file.size, message: describe(r) });
          } catch (err) {
            update(item.id, { state: 'error', message: errorMessage(err) });
          }
        }
      };
      await Promise.all(Array.from({ length: PARALLEL }, worker));
      setRunning(false);
    });

  // Leaving while files are queued or sending loses them: the browser asks on reload/close, the app on its links.
  const unsent = files.some((f) => f.state === 'sending' || (f.state === 'queued' && running));
  useLeaveGuard(unsent ? LEAVE_WARNING : null);

  const total = files.reduce((n, f) => n + f.file.size, 0);
  const sent = files.reduce((n, f) => n + (f.state === 'done' ? f.file.size : f.loaded), 0);
  const done = files.filter((f) => f.state === 'done').length;
  const failed = files.filter((f) => f.state === 'error').length;

  return (
    <Loader state={kase}>
      {(c) => (
        <div>
          <p className="muted">
            <Link to={`/cases/${c.id}`}>← {c.reference}</Link>
          </p>
          <h1>{existingId ? 'Add files to a seizure' : 'Upload a seizure'}</h1>
          {existing.error ? <ErrorPanel error={existing.error} /> : null}
          {existingId && seizure && (
            <p className="muted" data-testid="resume-note">
              Adding to “{seizure.label}” ({seizure.counts.items} items so far). Choose the files again to resume an interrupted upload: files the seizure
              already holds are recognised and skipped.
            </p>
          )}
          <section className="panel form-grid">
            <label>
              Seizure label
              <input
                name="label"
                required
                placeholder="e.g. laptop HDD 1"
                value={seizure?.label ?? label}
                disabled={!!seizure}
                onChange={(e) => setLabel(e.target.value)}
              />
            </label>
            <label className="inline">
              <input type="checkbox" checked={seizure?.hashOnly ?? hashOnly} disabled={!!seizure} onChange={(e) => setHashOnly(e.target.checked)} />
              Hashes only: the material may not leave the country; send hash lists (CSV with a md5 / sha1 / sha256 / pdq header, or JSON)
            </label>
            <div className="row wrap">
              <label className="button">
                {(seizure?.hashOnly ?? hashOnly) ? 'Add hash lists' : 'Add files'}
                <input
                  type="file"
                  multiple
                  hidden
                  data-testid="file-input"
                  onChange={(e) => {
                    add(e.target.files);
                    e.target.value = '';
                  }}
                />
              </label>
              {!(seizure?.hashOnly ?? hashOnly) && (
                <>
                  <label className="button">
                    Add a folder
                    <input
                      ref={asFolderPicker}
                      type="file"
                      multiple
                      hidden
                      data-testid="folder-input"
                      onChange={(e) => {
                        add(e.target.files);
                        e.target.value = '';
                      }}
                    />
                  </label>
                  <label className="button">
                    Add archives (zip, tar, tgz)
                    <input
                      type="file"
                      multiple
                      hidden
                      accept=".zip,.tar,.tgz,.tar.gz,application/zip,application/x-tar,application/gzip"
                      onChange={(e) => {
                        add(e.target.files);
                        e.target.value = '';
                      }}
                    />
                  </label>
                </>
              )}
              <button
                className="primary"
                disabled={running || act.busy || files.length === 0 || (!seizure && !label.trim()) || files.every((f) => f.state === 'done')}
                onClick={() => void start()}
              >
                {failed && !running ? 'Retry failed files' : 'Upload'}
              </button>
            </div>
            <ActionError error={act.error} />
            {failed > 0 && !running && (
              <p className="error" role="alert" data-testid="upload-interrupted">
                {failed} file{failed === 1 ? '' : 's'} did not arrive. The seizure stays open: retry them now, or later with “Add or resume files” on its triage
                page.
              </p>
            )}
            {files.length > 0 && (
              <div className="overall" data-testid="upload-summary">
                <progress max={total || 1} value={sent} /> {done}/{files.length} files · {fmtSize(sent)} of {fmtSize(total)}
                {failed ? ` · ${failed} failed` : ''}
              </div>
            )}
            {seizure && !running && done > 0 && failed === 0 && (
              <p className="ok" role="status">
                Upload finished.{' '}
                <Link to={`/seizures/${seizure.id}`} data-testid="to-triage">
                  See the triage
                </Link>{' '}
                (processing continues on the server).
              </p>
            )}
          </section>
          {files.length > 0 && (
            <table className="table small upload-list" data-testid="upload-list">
              <thead>
                <tr>
                  <th>File</th>
                  <th>Size</th>
                  <th>Progress</th>
                  <th>State</th>
                </tr>
              </thead>
              <tbody>
                {files.map((f) => (
                  <tr key={f.id} data-state={f.state}>
                    <td className="path">{f.path}</td>
                    <td>{fmtSize(f.file.size)}</td>
                    <td>
                      <progress max={f.file.size || 1} value={f.state === 'done' ? f.file.size : f.loaded} aria-label={`progress of ${f.path}`} />
                    </td>
                    <td>
                      {f.state === 'error' ? (
                        <span className="error">{f.message}</span>
                      ) : f.state === 'done' ? (
                        `sent${f.message ? ` · ${f.message}` : ''}`
                      ) : (
                        f.state
                      )}
                      {f.state === 'queued' && !running && (
                        <button className="small link" onClick={() => setFiles(files.filter((x) => x.id !== f.id))}>
                          remove
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {seizure && (
            <p>
              <button onClick={() => navigate(`/seizures/${seizure.id}`)}>Go to the triage</button>
            </p>
          )}
        </div>
      )}
    </Loader>
  );
}
