// Triage of a seizure: a veiled thumbnail grid filtered by result (known exact / known near / new / error);
// the selected item shows its hashes, distance, series, victim status and owner — or, when the match
// belongs to a country that does not share it, only "known to country X, contact its NCB".
import { useEffect, useState } from 'react';
import { get } from '../api.js';
import { Link, navigate } from '../router.js';
import { Badge, ErrorPanel, Loader, useApi } from '../components/common.js';
import { MediaGrid, type GridItem } from '../components/MediaGrid.js';
import type { Seizure } from './CasePage.js';
import { AssignToSeries } from '../components/AssignToSeries.js';

export type Filter = 'all' | 'known_exact' | 'known_near' | 'new' | 'error';
export interface TriageItem {
  itemId: number; path: string; kind: string; status: 'pending' | 'processing' | 'done' | 'error'; result: 'known_exact' | 'known_near' | 'new' | null;
  sha256: string | null; md5: string | null; note: string | null; error: { reason: string | null; message: string | null } | null;
  mediaId: number | null;
  known: null
    | { restricted: true; ownerCountry: string; message: string }
    | { restricted: false; matchedMediaId: number | null; distance: number; stage: string | null; variant: string | null; ownerCountry: string | null;
        series: { id: number; number: string; name: string; ownerCountry: string } | null; victimIdentified: boolean | null; offenderIdentified: boolean | null };
}

const RESULT_LABEL: Record<string, string> = { known_exact: 'known exact', known_near: 'known near', new: 'new', error: 'error', pending: 'waiting', processing: 'processing' };
const kindOf = (it: TriageItem) => (it.status === 'error' ? 'error' : it.result ?? it.status);
const yesNo = (v: boolean | null) => (v == null ? '—' : v ? 'identified' : 'not identified');

