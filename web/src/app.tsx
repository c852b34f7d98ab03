// The app: the session decides between the sign-in form and the staff
// shell; the router picks the screen from the URL (history API, so every
// screen has its own address and "back" works).
import { LocationProvider, Route, Router, lazy, useLocation } from 'preact-iso';
import { PortalApp } from './portal/PortalApp';
import { WelcomePage } from './portal/WelcomePage';
import { useEffect } from 'preact/hooks';
import { PatientPage } from './patients/PatientPage';
import { PatientsPage } from './patients/PatientsPage';
import { RegisterPatientPage } from './patients/RegisterPatientPage';
import { SessionProvider, type SessionActions, type SessionState } from './session/session';
import { SignInPage } from './session/SignInPage';
import { SetupPage } from './setup/SetupPage';
import { AppShell } from './shell/AppShell';
import { TodayPage } from './today/TodayPage';
import { ErrorState, Loading } from './ui/feedback';
import { LinkButton } from './ui/Button';
import { PageHeader } from './ui/Page';
import { ToastProvider } from './ui/toast';

// The calendar brings FullCalendar and Luxon: loaded when first opened.
const CalendarPage = lazy(() =>
  import('./calendar/CalendarPage').then(
    (m) => m.CalendarPage,
    (e: unknown) =>
      function CalendarUnavailable() {
        return (
          <div class="page">
            <PageHeader title="Calendar" />
            <ErrorState title="The calendar could not be loaded" error={e instanceof Error ? new Error(`${e.message} Reload the page to try again.`) : e} />
          </div>
        );
      },
  ),
);

function Redirect({ to }: { to: string }) {
  const { route } = useLocation();
  useEffect(() => route(to, true), [to]);
  return null;
}

function Home() {
  return <Redirect to="/today" />;
}

function NotFound() {
  return (
    <div class="page">
      <PageHeader title="Page not found" />
      <ErrorState title="Nothing here" error={new Error('This address does not match any screen of anagen.')} />
      <p><LinkButton href="/today" variant="secondary">Go to Today</LinkButton></p>
    </div>
  );
}

function Screens() {
  return (
    <AppShell>
      <Router>
        <Route path="/" component={Home} />
        <Route path="/today" component={TodayPage} />
        <Route path="/patients" component={PatientsPage} />
        <Route path="/patients/new" component={RegisterPatientPage} />
        <Route path="/patients/:id/:tab?/:item?" component={PatientPage} />
        <Route path="/calendar" component={CalendarPage} />
        <Route path="/setup/:section?" component={SetupPage} />
        {/* Staff never land in the patients' portal. */}
        <Route path="/portal/*" component={Home} />
        <Route path="/portal" component={Home} />
        <Route default component={NotFound} />
      </Router>
    </AppShell>
  );
}

const NOTICES = {
  'signed-out': 'You have signed out.',
  expired: 'Your session has ended. Sign in again to continue.',
};

function SignedOut(props: { reason?: 'signed-out' | 'expired'; onSignedIn: () => Promise<void> }) {
  const { path, route } = useLocation();
  const portal = path === '/portal' || path.startsWith('/portal/');
  // After signing out the next person starts from Today (or the portal's
  // front page), not from the previous user's screen; an expired session
  // keeps the address.
  useEffect(() => {
    if (props.reason === 'signed-out' && path !== '/' && path !== '/portal') route(portal ? '/portal' : '/', true);
  }, [props.reason]);
  return <SignInPage portal={portal} notice={props.reason && NOTICES[props.reason]} onSignedIn={props.onSignedIn} />;
}

/** The invitation page is public: it is shown whoever is (or is not) signed in. */
function isWelcome(path: string): boolean {
  return path === '/portal/welcome';
}

function Gate({ state, actions }: { state: SessionState; actions: SessionActions }) {
  const { path } = useLocation();
  if (isWelcome(path)) return <WelcomePage onSignedIn={actions.signedIn} />;
  switch (state.phase) {
    case 'loading':
      return <div class="boot"><Loading>Starting anagen…</Loading></div>;
    case 'failed':
      return (
        <div class="boot">
          <ErrorState title="anagen could not start" error={state.error} onRetry={actions.retry} />
        </div>
      );
    case 'signed-out':
      return <SignedOut reason={state.reason} onSignedIn={actions.signedIn} />;
    case 'signed-in':
      // A patient's account opens their portal, never the staff screens.
      return state.me.role === 'patient' ? <PortalApp /> : <Screens />;
  }
}

export function App() {
  return (
    <LocationProvider>
      <ToastProvider>
        <SessionProvider>{(state, actions) => <Gate state={state} actions={actions} />}</SessionProvider>
      </ToastProvider>
    </LocationProvider>
  );
}
