// Puts media into a series of my agency (an existing one, or a new one opened on the spot).
import { useState } from 'react';
import { post } from '../api.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { ActionError } from './common.js';
import { useAction, useGet } from '../query.js';
import type { Series } from '../types.js';
import type { paths } from '../api-types.js';

type AssignResult = paths['/api/v1/series/{id}/media']['post']['responses'][200]['content']['application/json'];

export function AssignToSeries({ mediaIds, label }: { mediaIds: number[]; label: string }) {
  const { me } = useSession();
  const active = useGet<{ series: Series[] }>('/api/v1/series', { ownerCountry: me.countryCode, status: 'active', limit: 200 });
  const mine = { ...active, data: active.data?.series.filter((s) => s.ownerAgencyId === me.agencyId) };
  const [target, setTarget] = useState('');
  const [name, setName] = useState('');
  const [done, setDone] = useState<{ series: Series; result: AssignResult }>();
  // The series lists, the triage grids and the media pages show the new membership without a reload.
  const act = useAction('/api/v1/series', '/api/v1/seizures', '/api/v1/media');
  if (mediaIds.length === 0) return null;
  const assign = () =>
    act.run(async () => {
      const series = target === 'new' ? await post<Series>('/api/v1/series', { name }) : (mine.data ?? []).find((s) => String(s.id) === target)!;
      const result = await post<AssignResult>(`/api/v1/series/${series.id}/media`, { mediaIds });
      setDone({ series, result });
    });
  return (
    <div className="assign" data-testid="assign-series">
      <div className="row wrap">
        <select value={target} onChange={(e) => setTarget(e.target.value)} aria-label={`Series for ${label}`}>
          <option value="">Add {label} to a series…</option>
          {(mine.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.number} · {s.name}
            </option>
          ))}
          <option value="new">a new series…</option>
        </select>
        {target === 'new' && (
          <input placeholder="name of the new series" value={name} onChange={(e) => setName(e.target.value)} aria-label="Name of the new series" />
        )}
        <button className="primary" disabled={act.busy || !target || (target === 'new' && !name.trim())} onClick={() => void assign()}>
          Add
        </button>
      </div>
      <ActionError error={act.error} />
      {done && (
        <p className="ok small" role="status">
          {done.result.assigned.length} added to <Link to={`/series/${done.series.id}`}>{done.series.number}</Link>
          {done.result.unchanged.length ? `, ${done.result.unchanged.length} already in it` : ''}
          {done.result.refused.length
            ? `, ${done.result.refused.length} refused (${[...new Set(done.result.refused.map((r) => r.reason.replace(/_/g, ' ')))].join(', ')})`
            : ''}
          .
        </p>
      )}
    </div>
  );
}
