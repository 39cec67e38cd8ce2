// A place (issue 19): its linked images under the wellness veil, the series and victims seen there, the clues
// investigators added, a location estimate on a map (Leaflet with a bundled world outline, no tiles: nothing
// is fetched from a map server), and the same-scene evidence: query and match side by side with the matched
// keypoints drawn as lines, and why in words. Links can be confirmed or rejected by an owner of either side.
import { useEffect, useRef, useState } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import land from 'world-atlas/land-110m.json' with { type: 'json' };
import { post } from '../api.js';
import { Link, navigate } from '../router.js';
import { useSession } from '../session.js';
import { ActionError, Loader } from '../components/common.js';
import { useAction, useGet } from '../query.js';
import type { paths } from '../api-types.js';
import { MediaGrid, thumbStyle } from '../components/MediaGrid.js';

type PlaceOverview = paths['/api/v1/places/{id}/overview']['get']['responses'][200]['content']['application/json'];
type PlaceLink = PlaceOverview['links'][number];
type Evidence = PlaceLink['evidence'];

function PlaceMap({ lat, lon, confidence }: { lat: number; lon: number; confidence: number | null }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const map = L.map(el.current, { attributionControl: false, zoomControl: true, worldCopyJump: false }).setView([lat, lon], 4);
    const topo = land as unknown as Topology;
    L.geoJSON(feature(topo, topo.objects.land!) as never, { style: { color: '#55627a', weight: 1, fillColor: '#dfe6ee', fillOpacity: 1 } }).addTo(map);
    // The circle's radius grows as confidence falls (1.0 → 25 km, 0 → 500 km).
    const radius = 25_000 + (1 - (confidence ?? 0)) * 475_000;
    L.circle([lat, lon], { radius, color: '#b3261e', weight: 2, fillOpacity: 0.15 }).addTo(map);
    L.circleMarker([lat, lon], { radius: 5, color: '#b3261e', fillOpacity: 1 }).addTo(map);
    return () => {
      map.remove();
    };
  }, [lat, lon, confidence]);
  return (
    <div
      ref={el}
      className="place-map"
      data-testid="place-map"
      style={{ height: 280, background: '#a9c4dc' }}
      aria-label={`Estimated location ${lat.toFixed(3)}, ${lon.toFixed(3)}`}
    />
  );
}

const W = 240;
/** Query and match side by side, matched keypoints as lines; the pictures stay veiled until revealed. */
function EvidenceView({ link }: { link: PlaceLink }) {
  const { settings } = useSession();
  const [revealed, setRevealed] = useState(false);
  const e = link.evidence;
  const s1 = W / e.queryFrame[0],
    s2 = W / e.matchFrame[0];
  const h = Math.max(e.queryFrame[1] * s1, e.matchFrame[1] * s2),
    gap = 16;
  const img = (mediaId: number, x: number, frame: number[], s: number) => (
    <image
      href={`/api/v1/media/${mediaId}/thumbnail`}
      x={x}
      y={0}
      width={W}
      height={frame[1] * s}
      preserveAspectRatio="none"
      className={revealed ? 'thumb-img revealed' : 'thumb-img veiled'}
    />
  );
  return (
    <figure className="place-evidence" data-testid="place-evidence" style={thumbStyle(settings.blur, settings.greyscale)}>
      <svg width={2 * W + gap} height={h} role="img" aria-label={`${e.inliers} matching points between media ${link.mediaId} and ${link.linkedMediaId}`}>
        {img(link.mediaId, 0, e.queryFrame, s1)}
        {img(link.linkedMediaId, W + gap, e.matchFrame, s2)}
        <g data-testid="keypoint-lines" stroke="#00c2a8" strokeWidth={1} opacity={0.8}>
          {e.pairs.map((p, i) => (
            <line key={i} x1={p[0]! * s1} y1={p[1]! * s1} x2={W + gap + p[2]! * s2} y2={p[3]! * s2} />
          ))}
        </g>
      </svg>
      <figcaption>
        <p data-testid="place-why">{e.why}</p>
        <button onClick={() => setRevealed(!revealed)}>{revealed ? 'Veil' : 'Reveal'}</button> <Link to={`/media/${link.mediaId}`}>#{link.mediaId}</Link> ↔{' '}
        <Link to={`/media/${link.linkedMediaId}`}>#{link.linkedMediaId}</Link>
      </figcaption>
    </figure>
  );
}

