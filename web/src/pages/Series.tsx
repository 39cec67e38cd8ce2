// Series list and series page: media grid (veiled), victims, offenders, places, categorisation, comments.
import { useEffect, useState, type FormEvent } from 'react';
import { post } from '../api.js';
import { Link, navigate } from '../router.js';
import { ActionError, Badge, Loader, fmtDate } from '../components/common.js';
import { useAction, useGet } from '../query.js';
import { MediaGrid, type GridItem } from '../components/MediaGrid.js';
import { Comments } from '../components/Comments.js';
import { VotePanel } from '../components/Votes.js';
import { EntityLists } from './SeriesEntities.js';
import { SeriesSettings } from './SeriesSettings.js';
import { VICS, type MediaSummary, type Series } from '../types.js';

export function SeriesList() {
  const [q, setQ] = useState('');
  const [applied, setApplied] = useState('');
  const [name, setName] = useState('');
  const list = useGet<{ series: Series[]; nextAfterId: number | null }>('/api/v1/series', { q: applied || undefined, limit: 200 });
  const act = useAction('/api/v1/series');
  const create = (e: FormEvent) => {
    e.preventDefault();
    void act.run(async () => navigate(`/series/${(await post<Series>('/api/v1/series', { name })).id}`));
  };
  return (
    <div className="two-col">
      <section>
        <div className="row spread">
          <h1>Series</h1>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              setApplied(q.trim());
            }}
            role="search"
          >
            <input placeholder="name or number" value={q} onChange={(e) => setQ(e.target.value)} aria-label="Filter series" />
            <button>Filter</button>
          </form>
        </div>
        <Loader state={list}>
          {({ series }) =>
            series.length === 0 ? (
              <p className="muted">No series.</p>
            ) : (
              <table className="table" data-testid="series-list">
                <thead>
                  <tr>
                    <th>Number</th>
                    <th>Name</th>
                    <th>Owner</th>
                    <th>Status</th>
                    <th>Opened</th>
                  </tr>
                </thead>
                <tbody>
                  {series.map((s) => (
                    <tr key={s.id}>
                      <td>
                        <Link to={`/series/${s.id}`}>{s.number}</Link>
                      </td>
                      <td>
                        {s.name}
                        {s.baseline && (
                          <>
                            {' '}
                            <Badge kind="warn">baseline</Badge>
                          </>
                        )}
                      </td>
                      <td>{s.ownerCountry}</td>
                      <td>
                        <Badge kind={s.status}>{s.status}</Badge>
                      </td>
                      <td>{fmtDate(s.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Loader>
      </section>
      <aside>
        <form className="panel form-grid" onSubmit={create} aria-label="Open a series">
          <h3>Open a series</h3>
          <label>
            Name
            <input required maxLength={300} value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <p className="muted small">Shared with all member countries; restrict it on the series page.</p>
          <ActionError error={act.error} />
          <button className="primary" disabled={act.busy}>
            Open series
          </button>
        </form>
      </aside>
    </div>
  );
}

function SeriesMedia({ seriesId }: { seriesId: number }) {
  const [pages, setPages] = useState<MediaSummary[]>([]);
  const [after, setAfter] = useState<number | undefined>();
  const [selected, setSelected] = useState<MediaSummary | null>(null);
  const page = useGet<{ media: MediaSummary[]; nextAfterId: number | null }>(`/api/v1/series/${seriesId}/media`, { afterId: after, limit: 120 });
  // Each further page appends to what is shown ("Load more").
  useEffect(() => {
    const media = page.data?.media;
    if (media) setPages((p) => (after ? [...p.filter((m) => !media.some((n) => n.id === m.id)), ...media] : media));
  }, [page.data, after]);
  const items: GridItem[] = pages.map((m) => ({
    key: String(m.id),
    mediaId: m.thumbnail ? m.id : null,
    label: `#${m.id} ${m.format ?? m.mediaType}${m.width ? ` ${m.width}×${m.height}` : ''}`,
    placeholder: m.hashOnly ? 'hash only' : m.thumbnail ? undefined : 'no thumbnail',
    kind: m.mediaType,
    badges: m.category != null ? <Badge kind="cat">{VICS[m.category]}</Badge> : <Badge kind="muted">uncategorised</Badge>,
  }));
  return (
    <section>
      <h2>Media</h2>
      <div className="grid-with-side">
        <Loader state={page}>
          {() => (
            <MediaGrid
              items={items}
              selected={selected ? String(selected.id) : null}
              emptyText="No media in this series yet."
              onSelect={(it) => setSelected(pages.find((m) => String(m.id) === it.key) ?? null)}
              onOpen={(it) => navigate(`/media/${it.key}`)}
            />
          )}
        </Loader>
        {selected && (
          <aside className="panel side" aria-label="Selected medium">
            <h3>Medium #{selected.id}</h3>
            <p className="mono small">SHA-256 {selected.sha256}</p>
            <p>
              <Link to={`/media/${selected.id}`}>Open</Link> (the full image is shown on its page)
            </p>
            <VotePanel mediaId={selected.id} />
          </aside>
        )}
      </div>
      {page.data?.nextAfterId && <button onClick={() => setAfter(page.data!.nextAfterId!)}>More media</button>}
    </section>
  );
}

export function SeriesPage({ id }: { id: number }) {
  const series = useGet<Series>(`/api/v1/series/${id}`);
  return (
    <Loader state={series}>
      {(s) => (
        <div>
          <div className="row spread">
            <h1 data-testid="series-title">
              {s.number} · {s.name}
            </h1>
            <div className="row">
              <Badge kind={s.status}>{s.status}</Badge>
              <SeriesSettings
                s={s}
                onSaved={(ns) => {
                  series.setData({ ...s, ...ns });
                }}
              />
            </div>
          </div>
          <dl className="facts inline-facts">
            <dt>Owner</dt>
            <dd>{s.ownerCountry}</dd>
            <dt>Shared</dt>
            <dd>
              {s.distribution}
              {s.sharedWith.length ? `: ${s.sharedWith.join(', ')}` : ''}
            </dd>
            {s.caseId && (
              <>
                <dt>Case</dt>
                <dd>
                  <Link to={`/cases/${s.caseId}`}>#{s.caseId}</Link>
                </dd>
              </>
            )}
            {s.counts && (
              <>
                <dt>Media</dt>
                <dd>{s.counts.media}</dd>
                <dt>Victims</dt>
                <dd data-testid="victim-counts">
                  {s.counts.victims} ({s.counts.victimsIdentified} identified, {s.counts.victimsRescued} rescued)
                </dd>
                <dt>Offenders</dt>
                <dd>
                  {s.counts.offenders} ({s.counts.offendersIdentified} identified)
                </dd>
              </>
            )}
          </dl>
          {s.description && <p>{s.description}</p>}
          <SeriesMedia seriesId={id} />
          <EntityLists series={s} />
          <Comments targetType="series" targetId={id} />
        </div>
      )}
    </Loader>
  );
}
