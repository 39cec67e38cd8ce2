// Triage of a seizure: a veiled thumbnail grid filtered by result (known exact / known near / new / error), by
// duplicates inside the seizure and by restricted items; filter, sort, selection and page live in the URL (Back
// returns to the same place). The selected item shows the uploaded and the known picture side by side (both
// veiled), the distance against the threshold and the transform in words, series and victim status, every other
// match — or, where the owner does not share it, only "known to country X, contact its NCB". Several items can be
// selected for bulk actions (assign to series, categorise, export).
import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { put } from '../api.js';
import { Link, navigate, useLocation, useSetQuery } from '../router.js';
import { useSession } from '../session.js';
import { ActionError, Badge, ErrorPanel, Loader } from '../components/common.js';
import { useAction, useGet } from '../query.js';
import { MediaGrid, Thumb, thumbStyle, type GridItem } from '../components/MediaGrid.js';
import type { Seizure } from './CasePage.js';
import { AssignToSeries } from '../components/AssignToSeries.js';
import { VICS } from '../types.js';
import type { paths } from '../api-types.js';

export type Filter = 'all' | 'known_exact' | 'known_near' | 'new' | 'error' | 'duplicate' | 'restricted';
type Sort = 'item' | 'result' | 'series' | 'path' | 'distance' | 'camera';
type Group = 'result' | 'series' | 'folder' | 'camera';
type TriagePage = paths['/api/v1/seizures/{id}/triage']['get']['responses'][200]['content']['application/json'];
export type TriageItem = TriagePage['items'][number];

const PAGE = 500;
const PDQ_THRESHOLD = 31;
const RESULT_LABEL: Record<string, string> = {
  known_exact: 'known exact',
  known_near: 'known near',
  new: 'new',
  error: 'error',
  pending: 'waiting',
  processing: 'processing',
};
const kindOf = (it: TriageItem) => (it.status === 'error' ? 'error' : (it.result ?? it.status));
const yesNo = (v: boolean | null | undefined, what: string) => (v == null ? 'no series' : v ? `${what} identified` : `${what} not identified`);
const isDuplicate = (it: TriageItem) => !!it.note;
const isRestricted = (it: TriageItem) => it.known?.restricted === true;

/** Error reasons in words (the server's codes stay in the CSV). */
const ERROR_WORDS: Record<string, string> = {
  not_image: 'not a picture or video the system can read',
  unsupported_format: 'a file format the system does not read',
  too_large: 'larger than the upload limit',
  upload_failed: 'the file did not arrive completely',
  processing_failed: 'the file could not be processed',
  corrupt: 'the file is damaged',
  bad_hash: 'not a valid hash',
  decompression_bomb: 'an image too large to open safely',
  path_traversal: 'an archive entry with an unsafe path',
  archive_limit: 'the archive exceeds the limits',
};
const errorWords = (it: TriageItem) => it.error?.message ?? (it.error?.reason ? (ERROR_WORDS[it.error.reason] ?? it.error.reason.replace(/_/g, ' ')) : 'error');

/** The crop/border stage's matches (src/robust): stage 'region' (pyramid levels agree) or 'pdq-trimmed' (a whole
 * picture inside a border or pasted into the upload). */
const isCropBorder = (stage: string | null | undefined) => stage === 'region' || stage === 'pdq-trimmed';

/** How the uploaded picture differs from the known one. */
export function transformWords(stage: string | null | undefined, variant: string | null | undefined, inset = false): string {
  const v: Record<string, string> = {
    original: 'same orientation',
    rotate90: 'rotated a quarter turn',
    rotate180: 'rotated half a turn (upside down)',
    rotate270: 'rotated three quarters of a turn',
    // PDQ's names: a left-right mirror of the picture is found as its 'flipy' variant (see the browser test).
    flipx: 'mirrored (top and bottom swapped)',
    flipy: 'mirrored (left and right swapped)',
    flipPlus1: 'mirrored along a diagonal',
    flipMinus1: 'mirrored along the other diagonal',
  };
  if (isCropBorder(stage) && inset)
    return 'shown inside another picture: the known picture is the outlined part of this one (an inset or one side of a collage)';
  if (isCropBorder(stage)) return 'cropped or framed: matched on a region of the picture';
  if (stage === 'partial') return 'partial copy: the known picture is a region of this one (cut, turned, framed, in a collage or an inset, or partly covered)';
  if (stage === 'vpdq') return 'video matched frame by frame';
  return v[variant ?? 'original'] ?? variant ?? 'same orientation';
}

