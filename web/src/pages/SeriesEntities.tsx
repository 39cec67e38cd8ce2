// Victims, offenders and places of a series, with forms to add them (owning agency).
import { useState, type FormEvent } from 'react';
import { get, post } from '../api.js';
import { Link } from '../router.js';
import { ActionError, Badge, Loader, fmtDate, useAction, useApi } from '../components/common.js';
import type { Entity, Series } from '../types.js';

type Kind = 'victims' | 'offenders' | 'places';

function AddEntity({ seriesId, kind, onAdded }: { seriesId: number; kind: Kind; onAdded(): void }) {
  const [text, setText] = useState('');
  const act = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act.run(async () => {
      await post(`/api/v1/series/${seriesId}/${kind}`, kind === 'places' ? { description: text } : { label: text });
      setText('');
      onAdded();
    });
  };
  return (
    <form className="row" onSubmit={submit} aria-label={`Add to ${kind}`}>
      <input
        required
        placeholder={kind === 'places' ? 'scene description' : 'working label, e.g. Victim A'}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button disabled={act.busy}>Add</button>
      <ActionError error={act.error} />
    </form>
  );
}

export function PersonStatus({ e }: { e: Entity }) {
  if (e.rescued)
    return (
      <Badge kind="ok">
        rescued {fmtDate(e.rescuedAt)} · identified by {e.identifiedByCountry}
      </Badge>
    );
  if (e.identified)
    return (
      <Badge kind="ok">
        identified by {e.identifiedByCountry} on {fmtDate(e.identifiedAt)}
      </Badge>
    );
  return <Badge kind="warn">not identified</Badge>;
}

function EntityList({ series, kind, onChanged }: { series: Series; kind: Kind; onChanged(): void }) {
  const list = useApi(() => get<{ items: Entity[] }>(`/api/v1/series/${series.id}/${kind}`, { limit: 500 }), [series.id, kind]);
  const title = { victims: 'Victims', offenders: 'Offenders', places: 'Places' }[kind];
  return (
    <section className="panel" data-testid={`${kind}-panel`}>
      <h3>{title}</h3>
      <Loader state={list}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="muted">None recorded.</p>
          ) : (
            <ul className="plain">
              {items.map((e) => (
                <li key={e.id}>
                  {kind === 'places' ? (
                    <>
                      {e.description}
                      {e.countryGuess && <span className="muted"> · possibly {e.countryGuess}</span>}
                      {e.clues && <div className="muted small">{e.clues}</div>}
                    </>
                  ) : (
                    <>
                      {kind === 'victims' ? <Link to={`/victims/${e.id}`}>{e.label}</Link> : e.label} <PersonStatus e={e} />
                    </>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Loader>
      <AddEntity
        seriesId={series.id}
        kind={kind}
        onAdded={() => {
          list.reload();
          onChanged();
        }}
      />
    </section>
  );
}

export function EntityLists({ series, onChanged }: { series: Series; onChanged(): void }) {
  return (
    <div className="cards three">
      <EntityList series={series} kind="victims" onChanged={onChanged} />
      <EntityList series={series} kind="offenders" onChanged={onChanged} />
      <EntityList series={series} kind="places" onChanged={onChanged} />
    </div>
  );
}
