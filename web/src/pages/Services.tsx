// The police-cooperation services beside the image database, one card each.
import { Link } from '../router.js';
import { useSession } from '../session.js';

const SERVICES: Array<{ to: string; name: string; what: string; shown: (m: { role: string; isHub: boolean }) => boolean }> = [
  {
    to: '/notices',
    name: 'Notices',
    what: 'Yellow notices for missing persons, green notices warning about likely repeat offenders, diffusions to named countries.',
    shown: () => true,
  },
  {
    to: '/firearms',
    name: 'Firearms (iARMS)',
    what: 'Record lost, stolen, trafficked or smuggled firearms, search by serial number, send trace requests.',
    shown: (m) => m.role !== 'admin' || m.isHub,
  },
  {
    to: '/payments',
    name: 'Stop-payment requests (I-GRIP)',
    what: 'Ask the receiving countries to hold fraudulently sent money; follow the answers per transfer.',
    shown: () => true,
  },
  {
    to: '/blocklist',
    name: 'Domain block list',
    what: 'Propose and verify domains for the "worst of" list; NCBs download it for access providers.',
    shown: () => true,
  },
  {
    to: '/referrals',
    name: 'Referral packages',
    what: 'Incidents reported in bulk by online providers, split per country and checked against known material.',
    shown: (m) => m.isHub || m.role === 'ncb_officer' || m.role === 'analyst',
  },
];

export function ServicesPage() {
  const { me } = useSession();
  return (
    <section>
      <h1>Services</h1>
      <ul className="plain cards" data-testid="services">
        {SERVICES.filter((s) => s.shown(me)).map((s) => (
          <li key={s.to} className="panel">
            <h2>
              <Link to={s.to}>{s.name}</Link>
            </h2>
            <p className="muted">{s.what}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