export function distanceWords(distance: number, stage: string | null | undefined): string {
  if (isCropBorder(stage)) return `${distance} of 256 bits differ on the matching region; ≤ ${PDQ_THRESHOLD} is a match`;
  if (stage === 'partial') return `the shared region's matching points differ by ${distance} of 256 bits on average; ≤ 30 is a copy`;
  return `${distance} of 256 bits differ; ≤ ${PDQ_THRESHOLD} is a match`;
}

/** Where a box in a picture's frame sits in a square thumbnail box that shows the picture whole (object-fit: contain), in %. */
function regionStyle([x, y, w, h]: number[], [fw, fh]: number[]): CSSProperties {
  const side = Math.max(fw!, fh!);
  const pct = (v: number) => `${(100 * v) / side}%`;
  return { left: pct((side - fw!) / 2 + x!), top: pct((side - fh!) / 2 + y!), width: pct(w!), height: pct(h!) };
}

type Outline = { box: number[]; frame: number[] } | null;

function SideBySide({ uploaded, known, region, inset }: { uploaded: number | null; known: number | null; region?: Outline; inset?: Outline }) {
  const { settings } = useSession();
  const [revealed, setRevealed] = useState(false);
  return (
    <div className="side-by-side" style={thumbStyle(settings.blur, settings.greyscale)} data-testid="side-by-side">
      <figure>
        <div className="thumb-box region-host">
          <Thumb mediaId={uploaded} revealed={revealed} label="uploaded item" />
          {inset && <div className="region-box" style={regionStyle(inset.box, inset.frame)} data-testid="inset-region" aria-hidden="true" />}
        </div>
        <figcaption>Uploaded{inset ? ': outlined, where the known picture sits in it' : ''}</figcaption>
      </figure>
      <figure>
        <div className="thumb-box region-host">
          <Thumb mediaId={known} revealed={revealed} label="known item" />
          {region && <div className="region-box" style={regionStyle(region.box, region.frame)} data-testid="partial-region" aria-hidden="true" />}
        </div>
        <figcaption>
          Known{known ? ` #${known}` : ''}
          {region ? ': outlined, the part found in the upload' : ''}
        </figcaption>
      </figure>
      <button type="button" className="small" aria-pressed={revealed} onClick={() => setRevealed(!revealed)}>
        {revealed ? 'Veil both' : 'Reveal both'}
      </button>
    </div>
  );
}

