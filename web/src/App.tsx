// Application shell: session bootstrap, header (who am I: country, agency, role), navigation and page routing.
import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, get, onUnauthorised, post } from './api.js';
import { Route, Routes, ScrollRestoration } from 'react-router';
import { useIsFetching } from '@tanstack/react-query';
import { Link, NotFound, WithId, navigate, useLocation } from './router.js';
import { CASE_ROLES, SessionContext, roleLabel, wellness, type Me, type Session } from './session.js';
import { Login } from './pages/Login.js';
import { clearDrafts } from './components/common.js';
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

function Pages() {
  return (
    <Routes>
      <Route path="/" element={<Home />} />
      <Route path="/cases" element={<Home />} />
      <Route path="/cases/:id" element={<WithId page={(id) => <CasePage id={id} />} />} />
      <Route path="/cases/:id/upload" element={<WithId page={(id) => <UploadPage caseId={id} />} />} />
      <Route path="/seizures/:id" element={<WithId page={(id) => <TriagePage id={id} />} />} />
      <Route path="/series" element={<SeriesList />} />
      <Route path="/series/:id" element={<WithId page={(id) => <SeriesPage id={id} />} />} />
      <Route path="/victims/:id" element={<WithId page={(id) => <VictimPage id={id} />} />} />
      <Route path="/places/:id" element={<WithId page={(id) => <PlacePage id={id} />} />} />
      <Route path="/media/:id" element={<WithId page={(id) => <MediaPage id={id} />} />} />
      <Route path="/notices" element={<NoticesPage />} />
      <Route path="/notices/new" element={<NewNoticePage />} />
      <Route path="/notices/:id" element={<WithId page={(id) => <NoticePage id={id} />} />} />
      {/* Sibling services: each page file routes its own sub-paths from the rest of the path. */}
      <Route path="/services" element={<ServicesPage />} />
      <Route path="/firearms/*" element={<FirearmsPage />} />
      <Route path="/payments/*" element={<PaymentsPage />} />
      <Route path="/blocklist/*" element={<BlocklistPage />} />
      <Route path="/referrals/*" element={<ReferralsPage />} />
      <Route path="/consultations" element={<ConsultationsPage />} />
      <Route path="/consultations/:id" element={<WithId page={(id) => <ConsultationPage id={id} />} />} />
      <Route path="/notifications" element={<NotificationsPage />} />
      <Route path="/search" element={<SearchPage />} />
      <Route path="/stats" element={<StatsPage />} />
      <Route path="/audit" element={<AuditPage />} />
      <Route path="/retention" element={<RetentionPage />} />
      <Route path="/admin" element={<AdminPage />} />
      <Route path="/settings" element={<SettingsPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
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
  const fetching = useIsFetching();

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
      {/* Top of the page on a new page, the former position on Back. */}
      <ScrollRestoration />
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <Header me={session.me} onSignOut={signOut} />
      {/* Busy while any of the page's data is loading: assistive technology waits for the whole update. */}
      <main className="content" id="main" tabIndex={-1} key={path} aria-busy={fetching > 0 || undefined}>
        <Suspense
          fallback={
            <p className="muted" aria-busy="true">
              Loading…
            </p>
          }
        >
          <Pages />
        </Suspense>
      </main>
    </SessionContext.Provider>
  );
}
