// Application shell: session bootstrap, header (who am I: country, agency, role), navigation and page routing.
import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError, get, onUnauthorised, post } from './api.js';
import { Link, match, navigate, useLocation } from './router.js';
import { CASE_ROLES, SessionContext, roleLabel, wellness, type Me, type Session } from './session.js';
import { Login } from './pages/Login.js';
import { ErrorPanel, clearDrafts } from './components/common.js';
import { queryClient, useGet } from './query.js';

// Each page is its own chunk, loaded when first visited (the sign-in page and the shell load first).
const Home = lazy(() => import('./pages/Home.js').then((m) => ({ default: m.Home })));
const CasePage = lazy(() => import('./pages/CasePage.js').then((m) => ({ default: m.CasePage })));
const UploadPage = lazy(() => import('./pages/Upload.js').then((m) => ({ default: m.UploadPage })));
const TriagePage = lazy(() => import('./pages/Triage.js').then((m) => ({ default: m.TriagePage })));
const SeriesList = lazy(() => import('./pages/Series.js').then((m) => ({ default: m.SeriesList })));
const SeriesPage = lazy(() => import('./pages/Series.js').then((m) => ({ default: m.SeriesPage })));
const VictimPage = lazy(() => import('./pages/Victim.js').then((m) => ({ default: m.VictimPage })));
const PlacePage = lazy(() => import('./pages/Place.js').then((m) => ({ default: m.PlacePage })));
const MediaPage = lazy(() => import('./pages/Media.js').then((m) => ({ default: m.MediaPage })));
const NotificationsPage = lazy(() => import('./pages/Notifications.js').then((m) => ({ default: m.NotificationsPage })));
const SearchPage = lazy(() => import('./pages/Search.js').then((m) => ({ default: m.SearchPage })));
const StatsPage = lazy(() => import('./pages/Stats.js').then((m) => ({ default: m.StatsPage })));
const AuditPage = lazy(() => import('./pages/Audit.js').then((m) => ({ default: m.AuditPage })));
const AdminPage = lazy(() => import('./pages/Admin.js').then((m) => ({ default: m.AdminPage })));
const SettingsPage = lazy(() => import('./pages/Settings.js').then((m) => ({ default: m.SettingsPage })));
const NewNoticePage = lazy(() => import('./pages/Notices.js').then((m) => ({ default: m.NewNoticePage })));
const NoticePage = lazy(() => import('./pages/Notices.js').then((m) => ({ default: m.NoticePage })));
const NoticesPage = lazy(() => import('./pages/Notices.js').then((m) => ({ default: m.NoticesPage })));
const FirearmsPage = lazy(() => import('./pages/Firearms.js').then((m) => ({ default: m.FirearmsPage })));
const PaymentsPage = lazy(() => import('./pages/Payments.js').then((m) => ({ default: m.PaymentsPage })));
const BlocklistPage = lazy(() => import('./pages/Blocklist.js').then((m) => ({ default: m.BlocklistPage })));
const ReferralsPage = lazy(() => import('./pages/Referrals.js').then((m) => ({ default: m.ReferralsPage })));
const ServicesPage = lazy(() => import('./pages/Services.js').then((m) => ({ default: m.ServicesPage })));
const ConsultationPage = lazy(() => import('./pages/Consultations.js').then((m) => ({ default: m.ConsultationPage })));
const RetentionPage = lazy(() => import('./pages/Retention.js').then((m) => ({ default: m.RetentionPage })));
const ConsultationsPage = lazy(() => import('./pages/Consultations.js').then((m) => ({ default: m.ConsultationsPage })));

