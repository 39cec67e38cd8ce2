// One medium: hashes, EXIF, series, links, votes, comments. The full image (or video) is fetched only when
// the investigator asks for it (GET /media/:id/content, audited server-side); until then only the veiled thumbnail.
import { useState } from 'react';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { Loader, fmtDateTime } from '../components/common.js';
import { useGet } from '../query.js';
import { Thumb, thumbStyle } from '../components/MediaGrid.js';
import { VotePanel } from '../components/Votes.js';
import { Comments } from '../components/Comments.js';
import type { paths } from '../api-types.js';

type MediaDetail = paths['/api/v1/media/{id}']['get']['responses'][200]['content']['application/json'];

function FullView({ m }: { m: MediaDetail }) {
  const { settings } = useSession();
  const [open, setOpen] = useState(false);
  const [veiled, setVeiled] = useState(true);
  if (!m.content) return <p className="muted">Only hashes are held for this medium.</p>;
  if (!open)
    return (
      <button className="primary" onClick={() => setOpen(true)} data-testid="open-full">
        Open the full {m.mediaType} (recorded in the audit log)
      </button>
    );
  return (
    <div className="full-view" style={thumbStyle(settings.blur, settings.greyscale)}>
      {m.mediaType === 'video' ? (
        <video src={m.content} controls muted={settings.muteVideos} className={veiled ? 'thumb-img veiled' : 'thumb-img revealed'} />
      ) : (
        <img src={m.content} alt={`medium ${m.id}`} className={veiled ? 'thumb-img veiled' : 'thumb-img revealed'} />
      )}
      <div className="row">
        <button onClick={() => setVeiled(!veiled)}>{veiled ? 'Reveal' : 'Veil'}</button>
        <button onClick={() => setOpen(false)}>Close</button>
      </div>
    </div>
  );
}

export function MediaPage({ id }: { id: number }) {
  const { settings } = useSession();
  const media = useGet<MediaDetail>(`/api/v1/media/${id}`);
  const [revealThumb, setRevealThumb] = useState(false);
  return (
    <Loader state={media}>
      {(m) => (
        <div>
          <h1>Medium #{m.id}</h1>
          <div className="two-col">
            <section>
              <div className="thumb-box large" style={thumbStyle(settings.blur, settings.greyscale)} onClick={() => setRevealThumb(!revealThumb)}>
                <Thumb mediaId={m.thumbnail ? m.id : null} revealed={revealThumb} label={`thumbnail of ${m.id}`} />
              </div>
              <FullView m={m} />
              <dl className="facts">
                <dt>Type</dt>
                <dd>
                  {m.mediaType} {m.format} {m.width ? `${m.width}×${m.height}` : ''} {m.durationSeconds ? `${m.durationSeconds.toFixed(1)} s` : ''}
                </dd>
                <dt>SHA-256</dt>
                <dd className="mono">{m.sha256}</dd>
                <dt>MD5</dt>
                <dd className="mono">{m.md5 ?? '—'}</dd>
                <dt>SHA-1</dt>
                <dd className="mono">{m.sha1 ?? '—'}</dd>
                <dt>PDQ</dt>
                <dd className="mono">
                  {m.pdq ?? '—'} {m.pdqQuality != null && <span className="muted">(quality {m.pdqQuality})</span>}
                </dd>
                <dt>Camera</dt>
                <dd>{[m.camera.make, m.camera.model, m.camera.serial].filter(Boolean).join(' · ') || '—'}</dd>
                <dt>Captured</dt>
                <dd>{fmtDateTime(m.capturedAt)}</dd>
                <dt>GPS</dt>
                <dd>{m.gps ? `${m.gps.lat.toFixed(5)}, ${m.gps.lon.toFixed(5)}` : '—'}</dd>
                <dt>Owner</dt>
                <dd>{m.ownerCountry}</dd>
                <dt>Series</dt>
                <dd>
                  {m.series ? (
                    <Link to={`/series/${m.series.id}`}>
                      {m.series.number} · {m.series.name}
                    </Link>
                  ) : (
                    '—'
                  )}
                </dd>
                <dt>Linked to</dt>
                <dd>
                  {m.links.length
                    ? m.links.map((l) => (
                        <div key={`${l.entityType}${l.entityId}`}>
                          {l.entityType === 'victim' ? <Link to={`/victims/${l.entityId}`}>{l.title}</Link> : `${l.entityType}: ${l.title}`}
                        </div>
                      ))
                    : '—'}
                </dd>
              </dl>
              {Object.keys(m.exif).length > 0 && (
                <details>
                  <summary>EXIF</summary>
                  <pre className="small">{JSON.stringify(m.exif, null, 2)}</pre>
                </details>
              )}
            </section>
            <aside className="panel">
              <VotePanel mediaId={m.id} />
            </aside>
          </div>
          <Comments targetType="media" targetId={m.id} />
        </div>
      )}
    </Loader>
  );
}
