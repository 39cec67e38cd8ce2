// Categorisation votes of a medium (VICS US) and the consensus; analysts and investigators vote.
import { api } from '../api.js';
import { useSession } from '../session.js';
import { ActionError, Loader } from './common.js';
import { useAction, useGet } from '../query.js';
import { VICS, type Votes } from '../types.js';

export function VotePanel({ mediaId }: { mediaId: number }) {
  const { me } = useSession();
  const votes = useGet<Votes>(`/api/v1/media/${mediaId}/category`);
  // The vote's answer replaces the cached tally; grids showing the category refresh.
  const act = useAction('/api/v1/seizures', '/api/v1/series');
  const canVote = me.role === 'analyst' || me.role === 'investigator';
  const vote = (category: number | null) => act.run(async () => votes.setData(await api<Votes>('PUT', `/api/v1/media/${mediaId}/category`, { category })));
  return (
    <div className="votes" data-testid="votes">
      <h4>Categorisation</h4>
      <Loader state={votes}>
        {(v) => (
          <>
            <p>
              Consensus: <strong>{v.consensusLabel ?? 'pending'}</strong>
            </p>
            <ul className="plain small">
              {v.votes.map((x, i) => (
                <li key={i}>
                  {VICS[x.category]} · {x.analyst ?? x.country}
                  {x.mine ? ' (me)' : ''}
                </li>
              ))}
            </ul>
            {canVote && (
              <div className="row wrap">
                {Object.entries(VICS).map(([k, label]) => (
                  <button
                    key={k}
                    className={v.myVote === Number(k) ? 'primary small' : 'small'}
                    aria-pressed={v.myVote === Number(k)}
                    disabled={act.busy}
                    onClick={() => void vote(Number(k))}
                  >
                    {label}
                  </button>
                ))}
                {v.myVote != null && (
                  <button className="small" onClick={() => void vote(null)}>
                    withdraw
                  </button>
                )}
              </div>
            )}
            <p className="muted small">{v.rule}</p>
          </>
        )}
      </Loader>
      <ActionError error={act.error} />
    </div>
  );
}