type Route = [pattern: string, render: (p: Record<string, string>) => ReactNode];
const routes: Route[] = [
  ['/', () => <Home />],
  ['/cases', () => <Home />],
  ['/cases/:id', (p) => <CasePage id={Number(p.id)} />],
  ['/cases/:id/upload', (p) => <UploadPage caseId={Number(p.id)} />],
  ['/seizures/:id', (p) => <TriagePage id={Number(p.id)} />],
  ['/series', () => <SeriesList />],
  ['/series/:id', (p) => <SeriesPage id={Number(p.id)} />],
  ['/victims/:id', (p) => <VictimPage id={Number(p.id)} />],
  ['/places/:id', (p) => <PlacePage id={Number(p.id)} />],
  ['/media/:id', (p) => <MediaPage id={Number(p.id)} />],
  ['/notices', () => <NoticesPage />],
  ['/notices/new', () => <NewNoticePage />],
  ['/notices/:id', (p) => <NoticePage id={Number(p.id)} />],
  // Sibling services: each page file routes its own sub-paths from the rest of the path.
  ['/services', () => <ServicesPage />],
  ['/firearms/*', () => <FirearmsPage />],
  ['/payments/*', () => <PaymentsPage />],
  ['/blocklist/*', () => <BlocklistPage />],
  ['/referrals/*', () => <ReferralsPage />],
  ['/consultations', () => <ConsultationsPage />],
  ['/consultations/:id', (p) => <ConsultationPage id={Number(p.id)} />],
  ['/notifications', () => <NotificationsPage />],
  ['/search', () => <SearchPage />],
  ['/stats', () => <StatsPage />],
  ['/audit', () => <AuditPage />],
  ['/retention', () => <RetentionPage />],
  ['/admin', () => <AdminPage />],
  ['/settings', () => <SettingsPage />],
];

function Page({ path }: { path: string }) {
  for (const [pattern, render] of routes) {
    // 'prefix/*' hands the page every path below the prefix (the page routes its own sub-paths).
    const params = pattern.endsWith('/*') ? (path === pattern.slice(0, -2) || path.startsWith(pattern.slice(0, -1)) ? {} : null) : match(pattern, path);
    if (params && Object.values(params).every((v) => (pattern.includes(':id') ? /^\d+$/.test(v) : true))) return <>{render(params)}</>;
  }
  return <ErrorPanel error={new ApiError(404, 'not_found', `no page ${path}`)} />;
}

/**
 * Unread notifications: refreshed on navigation, every minute, and whenever an action marks ['notifications'] stale
 * (the inbox marking some read, opening one).
 */
function useUnread(path: string): number {
  const count = useGet<{ unread: number }>('/api/v1/notifications/unread-count', undefined, { refetchInterval: 60_000 });
  const { reload } = count;
  useEffect(() => reload(), [path, reload]);
  return count.data?.unread ?? 0;
}

function Header({ me, onSignOut }: { me: Me; onSignOut(): void }) {
  const { path } = useLocation();
  const unread = useUnread(path);
  const caseUser = CASE_ROLES.includes(me.role);
  const nav: Array<[string, string, boolean]> = [
    ['/', 'Cases', caseUser],
    ['/series', 'Series', caseUser],
    ['/search', 'Search', caseUser],
    ['/notices', 'Notices', caseUser || me.role === 'admin'],
    ['/services', 'Services', caseUser || me.role === 'admin'],
    ['/stats', 'Statistics', true],
    ['/notifications', 'Inbox', true],
    ['/audit', 'Audit', me.role === 'dpo'],
    ['/retention', 'Retention', me.role === 'dpo'],
    ['/admin', 'Administration', me.role === 'admin' || me.role === 'ncb_officer'],
    ['/settings', 'Settings', true],
  ];
  const services = ['/services', '/firearms', '/payments', '/blocklist', '/referrals'];
  const current = (to: string) =>
    to === '/'
      ? path === '/' || path.startsWith('/cases') || path.startsWith('/seizures')
      : to === '/services'
        ? services.some((s) => path.startsWith(s))
        : path.startsWith(to);
  return (
    <header className="topbar">
      <Link to="/" className="brand">
        ICSE
      </Link>
      <nav aria-label="Main">
        {nav
          .filter(([, , shown]) => shown)
          .map(([to, label]) => (
            <Link key={to} to={to} className={current(to) ? 'active' : undefined} aria-current={current(to) ? 'page' : undefined}>
              {label}
              {to === '/notifications' && unread > 0 && (
                <span className="nav-count" data-testid="unread-count" aria-label={`${unread} unread`}>
                  {unread}
                </span>
              )}
            </Link>
          ))}
      </nav>
      <div className="whoami" data-testid="whoami">
        <span className="who-name">{me.displayName}</span>
        <span className="who-detail">
          <span data-testid="who-role">{roleLabel(me.role)}</span> · <span data-testid="who-agency">{me.agencyName ?? '—'}</span> ·{' '}
          <span data-testid="who-country" title={me.countryName ?? ''}>
            {me.countryName} ({me.countryCode})
          </span>
        </span>
      </div>
      <button type="button" onClick={onSignOut} className="signout">
        Sign out
      </button>
    </header>
  );
}