function Details({ it }: { it: TriageItem }) {
  const k = it.known;
  return (
    <aside className="panel side" aria-label="Selected item" data-testid="item-details">
      <h3 className="path">{it.path}</h3>
      <p><Badge kind={kindOf(it)}>{RESULT_LABEL[kindOf(it)] ?? kindOf(it)}</Badge></p>
      {it.error && <p className="error" data-testid="item-error">{it.error.message ?? it.error.reason}</p>}
      {it.note && <p className="muted">{it.note}</p>}
      <dl className="facts">
        <dt>SHA-256</dt><dd className="mono">{it.sha256 ?? '—'}</dd>
        <dt>MD5</dt><dd className="mono">{it.md5 ?? '—'}</dd>
        {k?.restricted === true && <><dt>Known to</dt><dd data-testid="redaction">{k.message}</dd></>}
        {k?.restricted === false && <>
          <dt>Distance</dt><dd data-testid="distance">{k.distance}{k.stage ? ` (${k.stage}${k.variant ? `, ${k.variant}` : ''})` : ''}</dd>
          <dt>Series</dt><dd data-testid="series">{k.series ? <Link to={`/series/${k.series.id}`}>{k.series.number} · {k.series.name}</Link> : 'none'}</dd>
          <dt>Victim</dt><dd data-testid="victim-status">{yesNo(k.victimIdentified)}</dd>
          <dt>Offender</dt><dd>{yesNo(k.offenderIdentified)}</dd>
          <dt>Owner</dt><dd data-testid="owner">{k.ownerCountry ?? '—'}</dd>
          {k.matchedMediaId && <><dt>Known medium</dt><dd><Link to={`/media/${k.matchedMediaId}`}>#{k.matchedMediaId}</Link></dd></>}
        </>}
      </dl>
      {it.mediaId && <p><Link to={`/media/${it.mediaId}`}>Open this item</Link> <span className="muted small">(or press o in the grid)</span></p>}
      {it.result === 'new' && it.mediaId && <AssignToSeries key={it.itemId} mediaIds={[it.mediaId]} label="this item" />}
    </aside>
  );
}

export function TriagePage({ id }: { id: number }) {
  const [filter, setFilter] = useState<Filter>('all');
  const [selected, setSelected] = useState<TriageItem | null>(null);
  const seizure = useApi(() => get<Seizure>(`/api/v1/seizures/${id}`), [id]);
  const items = useApi(() => get<{ items: TriageItem[]; nextAfterId: number | null }>(`/api/v1/seizures/${id}/triage`, {
    result: filter === 'all' || filter === 'error' ? undefined : filter, status: filter === 'error' ? 'error' : undefined, limit: 1000,
  }), [id, filter]);

  // Poll while the server is still hashing and matching.
  const busy = seizure.data && seizure.data.status !== 'complete';
  useEffect(() => {
    if (!busy) return;
    const t = setInterval(() => { seizure.reload(); items.reload(); }, 1500);
    return () => clearInterval(t);
  }, [busy, seizure.reload, items.reload]);

  const list = items.data?.items ?? [];
  const grid: GridItem[] = list.map((it) => ({
    key: String(it.itemId), mediaId: it.mediaId, label: it.path, kind: kindOf(it),
    placeholder: it.status === 'error' ? (it.error?.reason ?? 'error') : it.mediaId ? undefined : it.status === 'pending' || it.status === 'processing' ? 'processing…' : it.known?.restricted ? 'restricted' : 'hash only',
    badges: <>
      <Badge kind={kindOf(it)}>{RESULT_LABEL[kindOf(it)] ?? kindOf(it)}</Badge>
      {it.known?.restricted === false && it.result === 'known_near' && <Badge kind="muted">d={it.known.distance}</Badge>}
      {it.known?.restricted === true && <Badge kind="warn">known to {it.known.ownerCountry}</Badge>}
      {it.known?.restricted === false && it.known.series && <Badge kind="muted">{it.known.series.number}</Badge>}
      {it.known?.restricted === false && it.known.victimIdentified && <Badge kind="ok">victim identified</Badge>}
    </>,
  }));

  return (
    <Loader state={seizure}>{(s) => (
      <div>
        <p className="muted"><Link to={`/cases/${s.caseId}`}>← case</Link></p>
        <div className="row spread">
          <h1>Triage · {s.label}</h1>
          <span><Badge kind={s.status}>{s.status}</Badge> {s.status !== 'complete' && <progress max={100} value={s.progress} aria-label="processing" />}</span>
        </div>
        <div className="tabs filters" role="tablist" aria-label="Filter by result">
          {([['all', 'All', s.counts.items], ['known_exact', 'Known exact', s.counts.knownExact], ['known_near', 'Known near', s.counts.knownNear], ['new', 'New', s.counts.new], ['error', 'Errors', s.counts.error]] as Array<[Filter, string, number]>).map(([f, label, n]) => (
            <button key={f} role="tab" aria-selected={filter === f} data-testid={`filter-${f}`} className={`filter-${f}`} onClick={() => { setFilter(f); setSelected(null); }}>
              {label} <span className="count">{n}</span>
            </button>
          ))}
        </div>
        {items.error ? <ErrorPanel error={items.error} /> : null}
        {filter === 'new' && s.status === 'complete' && (
          <AssignToSeries key={`all-${list.length}`} mediaIds={list.filter((it) => it.result === 'new' && it.mediaId).map((it) => it.mediaId!)} label={`the ${list.length} new items`} />
        )}
        <div className="grid-with-side">
          <MediaGrid items={grid} selected={selected ? String(selected.itemId) : null} emptyText="No item with this result."
            onSelect={(g) => setSelected(list.find((it) => String(it.itemId) === g.key) ?? null)}
            onOpen={(g) => { const it = list.find((x) => String(x.itemId) === g.key); if (it?.mediaId) navigate(`/media/${it.mediaId}`); }} />
          {selected && <Details it={selected} />}
        </div>
      </div>
    )}</Loader>
  );
}
