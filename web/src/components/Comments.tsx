// Comment thread on a series, victim or medium: visible to whoever may see the target.
import { type FormEvent } from 'react';
import { post } from '../api.js';
import { ActionError, ErrorPanel, fmtDateTime, useDraft } from './common.js';
import { useAction, useGet } from '../query.js';
import type { paths } from '../api-types.js';

type CommentList = paths['/api/v1/comments']['get']['responses'][200]['content']['application/json'];
export type Comment = CommentList['comments'][number];
type Target = 'series' | 'victim' | 'media';

export function Comments({ targetType, targetId }: { targetType: Target; targetId: number }) {
  const list = useGet<CommentList>('/api/v1/comments', { targetType, targetId, limit: 500 });
  const [body, setBody, clearBody] = useDraft(`comment:${targetType}:${targetId}`);
  const act = useAction('/api/v1/comments');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act.run(async () => {
      await post('/api/v1/comments', { targetType, targetId, body });
      clearBody();
    });
  };
  return (
    <section className="panel comments" data-testid="comments">
      <h2>Comments</h2>
      {list.error ? <ErrorPanel error={list.error} /> : null}
      <ol className="plain thread">
        {(list.data?.comments ?? []).map((c) => (
          <li key={c.id} className="comment">
            <div className="meta">
              {c.author} ({c.authorCountry}){c.mine ? ' · me' : ''} · {fmtDateTime(c.createdAt)}
            </div>
            <div className="body">{c.body}</div>
          </li>
        ))}
      </ol>
      {list.data && list.data.comments.length === 0 && <p className="muted">No comment yet.</p>}
      <form onSubmit={submit} aria-label="Add a comment">
        <textarea
          name="comment"
          required
          maxLength={10000}
          rows={3}
          aria-label="Comment"
          placeholder="Write a comment (visible to everyone who may see this record)"
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
        <ActionError error={act.error} />
        <button className="primary" disabled={act.busy || !body.trim()}>
          Post comment
        </button>
      </form>
    </section>
  );
}