function LinkDecision({ link }: { link: PlaceLink }) {
  // Both places' pages (and their links) show the decision.
  const act = useAction('/api/v1/places', '/api/v1/place-links');
  if (link.status !== 'suggested') return <p className="muted">Link {link.status}.</p>;
  return (
    <div className="row">
      <button className="primary" disabled={act.busy} onClick={() => void act.run(() => post(`/api/v1/place-links/${link.id}/confirm`, {}))}>
        Confirm same place
      </button>
      <button disabled={act.busy} onClick={() => void act.run(() => post(`/api/v1/place-links/${link.id}/reject`, {}))}>
        Reject (never suggest again)
      </button>
      <ActionError error={act.error} />
    </div>
  );
}

export function PlacePage({ id }: { id: number }) {
  const place = useGet<PlaceOverview>(`/api/v1/places/${id}/overview`);
  return (
    <Loader state={place}>
      {(p) => (
        <div>
          <h1 data-testid="place-title">Place P-{p.id}</h1>
          <p>{p.description}</p>
          <dl className="facts inline-facts">
            <dt>Owner</dt>
            <dd>{p.ownerCountry}</dd>
            {p.countryGuess && (
              <>
                <dt>Country guess</dt>
                <dd>{p.countryGuess}</dd>
              </>
            )}
          </dl>
          <h2>Seen here</h2>
          <ul data-testid="place-series">
            {p.series.map((s) => (
              <li key={s.id}>
                <Link to={`/series/${s.id}`}>{s.number}</Link> {s.name} ({s.ownerCountry})
              </li>
            ))}
            {p.victims.map((v) => (
              <li key={`v${v.id}`}>
                <Link to={`/victims/${v.id}`}>{v.label}</Link>
                {v.identified ? ' (identified)' : ''}
              </li>
            ))}
          </ul>
          <h2>Clues</h2>
          {p.clues && <p>{p.clues}</p>}
          <ul data-testid="place-clues">
            {p.clueItems.map((c, i) => (
              <li key={i}>
                <strong>{c.kind}</strong>: {c.value}
              </li>
            ))}
          </ul>
          <h2>Location estimate</h2>
          {p.location ? (
            <>
              <p data-testid="place-location">
                {p.location.latitude.toFixed(4)}, {p.location.longitude.toFixed(4)} — confidence {Math.round((p.location.confidence ?? 0) * 100)} %
                {p.location.note ? ` (${p.location.note})` : ''}
              </p>
              <PlaceMap lat={p.location.latitude} lon={p.location.longitude} confidence={p.location.confidence} />
            </>
          ) : (
            <p className="muted">No location estimate yet.</p>
          )}
          <h2>Images of this place</h2>
          <MediaGrid
            items={p.media.map((m) => ({ key: String(m.mediaId), mediaId: m.mediaId, label: `#${m.mediaId}` }))}
            onOpen={(it) => navigate(`/media/${it.key}`)}
            emptyText="No image linked."
          />
          <h2>Same scene elsewhere</h2>
          {p.restrictedLinks.map((r) => (
            <p key={r.ownerCountry} className="muted">
              {r.message}
            </p>
          ))}
          {!p.links.length && <p className="muted">No suggested link.</p>}
          {p.links.map((l) => (
            <div key={l.id} className="panel">
              <EvidenceView link={l} />
              <LinkDecision link={l} />
            </div>
          ))}
        </div>
      )}
    </Loader>
  );
}
