// Victims, offenders and places of a series, with forms to add them (owning agency).
import { useState, type FormEvent } from 'react';
import { post } from '../api.js';
import { Link } from '../router.js';
import { ActionError, Badge, Loader, fmtDate } from '../components/common.js';
import { useAction, useGet } from '../query.js';
import type { Entity, Series } from '../types.js';

type Kind = 'victims' | 'offenders' | 'places';

function AddEntity({ seriesId, kind }: { seriesId: number; kind: Kind }) {
  const [text, setText] = useState('');
  // The list and the series' counts refresh (both under /series/{id}).
  const act = useAction(`/api/v1/series/${seriesId}`);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act.run(async () => {
      await post(`/api/v1/series/${seriesId}/${kind}`, kind === 'places' ? { description: text } : { label: text });
      setText('');
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

function EntityList({ series, kind }: { series: Series; kind: Kind }) {
  const list = useGet<{ items: Entity[] }>(`/api/v1/series/${series.id}/${kind}`, { limit: 500 });
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
      <AddEntity seriesId={series.id} kind={kind} />
    </section>
  );
}

export function EntityLists({ series }: { series: Series }) {
  return (
    <div className="cards three">
      <EntityList series={series} kind="victims" />
      <EntityList series={series} kind="offenders" />
      <EntityList series={series} kind="places" />
    </div>
  );
}