/** On navigation (not the first load): the title from the page's heading and focus on the main region. */
function useNavigationFocus(path: string, signedIn: boolean) {
  const first = useRef(true);
  useEffect(() => {
    if (!signedIn) {
      document.title = 'Sign in · ICSE';
      return;
    }
    const main = document.getElementById('main');
    if (!main) return;
    if (first.current) first.current = false;
    else main.focus({ preventScroll: true });
    const setTitle = () => {
      const h1 = main.querySelector('h1');
      if (!h1?.textContent) return false;
      document.title = `${h1.textContent.trim()} · ICSE`;
      return true;
    };
    if (setTitle()) return;
    document.title = 'ICSE';
    // Pages render their heading once their data arrives.
    const obs = new MutationObserver(() => {
      if (setTitle()) obs.disconnect();
    });
    obs.observe(main, { childList: true, subtree: true, characterData: true });
    return () => obs.disconnect();
  }, [path, signedIn]);
}

export function App() {
  const [me, setMe] = useState<Me | null>();
  const [expired, setExpired] = useState(false);
  const [bootError, setBootError] = useState<string>();
  const { path } = useLocation();
  const hadSession = useRef(false);
  // Who was signed in last: after an expiry the same user finds the cache (and the page) as it was.
  const lastUser = useRef<number | null>(null);
  useEffect(() => {
    if (me) {
      hadSession.current = true;
      lastUser.current = me.id;
    }
  }, [me]);

  useEffect(() => {
    get<Me>('/api/v1/auth/me').then(setMe, (e) => {
      if (e instanceof ApiError && e.status === 401) setMe(null);
      else setBootError(e instanceof Error ? e.message : String(e));
    });
    // A 401 after signing in means the session expired (or was revoked): say so; the page and its drafts stay.
    return onUnauthorised(() => {
      if (hadSession.current) setExpired(true);
      setMe(null);
    });
  }, []);

  const signOut = useCallback(async () => {
    await post('/api/v1/auth/logout').catch(() => undefined);
    clearDrafts();
    // Nothing one user loaded is shown to the next one signing in on this tab.
    queryClient.clear();
    hadSession.current = false;
    setExpired(false);
    setMe(null);
    navigate('/', { replace: true });
  }, []);
  useNavigationFocus(path, !!me);

  const session = useMemo<Session | null>(() => (me ? { me, settings: wellness(me), setMe, signOut } : null), [me, signOut]);

  if (bootError)
    return (
      <main className="login">
        <p className="error" role="alert">
          {bootError}
        </p>
      </main>
    );
  if (me === undefined)
    return (
      <main className="login">
        <p className="muted">Loading…</p>
      </main>
    );
  if (!session)
    return (
      <Login
        expired={expired}
        onSignedIn={(m) => {
          if (lastUser.current !== m.id) queryClient.clear();
          lastUser.current = m.id;
          setExpired(false);
          setMe(m);
        }}
      />
    );
  return (
    <SessionContext.Provider value={session}>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <Header me={session.me} onSignOut={signOut} />
      <main className="content" id="main" tabIndex={-1} key={path}>
        <Suspense
          fallback={
            <p className="muted" aria-busy="true">
              Loading…
            </p>
          }
        >
          <Page path={path} />
        </Suspense>
      </main>
    </SessionContext.Provider>
  );
}
