// Personal wellness settings: blur strength, greyscale, muted videos (PATCH /auth/me/settings), with a live preview.
import { useState } from 'react';
import { patch } from '../api.js';
import { useSession, type WellnessSettings } from '../session.js';
import { ActionError } from '../components/common.js';
import { useAction } from '../query.js';
import { thumbStyle } from '../components/MediaGrid.js';

export function SettingsPage() {
  const { me, settings, setMe } = useSession();
  const [draft, setDraft] = useState<WellnessSettings>(settings);
  const [saved, setSaved] = useState(false);
  const act = useAction();
  const save = () =>
    act.run(async () => {
      const r = await patch<{ settings: WellnessSettings }>('/api/v1/auth/me/settings', draft);
      setMe({ ...me, settings: r.settings });
      setSaved(true);
    });
  return (
    <section className="panel narrow">
      <h1>Settings</h1>
      <h2>Wellness</h2>
      <p className="muted">Images are veiled until you reveal them one at a time. Choose how strongly.</p>
      <label>
        Blur strength: <output data-testid="blur-value">{draft.blur}</output> px
        <input
          type="range"
          name="blur"
          aria-label="Blur strength"
          min={0}
          max={50}
          value={draft.blur}
          onChange={(e) => {
            setSaved(false);
            setDraft({ ...draft, blur: Number(e.target.value) });
          }}
        />
      </label>
      <label className="inline">
        <input
          type="checkbox"
          name="greyscale"
          checked={draft.greyscale}
          onChange={(e) => {
            setSaved(false);
            setDraft({ ...draft, greyscale: e.target.checked });
          }}
        />{' '}
        Show images in greyscale until revealed
      </label>
      <label className="inline">
        <input
          type="checkbox"
          name="muteVideos"
          checked={draft.muteVideos}
          onChange={(e) => {
            setSaved(false);
            setDraft({ ...draft, muteVideos: e.target.checked });
          }}
        />{' '}
        Mute videos
      </label>
      <div className="preview" style={thumbStyle(draft.blur, draft.greyscale)} aria-label="Preview">
        <div className="swatch thumb-img veiled" />
        <span className="muted">Preview of a veiled thumbnail</span>
      </div>
      <ActionError error={act.error} />
      <div className="row">
        <button className="primary" onClick={() => void save()} disabled={act.busy}>
          Save
        </button>
        {saved && (
          <span className="ok" role="status">
            Saved.
          </span>
        )}
      </div>
      <h2>Account</h2>
      <dl className="facts">
        <dt>Email</dt>
        <dd>{me.email}</dd>
        <dt>Certified until</dt>
        <dd>{me.certifiedUntil ?? '—'}</dd>
        <dt>Second factor</dt>
        <dd>{me.totpEnabled ? 'authenticator app enrolled' : 'not enrolled'}</dd>
        <dt>National central bureau</dt>
        <dd>{me.ncbName ?? '—'}</dd>
      </dl>
    </section>
  );
}
