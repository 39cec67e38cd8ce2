// Thumbnail grid with wellness defaults: every thumbnail is blurred and greyscale (per-user strength) until the
// investigator reveals it (click the eye, or Enter/space). Arrow keys move focus, Enter/space reveals, o opens.
// Only thumbnails are loaded here; the full image is fetched only on the media page, when the user opens it.
import { useCallback, useEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import { useSession } from '../session.js';

export interface GridItem {
  key: string;
  mediaId: number | null;
  label: string;
  badges?: ReactNode;
  /** Text shown instead of a thumbnail (errors, hash-only items, redacted media). */
  placeholder?: string;
  kind?: string;
  /** Items of one group (consecutive in `items`) are shown under its name, e.g. the camera that took them. */
  group?: string;
}

export function thumbStyle(blur: number, greyscale: boolean): CSSProperties {
  return { ['--thumb-blur' as string]: `${blur}px`, ['--thumb-grey' as string]: greyscale ? '1' : '0' };
}

export function Thumb({
  mediaId,
  revealed,
  label,
  placeholder,
  onFailed,
}: {
  mediaId: number | null;
  revealed: boolean;
  label: string;
  placeholder?: string;
  onFailed?(): void;
}) {
  const [failed, setFailed] = useState(false);
  if (mediaId == null || placeholder || failed) {
    return (
      <div className="thumb-placeholder" aria-label={label}>
        {placeholder ?? (failed ? 'no thumbnail' : 'no image')}
      </div>
    );
  }
  return (
    <img
      className={revealed ? 'thumb-img revealed' : 'thumb-img veiled'}
      data-revealed={revealed ? 'true' : 'false'}
      src={`/api/v1/media/${mediaId}/thumbnail`}
      alt={label}
      loading="lazy"
      draggable={false}
      onError={() => {
        setFailed(true);
        onFailed?.();
      }}
    />
  );
}

export function MediaGrid({
  items,
  selected,
  onSelect,
  onOpen,
  checked,
  onCheck,
  emptyText = 'Nothing to show.',
}: {
  items: GridItem[];
  selected?: string | null;
  onSelect?(item: GridItem): void;
  onOpen?(item: GridItem): void;
  emptyText?: string;
  /** Multi-selection for bulk actions: a checkbox per cell (x toggles it from the keyboard). */
  checked?: Set<string>;
  onCheck?(key: string, on: boolean): void;
}) {
  const { settings } = useSession();
  const [revealed, setRevealed] = useState<Set<string>>(new Set());
  const [noThumb, setNoThumb] = useState<Set<string>>(new Set()); // hash-only media have no picture to reveal
  const [focus, setFocus] = useState(0);
  const cells = useRef<Array<HTMLDivElement | null>>([]);
  const gridRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focus >= items.length) setFocus(Math.max(0, items.length - 1));
  }, [items.length, focus]);

  const toggle = useCallback(
    (key: string) =>
      setRevealed((r) => {
        const next = new Set(r);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return next;
      }),
    [],
  );

  // Columns come from the layout (CSS grid auto-fill), so arrow-down works at any window width.
  const columns = () => {
    const tracks = gridRef.current ? getComputedStyle(gridRef.current).gridTemplateColumns.split(' ').filter(Boolean).length : 1;
    return Math.max(1, tracks);
  };

  const moveTo = (i: number) => {
    const j = Math.max(0, Math.min(items.length - 1, i));
    setFocus(j);
    cells.current[j]?.focus();
    const item = items[j];
    if (item) onSelect?.(item);
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>, i: number) => {
    const item = items[i]!;
    const keys: Record<string, () => void> = {
      ArrowRight: () => moveTo(i + 1),
      ArrowLeft: () => moveTo(i - 1),
      ArrowDown: () => moveTo(i + columns()),
      ArrowUp: () => moveTo(i - columns()),
      Home: () => moveTo(0),
      End: () => moveTo(items.length - 1),
      Enter: () => toggle(item.key),
      ' ': () => toggle(item.key),
      o: () => onOpen?.(item),
      O: () => onOpen?.(item),
      x: () => onCheck?.(item.key, !checked?.has(item.key)),
    };
    const fn = keys[e.key];
    if (fn && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      fn();
    }
  };

  if (items.length === 0) return <p className="muted">{emptyText}</p>;
  return (
    <div className="media-grid" role="grid" aria-label="Media" ref={gridRef} style={thumbStyle(settings.blur, settings.greyscale)} aria-describedby="grid-help">
      <p id="grid-help" className="sr-only">
        Arrow keys move between items; Enter or space reveals the image; o opens it{onCheck ? '; x selects it for bulk actions' : ''}.
      </p>
      {/* One row per group (one row holding every cell when not grouped): the layout wraps it, the grid roles stay
          valid (grid > row > rowheader, gridcell). */}
      {groupsOf(items).map((g) => (
        <div role="row" className="grid-row" key={g.start} aria-label={g.name ?? undefined} data-testid={g.name === null ? undefined : 'grid-group'}>
          {g.name !== null && (
            <div role="rowheader" className="grid-group-head">
              {g.name} <span className="muted">· {g.count}</span>
            </div>
          )}
          {items.slice(g.start, g.start + g.count).map((item, k) => {
            const i = g.start + k;
            const isRevealed = revealed.has(item.key);
            return (
              <div
                key={item.key}
                role="gridcell"
                tabIndex={i === focus ? 0 : -1}
                ref={(el) => {
                  cells.current[i] = el;
                }}
                className={`cell ${item.kind ? `cell-${item.kind}` : ''} ${selected === item.key ? 'selected' : ''}`}
                data-testid="grid-cell"
                data-key={item.key}
                data-kind={item.kind}
                aria-selected={selected === item.key}
                onKeyDown={(e) => onKey(e, i)}
                onFocus={() => setFocus(i)}
                onClick={() => {
                  setFocus(i);
                  onSelect?.(item);
                }}
                onDoubleClick={() => onOpen?.(item)}
              >
                <div className="thumb-box">
                  <Thumb
                    mediaId={item.mediaId}
                    revealed={isRevealed}
                    label={item.label}
                    placeholder={item.placeholder}
                    onFailed={() => setNoThumb((n) => new Set(n).add(item.key))}
                  />
                  {item.mediaId != null && !item.placeholder && !noThumb.has(item.key) && (
                    <button
                      type="button"
                      className="reveal"
                      tabIndex={-1}
                      aria-pressed={isRevealed}
                      data-testid="reveal"
                      title={isRevealed ? 'Hide (Enter)' : 'Reveal (Enter)'}
                      onClick={(e) => {
                        e.stopPropagation();
                        toggle(item.key);
                      }}
                    >
                      {isRevealed ? 'Hide' : 'Reveal'}
                    </button>
                  )}
                </div>
                <div className="cell-label" title={item.label}>
                  {item.label}
                </div>
                {item.badges && <div className="cell-badges">{item.badges}</div>}
                {onCheck && (
                  <label className="cell-check" onClick={(e) => e.stopPropagation()}>
                    <input
                      type="checkbox"
                      tabIndex={-1}
                      checked={!!checked?.has(item.key)}
                      onChange={(e) => onCheck(item.key, e.target.checked)}
                      data-testid="cell-check"
                    />
                    <span className="sr-only">select {item.label}</span>
                  </label>
                )}
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}

/** Consecutive runs of the same group; one run without a name when no item has a group. */
function groupsOf(items: GridItem[]): Array<{ name: string | null; start: number; count: number }> {
  if (!items.some((it) => it.group !== undefined)) return [{ name: null, start: 0, count: items.length }];
  const out: Array<{ name: string | null; start: number; count: number }> = [];
  items.forEach((it, i) => {
    const name = it.group ?? '';
    const last = out.at(-1);
    if (last && last.name === name) last.count++;
    else out.push({ name, start: i, count: 1 });
  });
  return out;
}
