// A victim and the identification workflow: mark identified (by which country, when), then rescued.
import { useState } from 'react';
import { patch, post } from '../api.js';
import { Link, navigate } from '../router.js';
import { useSession } from '../session.js';
import { ActionError, Loader, today } from '../components/common.js';
import { useAction, useGet } from '../query.js';
import { useCountries } from '../components/Distribution.js';
import { MediaGrid } from '../components/MediaGrid.js';
import { Comments } from '../components/Comments.js';
import { PersonStatus } from './SeriesEntities.js';
import type { Entity } from '../types.js';
import { VictimNotices } from './Notices.js';
import { useConfirm } from '../components/Confirm.js';

function Identify({ v, onDone }: { v: Entity; onDone(v: Entity): void }) {
  const { me } = useSession();
  const countries = useCountries();
  const isOwner = v.ownerAgencyId === me.agencyId || (me.role === 'ncb_officer' && v.ownerCountry === me.countryCode);
  const [country, setCountry] = useState(me.countryCode);
  const [date, setDate] = useState(today());
  // The victim (refetched after the answer is shown) and the counts of its series.
  const act = useAction(`/api/v1/victims/${v.id}`, `/api/v1/series/${v.seriesId}`);
  const { confirm, dialog } = useConfirm();
  if (v.rescued) return null;
  if (v.identified) {
    return (
      <div className="panel">
        <h3>Rescue</h3>
        <p className="muted">Reported by the identifying country ({v.identifiedByCountry}) or the owner.</p>
        <div className="row">
          <label className="inline">
            Rescued on
            <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </label>
          <button
            className="primary"
            disabled={act.busy}
            onClick={() => void act.run(async () => onDone(await post<Entity>(`/api/v1/victims/${v.id}/rescue`, { date })))}
          >
            Mark rescued
          </button>
          {isOwner && (
            <button
              disabled={act.busy}
              onClick={() =>
                void (async () => {
                  if (
                    !(await confirm({
                      title: `Withdraw the identification of ${v.label ?? 'this victim'}?`,
                      confirmLabel: 'Withdraw identification',
                      danger: true,
                      body: (
                        <p>
                          The victim will show as not identified to every country that sees this series. The identifying country ({v.identifiedByCountry}) keeps
                          its record in the audit log.
                        </p>
                      ),
                    }))
                  )
                    return;
                  await act.run(async () => onDone(await patch<Entity>(`/api/v1/victims/${v.id}`, { identified: false })));
                })()
              }
            >
              Withdraw identification
            </button>
          )}
          {dialog}
        </div>
        <ActionError error={act.error} />
      </div>
    );
  }
  return (
    <div className="panel">
      <h3>Identification</h3>
      <p className="muted">Report that this victim has been identified. The owning agency is notified.</p>
      <div className="row">
        <label className="inline">
          By
          <select value={country} disabled={!isOwner} onChange={(e) => setCountry(e.target.value)} aria-label="Identifying country">
            {(countries.data ?? [{ code: me.countryCode, name: me.countryName ?? me.countryCode }]).map((c) => (
              <option key={c.code} value={c.code}>
                {c.name} ({c.code})
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          On
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} aria-label="Identification date" />
        </label>
        <button
          className="primary"
          disabled={act.busy}
          onClick={() => void act.run(async () => onDone(await post<Entity>(`/api/v1/victims/${v.id}/identify`, { country, date })))}
        >
          Mark identified
        </button>
      </div>
      <ActionError error={act.error} />
    </div>
  );
}

export function VictimPage({ id }: { id: number }) {
  const victim = useGet<Entity>(`/api/v1/victims/${id}`);
  return (
    <Loader state={victim}>
      {(v) => (
        <div>
          <p className="muted">
            <Link to={`/series/${v.seriesId}`}>← series</Link>
          </p>
          <h1 data-testid="victim-title">{v.label}</h1>
          <p data-testid="victim-status">
            <PersonStatus e={v} />
          </p>
          <dl className="facts inline-facts">
            <dt>Owner</dt>
            <dd>{v.ownerCountry}</dd>
            <dt>Shared</dt>
            <dd>{v.distribution}</dd>
          </dl>
          {v.notes && <p>{v.notes}</p>}
          <Identify
            v={v}
            onDone={(nv) => {
              victim.setData({ ...v, ...nv });
            }}
          />
          <h2>Linked media</h2>
          <MediaGrid
            items={(v.mediaIds ?? []).map((m) => ({ key: String(m), mediaId: m, label: `#${m}` }))}
            onOpen={(it) => navigate(`/media/${it.key}`)}
            emptyText="No medium linked."
          />
          <VictimNotices victimId={id} />
          <Comments targetType="victim" targetId={id} />
        </div>
      )}
    </Loader>
  );
}
