// Demo data for the police-cooperation services (demo mode only, after the demo media): a published yellow
// notice and a green diffusion, a stolen firearm recorded by Germany, a block-list entry awaiting its second
// country — so a new user finds something on each page. Goes through the services, like real users.
import type { AppContext } from '../context.js';
import { principalOf } from './media-demo.js';

export async function seedDemoServices(ctx: AppContext): Promise<void> {
  if (ctx.config.mode === 'test') return;
  if (await ctx.db.selectFrom('notices').select('id').limit(1).executeTakeFirst()) return;
  const [frNcb, deNcb, hub, de, fr] = await Promise.all(
    ['fr.ncb@demo.icse', 'de.ncb@demo.icse', 'hub.analyst@demo.icse', 'de.investigator@demo.icse', 'fr.investigator@demo.icse'].map((e) => principalOf(ctx, e)),
  );

  const notices = ctx.services.notices;
  const yellow = await notices.create(frNcb, {
    kind: 'yellow',
    subject: { forename: 'Demo', name: 'EXAMPLE', sex_id: 'F', date_of_birth: '2015', nationalities: ['FR'], place: 'Lyon', date_of_event: '2026-10-03' },
    summary: 'Demo data: a fictitious missing child, last seen near a station.',
    publicExtract: true,
    requesterConsent: true,
  });
  await notices.submit(frNcb, yellow.id);
  await notices.review(hub, yellow.id, { publish: true });
  const green = await notices.create(deNcb, {
    kind: 'green',
    channel: 'diffusion',
    recipients: ['FR', 'BR'],
    subject: { forename: 'Sample', name: 'PERSON', sex_id: 'M', date_of_birth: '1971' },
    summary: 'Demo data: a fictitious warning on a travelling offender.',
  });
  await notices.submit(deNcb, green.id);

  const firearms = ctx.services.firearms;
  const [reference] = (await firearms.listReferences(de, { limit: 1 })).references;
  if (reference)
    await firearms.createRecord(de, {
      serial: 'DEMO-0001-X',
      referenceId: reference.id,
      status: 'stolen',
      eventDate: '2026-09-14',
      place: 'Hamburg',
      notes: 'Demo data.',
    });

  await ctx.services.blocklist.propose(fr, {
    domain: 'demo-blocked.test',
    criteria: { childrenUnder13: true, severeAbuse: true },
    note: 'Demo data: awaiting a second country.',
  });
}
