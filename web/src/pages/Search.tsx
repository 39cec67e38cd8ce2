// Search: media by hash (exact, or PDQ within a distance), camera or capture dates; series by number or
// name; victims by label; anything by owner country. Criteria live in the URL so results can be linked.
import { useState, type FormEvent } from 'react';
import { Link, navigate, useLocation } from '../router.js';
import { Badge, ErrorPanel } from '../components/common.js';
import { useGet } from '../query.js';
import { MediaGrid } from '../components/MediaGrid.js';
import { PersonStatus } from './SeriesEntities.js';
import type { paths } from '../api-types.js';

type SearchResult = paths['/api/v1/search']['get']['responses'][200]['content']['application/json'];
const KINDS: Array<[string, string, string]> = [
  ['series', 'Series number or name', 'S-2026-000001 or part of a name'],
  ['victim', 'Victim label', 'part of a label'],
  ['sha256', 'SHA-256', '64 hex digits'],
  ['md5', 'MD5', '32 hex digits'],
  ['sha1', 'SHA-1', '40 hex digits'],
  ['pdq', 'PDQ (perceptual)', '64 hex digits'],
  ['cameraMake', 'Camera make', 'e.g. Canon'],
  ['cameraModel', 'Camera model', 'e.g. EOS 5D'],
  ['cameraSerial', 'Camera serial', 'exact serial number'],
  ['country', 'Owner country', 'two letters, e.g. DE'],
];
const PARAMS = [...KINDS.map((k) => k[0]), 'maxDistance', 'capturedFrom', 'capturedTo'];

export function SearchPage() {
  const { query } = useLocation();
  const criteria = Object.fromEntries(PARAMS.filter((k) => query.get(k)).map((k) => [k, query.get(k)!]));
  const first = KINDS.find(([k]) => criteria[k]);
  const [kind, setKind] = useState(first?.[0] ?? 'series');
  const [text, setText] = useState(first ? criteria[first[0]]! : '');
  const [distance, setDistance] = useState(criteria.maxDistance ?? '31');
  const result = useGet<SearchResult>(Object.keys(criteria).length ? '/api/v1/search' : null, { ...criteria, limit: 100 });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const qs = new URLSearchParams({ [kind]: text.trim() });
    if (kind === 'pdq') qs.set('maxDistance', distance);
    navigate(`/search?${qs}`);
  };
  const r = result.data;
  const hint = KINDS.find((k) => k[0] === kind)?.[2];
  return (
    <section>
      <h1>Search</h1>
      <form className="row wrap panel" onSubmit={submit} role="search">
        <select value={kind} onChange={(e) => setKind(e.target.value)} aria-label="Search by">
          {KINDS.map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
        <input className="wide" name="q" required placeholder={hint} value={text} onChange={(e) => setText(e.target.value)} aria-label="Search for" autoFocus />
        {kind === 'pdq' && (
          <label className="inline">
            within distance
            <input type="number" min={0} max={64} value={distance} onChange={(e) => setDistance(e.target.value)} style={{ width: '5rem' }} />
          </label>
        )}
        <button className="primary">Search</button>
      </form>
      {result.error ? <ErrorPanel error={result.error} /> : null}
      {/* A failed search shows no results of the previous one. */}
      {r && !result.error && !result.loading && (
        <div data-testid="search-results">
          {r.series && (
            <>
              <h2>Series ({r.series.length})</h2>
              {r.series.length === 0 ? (
                <p className="muted">None.</p>
              ) : (
                <ul className="plain">
                  {r.series.map((s) => (
                    <li key={s.id}>
                      <Link to={`/series/${s.id}`}>{s.number}</Link> {s.name} <span className="muted">· {s.ownerCountry}</span>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
          {r.victims && (
            <>
              <h2>Victims ({r.victims.length})</h2>
              {r.victims.length === 0 ? (
                <p className="muted">None.</p>
              ) : (
                <ul className="plain">
                  {r.victims.map((v) => (
                    <li key={v.id}>
                      <Link to={`/victims/${v.id}`}>{v.label}</Link> <span className="muted">in {v.seriesNumber}</span> <PersonStatus e={v} />
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
          {r.media && (
            <>
              <h2>Media ({r.media.length})</h2>
              <MediaGrid
                emptyText="No visible medium matches."
                onOpen={(it) => navigate(`/media/${it.key}`)}
                items={r.media.map((m) => ({
                  key: String(m.id),
                  mediaId: m.thumbnail ? m.id : null,
                  label: `#${m.id} · ${m.ownerCountry}`,
                  placeholder: m.thumbnail ? undefined : 'hash only',
                  badges: (
                    <>
                      {m.distance != null && <Badge kind="muted">d={m.distance}</Badge>}
                      {m.seriesId && <Badge kind="muted">series #{m.seriesId}</Badge>}
                    </>
                  ),
                }))}
              />
            </>
          )}
        </div>
      )}
    </section>
  );
}