function Details({ it }: { it: TriageItem }) {
  const k = it.known;
  return (
    <aside className="panel side" aria-label="Selected item" data-testid="item-details">
      <h2 className="path h3">{it.path}</h2>
      <p>
        <Badge kind={kindOf(it)}>{RESULT_LABEL[kindOf(it)] ?? kindOf(it)}</Badge>
        {isDuplicate(it) && <Badge kind="dup">duplicate in this seizure</Badge>}
      </p>
      {it.error && (
        <p className="error" data-testid="item-error">
          {errorWords(it)}
        </p>
      )}
      {it.note && <p className="muted">{it.note}</p>}
      {k?.restricted === false && (
        <SideBySide
          uploaded={it.mediaId}
          known={k.matchedMediaId}
          region={k.partial?.region && k.partial.regionFrame ? { box: k.partial.region, frame: k.partial.regionFrame } : null}
          inset={k.inset ?? null}
        />
      )}
      <dl className="facts">
        {cameraOf(it) && (
          <>
            <dt>Camera</dt>
            <dd data-testid="camera">{cameraOf(it)}</dd>
          </>
        )}
        {k?.restricted === true && (
          <>
            <dt>Known to</dt>
            <dd data-testid="redaction">{k.message}</dd>
          </>
        )}
        {k?.restricted === false && (
          <>
            {it.result === 'known_near' && (
              <>
                <dt>Distance</dt>
                <dd data-testid="distance">{k.video ? `${k.video.queryMatchPct} % of the frames match` : distanceWords(k.distance, k.stage)}</dd>
                <dt>Transform</dt>
                <dd data-testid="transform">
                  {transformWords(k.stage, k.variant, Boolean(k.inset))}
                  {k.foundInVideo ? `, found inside a video at ${k.foundInVideo.timestampS} s` : ''}
                </dd>
                {k.partial && (
                  <>
                    <dt>Evidence</dt>
                    <dd data-testid="partial-why">{k.partial.why}</dd>
                  </>
                )}
              </>
            )}
            {it.result === 'known_exact' && (
              <>
                <dt>Match</dt>
                <dd data-testid="distance">identical file (same SHA-256)</dd>
              </>
            )}
            <dt>Series</dt>
            <dd data-testid="series">
              {k.series ? (
                <Link to={`/series/${k.series.id}`}>
                  {k.series.number} · {k.series.name}
                </Link>
              ) : (
                'none'
              )}
            </dd>
            <dt>Victim</dt>
            <dd data-testid="victim-status">{yesNo(k.victimIdentified, 'victim')}</dd>
            <dt>Offender</dt>
            <dd>{yesNo(k.offenderIdentified, 'offender')}</dd>
            <dt>Owner</dt>
            <dd data-testid="owner">{k.ownerCountry ?? '—'}</dd>
            {k.matchedMediaId && (
              <>
                <dt>Known medium</dt>
                <dd>
                  <Link to={`/media/${k.matchedMediaId}`}>#{k.matchedMediaId}</Link>
                </dd>
              </>
            )}
          </>
        )}
        <dt>SHA-256</dt>
        <dd className="mono">{it.sha256 ?? '—'}</dd>
        <dt>MD5</dt>
        <dd className="mono">{it.md5 ?? '—'}</dd>
      </dl>
      {k?.restricted === false && k.otherMatches.length > 0 && (
        <section data-testid="other-matches">
          <h3>Also matches</h3>
          <ul className="plain">
            {k.otherMatches.map((o, i) => (
              <li key={i}>
                {o.restricted ? (
                  o.message
                ) : (
                  <>
                    <Link to={`/media/${o.matchedMediaId}`}>#{o.matchedMediaId}</Link> ({o.ownerCountry}) · {distanceWords(o.distance, o.stage)} ·{' '}
                    {o.series ? <Link to={`/series/${o.series.id}`}>{o.series.number}</Link> : 'no series'}
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {it.mediaId && (
        <p>
          <Link to={`/media/${it.mediaId}`}>Open this item</Link> <span className="muted small">(or press o in the grid)</span>
        </p>
      )}
      {it.result === 'new' && it.mediaId && <AssignToSeries key={it.itemId} mediaIds={[it.mediaId]} label="this item" />}
    </aside>
  );
}

const csvQuote = (v: unknown) => {
  const s = v == null ? '' : String(v);
  const t = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
};
function downloadCsv(items: TriageItem[], name: string) {
  const head = ['item_id', 'path', 'result', 'media_id', 'matched_media_id', 'distance', 'series', 'restricted', 'owner_country', 'duplicate_note'];
  const rows = items.map((it) => {
    const k = it.known;
    return [
      it.itemId,
      it.path,
      kindOf(it),
      it.mediaId,
      k && !k.restricted ? k.matchedMediaId : '',
      k && !k.restricted ? k.distance : '',
      k && !k.restricted ? k.series?.number : '',
      k ? (k.restricted ? 'yes' : 'no') : '',
      k?.ownerCountry ?? '',
      it.note ?? '',
    ];
  });
  const blob = new Blob([[head, ...rows].map((r) => r.map(csvQuote).join(',')).join('\n') + '\n'], { type: 'text/csv' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 5000);
}

function BulkBar({ items, onDone }: { items: TriageItem[]; onDone(): void }) {
  const [category, setCategory] = useState('');
  const [message, setMessage] = useState<string>();
  // The media pages (their votes) and this grid's badges refresh after categorising.
  const act = useAction('/api/v1/media', '/api/v1/seizures');
  const media = items.filter((it) => it.mediaId).map((it) => it.mediaId!);
  const categorise = () =>
    act.run(async () => {
      for (const id of media) await put(`/api/v1/media/${id}/category`, { category: Number(category) });
      setMessage(`${media.length} item${media.length === 1 ? '' : 's'} categorised as ${VICS[Number(category)]}`);
    });
  return (
    <section className="panel bulk" aria-label="Selected items" data-testid="bulk">
      <div className="row wrap">
        <strong>{items.length} selected</strong>
        <label className="inline">
          Category
          <select value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">choose…</option>
            {Object.entries(VICS).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <button onClick={() => void categorise()} disabled={act.busy || !category || !media.length}>
          Categorise
        </button>
        <button onClick={() => downloadCsv(items, 'selected-items.csv')}>Export the selection (CSV)</button>
        <button className="link" onClick={onDone}>
          Clear the selection
        </button>
      </div>
      <ActionError error={act.error} />
      {message && (
        <p className="ok" role="status">
          {message}
        </p>
      )}
      <AssignToSeries key={media.join(',')} mediaIds={media} label={`the ${media.length} selected items`} />
    </section>
  );
}

const SORTS: Record<Sort, [string, (a: TriageItem, b: TriageItem) => number]> = {
  item: ['upload order', (a, b) => a.itemId - b.itemId],
  result: ['result', (a, b) => kindOf(a).localeCompare(kindOf(b)) || a.itemId - b.itemId],
  series: ['series', (a, b) => byText(seriesOf(a), seriesOf(b)) || a.itemId - b.itemId],
  path: ['path', (a, b) => a.path.localeCompare(b.path)],
  distance: ['distance', (a, b) => distOf(a) - distOf(b) || a.itemId - b.itemId],
  camera: ['camera', (a, b) => byText(cameraOf(a), cameraOf(b)) || a.itemId - b.itemId],
};
/** Text order with the items that have none last. */
function byText(a: string | null, b: string | null): number {
  return a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b);
}
/** "Canon EOS 5D" from make "Canon" and model "Canon EOS 5D" (models often repeat the make). */
export function cameraOf(it: TriageItem): string | null {
  const make = it.camera?.make?.trim() ?? '';
  const model = it.camera?.model?.trim() ?? '';
  if (!make && !model) return null;
  return model.toLowerCase().startsWith(make.toLowerCase()) ? model || make : `${make} ${model}`.trim();
}
const folderOf = (it: TriageItem) => (it.path.includes('/') ? it.path.slice(0, it.path.lastIndexOf('/')) : null);
/** Group headings (null: the group of items without one, shown last under `none`); a group sorts its items by the chosen sort. */
const GROUPS: Record<Group, [label: string, of: (it: TriageItem) => string | null, none: string]> = {
  result: ['result', (it) => RESULT_LABEL[kindOf(it)] ?? kindOf(it), ''],
  series: ['series', (it) => (it.known && !it.known.restricted && it.known.series ? `${it.known.series.number} · ${it.known.series.name}` : null), 'no series'],
  folder: ['folder', folderOf, 'top folder'],
  camera: ['camera', cameraOf, 'no camera recorded'],
};
function seriesOf(it: TriageItem) {
  return it.known && !it.known.restricted ? (it.known.series?.number ?? null) : null;
}
function distOf(it: TriageItem) {
  return it.known && !it.known.restricted ? (it.result === 'known_exact' ? -1 : it.known.distance) : 999;
}

export function TriagePage({ id }: { id: number }) {
  const { query } = useLocation();
  const setQuery = useSetQuery();
  const filter = (query.get('filter') ?? 'all') as Filter;
  const sort = (query.get('sort') ?? 'item') as Sort;
  const groupBy = (GROUPS[query.get('group') as Group] ? query.get('group') : null) as Group | null;
  const after = Number(query.get('after') ?? 0) || undefined;
  const selectedId = query.get('item');
  const [checked, setChecked] = useState<Set<string>>(new Set());
  // Poll while the server is still hashing and matching.
  const seizure = useGet<Seizure>(`/api/v1/seizures/${id}`, undefined, { refetchInterval: (s) => (s && s.status !== 'complete' ? 1500 : false) });
  const busy = seizure.data && seizure.data.status !== 'complete';
  const serverFilter =
    filter === 'known_exact' || filter === 'known_near' || filter === 'new' ? { result: filter } : filter === 'error' ? { status: 'error' } : {};
  const items = useGet<{ items: TriageItem[]; nextAfterId: number | null }>(
    `/api/v1/seizures/${id}/triage`,
    { ...serverFilter, afterId: after, limit: PAGE },
    { refetchInterval: busy ? 1500 : false },
  );
  // The list's last poll can come before the seizure's last item was recorded (polling stops at "complete"):
  // refetch it whenever the seizure's status or counts change.
  const progressKey = seizure.data ? JSON.stringify([seizure.data.status, seizure.data.counts]) : null;
  const reloadItems = items.reload;
  const seenProgress = useRef<string | null>(null);
  useEffect(() => {
    if (progressKey === null) return;
    if (seenProgress.current !== null && seenProgress.current !== progressKey) reloadItems();
    seenProgress.current = progressKey;
  }, [progressKey, reloadItems]);

  const list = useMemo(() => {
    const all = items.data?.items ?? [];
    const shown = filter === 'duplicate' ? all.filter(isDuplicate) : filter === 'restricted' ? all.filter(isRestricted) : all;
    const bySort = (SORTS[sort] ?? SORTS.item)[1];
    const key = groupBy ? GROUPS[groupBy][1] : null;
    return [...shown].sort((a, b) => (key ? byText(key(a), key(b)) : 0) || bySort(a, b));
  }, [items.data, filter, sort, groupBy]);
  const selected = list.find((it) => String(it.itemId) === selectedId) ?? null;
  const grid: GridItem[] = list.map((it) => ({
    key: String(it.itemId),
    mediaId: it.mediaId,
    label: it.path,
    kind: kindOf(it),
    group: groupBy ? (GROUPS[groupBy][1](it) ?? GROUPS[groupBy][2]) : undefined,
    placeholder:
      it.status === 'error'
        ? errorWords(it)
        : it.mediaId
          ? undefined
          : it.status === 'pending' || it.status === 'processing'
            ? 'processing…'
            : it.known?.restricted
              ? 'restricted'
              : 'hash only',
    badges: (
      <>
        <Badge kind={kindOf(it)}>{RESULT_LABEL[kindOf(it)] ?? kindOf(it)}</Badge>
        {it.known?.restricted === false && it.result === 'known_near' && <Badge kind="muted">{it.known.distance} bits</Badge>}
        {it.known?.restricted === true && <Badge kind="restricted">restricted · {it.known.ownerCountry}</Badge>}
        {isDuplicate(it) && <Badge kind="dup">duplicate</Badge>}
        {it.known?.restricted === false && it.known.series && <Badge kind="muted">{it.known.series.number}</Badge>}
        {it.known?.restricted === false && it.known.victimIdentified && <Badge kind="ok">victim identified</Badge>}
        {groupBy !== 'camera' && cameraOf(it) && <Badge kind="muted">{cameraOf(it)}</Badge>}
      </>
    ),
  }));
  const go = (patch: Record<string, string | number | null>) => setQuery(patch, { push: true });
  const checkedItems = list.filter((it) => checked.has(String(it.itemId)));

  return (
    <Loader state={seizure}>
      {(s) => (
        <div>
          <p className="muted">
            <Link to={`/cases/${s.caseId}`}>← case</Link>
          </p>
          <div className="row spread">
            <h1>Triage · {s.label}</h1>
            <span className="row">
              <Badge kind={s.status}>{s.status === 'complete' ? 'processed' : s.status}</Badge>{' '}
              {s.status !== 'complete' && <progress max={100} value={s.progress} aria-label="processing" />}
              {!s.hashOnly && (
                <Link to={`/cases/${s.caseId}/upload?seizure=${s.id}`} className="button" data-testid="add-files">
                  Add or resume files
                </Link>
              )}
              <a className="button" href={`/api/v1/seizures/${s.id}/triage?format=csv&all=true`} download data-testid="export-csv">
                Export all (CSV)
              </a>
            </span>
          </div>
          <div className="tabs filters" role="group" aria-label="Filter by result">
            {(
              [
                ['all', 'All', s.counts.items],
                ['known_exact', 'Known exact', s.counts.knownExact],
                ['known_near', 'Known near', s.counts.knownNear],
                ['new', 'New', s.counts.new],
                ['error', 'Errors', s.counts.error],
                ['duplicate', 'Duplicates in this seizure', s.counts.duplicates],
                ['restricted', 'Restricted', null],
              ] as Array<[Filter, string, number | null]>
            ).map(([f, label, n]) => (
              <button
                key={f}
                aria-pressed={filter === f}
                data-testid={`filter-${f}`}
                className={`filter-${f}`}
                onClick={() => go({ filter: f === 'all' ? null : f, after: null, item: null })}
              >
                {label} {n != null && <span className="count">{n}</span>}
              </button>
            ))}
          </div>
          <div className="row wrap toolbar">
            <label className="inline">
              Sort by
              <select value={sort} onChange={(e) => go({ sort: e.target.value === 'item' ? null : e.target.value })} data-testid="sort">
                {Object.entries(SORTS).map(([k, [l]]) => (
                  <option key={k} value={k}>
                    {l}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline">
              Group by
              <select value={groupBy ?? ''} onChange={(e) => go({ group: e.target.value || null })} data-testid="group">
                <option value="">no grouping</option>
                {Object.entries(GROUPS).map(([k, [l]]) => (
                  <option key={k} value={k}>
                    {l}
                  </option>
                ))}
              </select>
            </label>
            <span className="muted small" data-testid="page-info">
              {list.length} item{list.length === 1 ? '' : 's'} on this page{after ? ` (after item ${after})` : ''}
              {filter === 'duplicate' || filter === 'restricted' ? ', filtered within the page' : ''}
            </span>
            {after && <button onClick={() => history.back()}>Previous page</button>}
            {items.data?.nextAfterId && (
              <button data-testid="next-page" onClick={() => go({ after: items.data!.nextAfterId, item: null })}>
                Next page
              </button>
            )}
            <button onClick={() => setChecked(new Set(list.map((it) => String(it.itemId))))} disabled={!list.length}>
              Select all on this page
            </button>
          </div>
          {items.error ? <ErrorPanel error={items.error} /> : null}
          {checkedItems.length > 0 && <BulkBar items={checkedItems} onDone={() => setChecked(new Set())} />}
          {checkedItems.length === 0 && filter === 'new' && s.status === 'complete' && (
            <AssignToSeries
              key={`all-${list.length}`}
              mediaIds={list.filter((it) => it.result === 'new' && it.mediaId).map((it) => it.mediaId!)}
              label={`the ${list.length} new items`}
            />
          )}
          <div className="grid-with-side">
            <MediaGrid
              items={grid}
              selected={selected ? String(selected.itemId) : null}
              emptyText="No item with this result."
              checked={checked}
              onCheck={(key, on) =>
                setChecked((c) => {
                  const n = new Set(c);
                  if (on) n.add(key);
                  else n.delete(key);
                  return n;
                })
              }
              onSelect={(g) => setQuery({ item: g.key })}
              onOpen={(g) => {
                const it = list.find((x) => String(x.itemId) === g.key);
                if (it?.mediaId) navigate(`/media/${it.mediaId}`);
              }}
            />
            {selected && <Details key={selected.itemId} it={selected} />}
          </div>
        </div>
      )}
    </Loader>
  );
}
