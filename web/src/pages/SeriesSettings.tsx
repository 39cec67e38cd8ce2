// The owning agency's controls on a series: name, description, sharing, active/closed.
import { useState } from 'react';
import { patch } from '../api.js';
import { useSession } from '../session.js';
import { ActionError } from '../components/common.js';
import { useAction } from '../query.js';
import { DistributionFields, type Distribution, type DistributionKind } from '../components/Distribution.js';
import type { Series } from '../types.js';

export function SeriesSettings({ s, onSaved }: { s: Series; onSaved(s: Series): void }) {
  const { me } = useSession();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(s.name);
  const [description, setDescription] = useState(s.description);
  const [dist, setDist] = useState<Distribution>({ distribution: s.distribution as DistributionKind, sharedWith: s.sharedWith });
  const act = useAction();
  const owner = s.ownerAgencyId === me.agencyId || (me.role === 'ncb_officer' && s.ownerCountry === me.countryCode);
  if (!owner) return null;
  const save = (body: Record<string, unknown>) =>
    act.run(async () => {
      onSaved(await patch<Series>(`/api/v1/series/${s.id}`, body));
      setOpen(false);
    });
  return (
    <div className="row">
      <button onClick={() => void save({ status: s.status === 'active' ? 'closed' : 'active' })} disabled={act.busy}>
        {s.status === 'active' ? 'Close the series' : 'Reopen'}
      </button>
      <button onClick={() => setOpen(!open)} aria-expanded={open}>
        Edit
      </button>
      {open && (
        <div className="panel form-grid popover" role="dialog" aria-label="Edit the series">
          <label>
            Name
            <input value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            Description
            <textarea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
          </label>
          <DistributionFields value={dist} onChange={setDist} />
          <div className="row">
            <button className="primary" disabled={act.busy || !name.trim()} onClick={() => void save({ name, description, ...dist })}>
              Save
            </button>
            <button onClick={() => setOpen(false)}>Cancel</button>
          </div>
        </div>
      )}
      <ActionError error={act.error} />
    </div>
  );
}
