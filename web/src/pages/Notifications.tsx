// Notification inbox: deconfliction alerts, comments, consultations, identifications; mark as read.
import { post } from '../api.js';
import { Link } from '../router.js';
import { ActionError, Loader, fmtDateTime } from '../components/common.js';
import { invalidate, useAction, useGet } from '../query.js';
import type { paths } from '../api-types.js';

type Inbox = paths['/api/v1/notifications']['get']['responses'][200]['content']['application/json'];
type Notification = Inbox['notifications'][number];

export function NotificationsPage() {
  const inbox = useGet<Inbox>('/api/v1/notifications', { limit: 100 });
  // Every list and count of notifications (the inbox, the header's unread count, the home page) refreshes after a change.
  const act = useAction('/api/v1/notifications');
  // Opening a notification reads it: the mark is sent before the page changes (the request outlives the page).
  const open = (n: Notification) => {
    if (n.read) return;
    void post(`/api/v1/notifications/${n.id}/read`).then(
      () => invalidate('/api/v1/notifications'),
      () => undefined,
    );
  };
  const markRead = (ids?: number[]) => act.run(() => post('/api/v1/notifications/read', ids ? { ids } : {}));
  return (
    <section>
      <div className="row spread">
        <h1>
          Inbox{' '}
          {inbox.data?.unread ? (
            <span className="badge badge-warn" data-testid="unread">
              {inbox.data.unread} unread
            </span>
          ) : null}
        </h1>
        <button onClick={() => void markRead()} disabled={act.busy}>
          Mark all as read
        </button>
      </div>
      <ActionError error={act.error} />
      <Loader state={inbox}>
        {({ notifications }) =>
          notifications.length === 0 ? (
            <p className="muted">Nothing new.</p>
          ) : (
            <ul className="plain inbox" data-testid="inbox">
              {notifications.map((n) => (
                <li key={n.id} className={n.read ? 'read' : 'unread'}>
                  <div className="row spread">
                    <strong>
                      {n.link ? (
                        <Link to={n.link} onClick={() => open(n)}>
                          {n.title}
                        </Link>
                      ) : (
                        n.title
                      )}
                    </strong>
                    <span className="muted small">
                      {n.kind.replace(/_/g, ' ')} · to {n.addressedTo === 'me' ? 'me' : `my ${n.addressedTo}`} · {fmtDateTime(n.createdAt)}
                    </span>
                  </div>
                  {n.body && <p>{n.body}</p>}
                  {!n.read && (
                    <button className="small" onClick={() => void markRead([n.id])}>
                      Mark read
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Loader>
    </section>
  );
}
