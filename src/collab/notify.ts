// Writing to the notification inbox, inside the caller's transaction (so an alert exists iff the change commits).
import type { Trx } from '../db/types.js';

export interface NewNotification {
  /** At least one recipient: a user, every user of an agency, or every user of a country. */
  to: { userId?: number; agencyId?: number; country?: string };
  kind: string;
  title: string;
  body?: string;
  link?: string;
  data?: Record<string, unknown>;
}

export async function notify(trx: Trx, n: NewNotification): Promise<number> {
  const row = await trx
    .insertInto('notifications')
    .values({
      recipient_user_id: n.to.userId ?? null,
      recipient_agency_id: n.to.agencyId ?? null,
      recipient_country: n.to.country ?? null,
      kind: n.kind,
      title: n.title,
      body: n.body ?? '',
      link: n.link ?? null,
      data: JSON.stringify(n.data ?? {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
