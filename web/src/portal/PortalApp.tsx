// The patient's portal, phone first: their upcoming sessions and calendar
// link, their aftercare checklist, their progress (and a shedding count to
// log), and a way to report a side effect. A patient's session opens only
// this; the staff screens are not theirs, and every request names only
// their own record (the server refuses any other).
import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { AdverseEvent, CalendarFeed, Measurement, PortalMe, Progress as ProgressData } from '../api/types';
import { AftercareView } from '../aftercare/AftercareView';
import { PATIENT_MANAGEMENT, PATIENT_OUTCOMES, PATIENT_SEVERITY, PATIENT_TYPES } from '../adverse/labels';
import { appointmentName } from '../appointments/labels';
import { PhotosCard } from '../outcomes/Photos';
import { EvaluationPanel, ProgressCharts } from '../outcomes/ProgressView';
import { useSession } from '../session/session';
import { Logo } from '../shell/Logo';
import { Async } from '../ui/Async';
import { Button, LinkButton } from '../ui/Button';
import { Alert, Badge, EmptyState, ErrorState, FormError } from '../ui/feedback';
import { CheckboxGroup, RadioGroup, SelectField, TextAreaField, TextField } from '../ui/fields';
import { Card, useTitle } from '../ui/Page';
import { useToast } from '../ui/toast';
import { useAsync } from '../ui/useAsync';
import { copyText } from '../ui/clipboard';
import { useFormSubmit } from '../ui/useFormSubmit';
import { telHref } from '../ui/format';

const NAV = [
  { href: '/portal', label: 'Home', icon: HomeIcon },
  { href: '/portal/aftercare', label: 'Aftercare', icon: CheckIcon },
  { href: '/portal/progress', label: 'Progress', icon: ChartIcon },
  { href: '/portal/report', label: 'Side effect', icon: AlertIcon },
];

export function PortalApp() {
  const { path, route } = useLocation();
  const { me, clinic, signOut } = useSession();
  const [busy, setBusy] = useState(false);
  // The staff app's front door leads a patient to their portal.
  useEffect(() => {
    if (path === '/' || path === '/today') route('/portal', true);
  }, [path]);

  const portalPath = path === '/portal' || path.startsWith('/portal/');
  const page = !portalPath ? (
    <NotYours />
  ) : path === '/portal' ? (
    <PortalHome />
  ) : path === '/portal/aftercare' ? (
    <PortalAftercare />
  ) : path === '/portal/progress' ? (
    <PortalProgress />
  ) : path === '/portal/report' ? (
    <PortalReport />
  ) : (
    <NotYours />
  );
  return (
    <div class="portal">
      <a class="skip-link" href="#portal-main" onClick={(e) => { e.preventDefault(); document.getElementById('portal-main')?.focus(); }}>
        Skip to content
      </a>
      <header class="portal-top">
        <div class="portal-brand">
          <Logo size={28} />
          <div class="portal-brand-text">
            <span class="portal-clinic">{clinic.name}</span>
            <span class="portal-who" title={me.name}>{me.name}</span>
          </div>
        </div>
        <button
          type="button"
          class="btn btn--ghost btn--small"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            await signOut();
            route('/portal', true);
          }}
        >
          Sign out
        </button>
      </header>
      <nav class="portal-nav" aria-label="Portal">
        {NAV.map((n) => {
          const current = path === n.href;
          const Icon = n.icon;
          return (
            <a key={n.href} href={n.href} class={`portal-nav-link${current ? ' is-current' : ''}`} aria-current={current ? 'page' : undefined}>
              <Icon />
              <span>{n.label}</span>
            </a>
          );
        })}
      </nav>
      <main id="portal-main" class="portal-main" tabIndex={-1}>
        {page}
      </main>
    </div>
  );
}

function PortalPage(props: { title: string; intro?: ComponentChildren; children: ComponentChildren }) {
  useTitle(props.title);
  return (
    <div class="portal-page">
      <h1 class="portal-title">{props.title}</h1>
      {props.intro && <p class="muted portal-intro">{props.intro}</p>}
      <div class="stack-lg">{props.children}</div>
    </div>
  );
}

/** Any staff address, or another patient's record: not part of the portal. */
function NotYours() {
  return (
    <PortalPage title="Not part of your portal">
      <ErrorState
        title="This page is not available to you"
        error={new Error('You are signed in to your patient portal, which shows your own sessions, aftercare and progress only. Clinic pages and other patients’ records are not available here.')}
      />
      <p><LinkButton href="/portal">Go to my portal</LinkButton></p>
    </PortalPage>
  );
}

function usePortalMe() {
  return useAsync((signal) => api.get<PortalMe>('/portal/me', undefined, signal), []);
}

/** "Ask to move": the patient says when suits them; the clinic moves it and calls back. */
function AskToMove(props: { appointment: PortalMe['upcoming'][number]; onDone: () => void }) {
  const notify = useToast();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const { formRef, busy, error, blank, submit, errorFor } = useFormSubmit({
    check: (): Record<string, string> => (message.trim() ? {} : { message: 'Say when would suit you instead.' }),
    send: async () => {
      await api.post(`/portal/appointments/${props.appointment.id}/move-request`, { message: message.trim() });
      notify('Sent: the clinic will move your session and let you know.');
      props.onDone();
    },
  });
  if (!open)
    return (
      <Button small variant="secondary" onClick={() => setOpen(true)} aria-label={`Ask to move ${appointmentName(props.appointment)}`}>
        Ask to move
      </Button>
    );
  return (
    <form ref={formRef} onSubmit={submit} noValidate class="stack ask-to-move" aria-label={`Ask to move ${appointmentName(props.appointment)}`}>
      <FormError error={error} fields={['message']} blank={blank} />
      <TextAreaField label="When would suit you instead?" name="message" rows={2} value={message} onValue={setMessage} error={errorFor('message')} placeholder="e.g. any afternoon the week after" />
      <div class="form-actions">
        <Button type="submit" small busy={busy}>Send to the clinic</Button>
        <Button small variant="secondary" onClick={() => setOpen(false)}>Cancel</Button>
      </div>
    </form>
  );
}

function PortalHome() {
  const state = usePortalMe();
  const { fmt } = useSession();
  return (
    <Async state={state} loading="Loading your portal…">
      {(data) => (
        <PortalPage title={`Hello, ${data.patient.given_name}`}>
          <Card title="Your next sessions">
            {data.course?.on_hold && (
              <Alert tone="warning" title="Your course is paused">
                <p>A clinician is reviewing it before your next session. Please do not come until the clinic has called you; to ask, <CallTheClinic />.</p>
              </Alert>
            )}
            {data.upcoming.length === 0 ? (
              <EmptyState title="No session booked.">
                {data.course?.status === 'active'
                  ? 'The clinic books your sessions and they appear here, with the time of day.'
                  : 'You have no course under way. If the clinic prescribes one, your sessions appear here, with the time of day.'}
              </EmptyState>
            ) : (
              <ol class="upcoming" data-testid="upcoming">
                {data.upcoming.map((a) => (
                  <li key={a.id} class="upcoming-item">
                    <span class="upcoming-date">
                      <span class="upcoming-day">{fmt.when(a.start).replace(/,? \d\d:\d\d$/, '')}</span>
                      <span class="upcoming-time">{fmt.time(a.start)}–{fmt.time(a.end)}</span>
                    </span>
                    <span class="upcoming-what">
                      {a.kind === 'evaluation' ? 'Results evaluation (no injection)' : `Session ${a.session_number}`}
                      {a.status === 'arrived' && <Badge tone="info">You are here</Badge>}
                      {a.move_requested && <Badge tone="warning">You asked to move it</Badge>}
                    </span>
                    {a.status === 'booked' && !a.move_requested && !data.course?.on_hold && (
                      <AskToMove appointment={a} onDone={state.reload} />
                    )}
                  </li>
                ))}
              </ol>
            )}
            <p class="small muted">Times are {data.clinic.name}’s ({data.clinic.timezone.replace(/_/g, ' ')}). To change a session, ask to move it here, or <CallTheClinic />.</p>
          </Card>
          {data.course && (
            <Card title="Your course">
              <div class="stack">
                <p>
                  <strong>{data.course.sessions_done} of {data.course.sessions_total}</strong> sessions done ·{' '}
                  {fmt.courseDates(data.course.start_date, data.course.end_date)}
                </p>
                <div class="progress-track" aria-hidden="true">
                  <span class="progress-done" style={{ width: `${data.course.sessions_total ? (data.course.sessions_done / data.course.sessions_total) * 100 : 0}%` }} />
                </div>
              </div>
            </Card>
          )}
          <CalendarCard active={data.calendar_feed.active} />
          <div class="portal-shortcuts">
            <LinkButton variant="secondary" href="/portal/progress">Log a shedding count</LinkButton>
            <LinkButton variant="secondary" href="/portal/report">Report a side effect</LinkButton>
          </div>
        </PortalPage>
      )}
    </Async>
  );
}

function CalendarCard({ active }: { active: boolean }) {
  const [feed, setFeed] = useState<CalendarFeed | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [copied, setCopied] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const get = async () => {
    setBusy(true);
    setError(null);
    try {
      setFeed(await api.post<CalendarFeed>('/portal/calendar-feed', {}));
      setCopied(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const url = feed ? feed.url || `${location.origin}${feed.path}` : '';
  const webcal = feed?.webcal || url.replace(/^https?:/, 'webcal:');
  const copy = async () => {
    await copyText(url, inputRef);
    setCopied(true);
  };
  return (
    <Card title="Your sessions in your calendar">
      <div class="stack">
        <p class="muted">Subscribe once and your phone’s calendar shows your sessions (and your aftercare reminders), kept up to date. The link is private: it works without a password, so keep it to yourself.</p>
        {error !== null && <Alert tone="danger">{(error as Error).message}</Alert>}
        {feed ? (
          <div class="stack" data-testid="calendar-link">
            <a class="btn btn--primary btn--block" href={webcal}>Add to my calendar</a>
            <div class="copy-row">
              <label class="sr-only" for="portal-feed-url">Calendar link (https)</label>
              <input id="portal-feed-url" ref={inputRef} class="input mono" readOnly value={url} onFocus={(e) => (e.currentTarget as HTMLInputElement).select()} />
              <Button small variant="secondary" onClick={copy}>{copied ? 'Copied' : 'Copy'}</Button>
            </div>
            <p class="small muted">On a computer, paste the https link into your calendar’s “subscribe from web” (Google Calendar: Other calendars › From URL).</p>
          </div>
        ) : (
          <>
            {active && <p class="small">You already have a calendar link. Getting a new one stops the old one.</p>}
            <Button variant={active ? 'secondary' : 'primary'} busy={busy} onClick={get}>{active ? 'Get a new calendar link' : 'Get my calendar link'}</Button>
          </>
        )}
      </div>
    </Card>
  );
}

function PortalAftercare() {
  const { me } = useSession();
  return (
    <PortalPage title="Aftercare" intro="Looking after your hair and scalp, and, during a course, your part of the treatment between sessions: tick each reminder off when you have done it.">
      <AftercareView patientId={me.patient_id!} canMark patient />
    </PortalPage>
  );
}

function PortalProgress() {
  const { me } = useSession();
  const state = useAsync((signal) => api.get<ProgressData>(`/patients/${me.patient_id}/progress`, undefined, signal), [me.patient_id]);
  return (
    <PortalPage title="Your progress">
      <Async state={state} loading="Loading your progress…">
        {(p) => (
          <>
            <EvaluationPanel progress={p} patient />
            <SheddingForm onDone={state.reload} />
            <SelfAssessmentForm onDone={state.reload} />
            <Card title="Your measurements">
              <ProgressCharts progress={p} />
            </Card>
            <PhotosCard patientId={me.patient_id!} patient />
          </>
        )}
      </Async>
    </PortalPage>
  );
}

/** One measurement the patient logs themselves: its field, the day, and what was saved. */
function LogMeasurement(props: {
  kind: 'shedding_count' | 'self_assessment';
  title: string;
  formLabel: string;
  id: string;
  intro: string;
  missing: string;
  button: string;
  field: (value: string, set: (v: string) => void, error: string | undefined) => ComponentChildren;
  saved: (m: Measurement) => string;
  onDone: () => void;
}) {
  const { me, clinic, fmt } = useSession();
  const notify = useToast();
  const [value, setValue] = useState('');
  const [takenOn, setTakenOn] = useState(clinic.today || '');
  const [saved, setSaved] = useState<Measurement | null>(null);
  // No formRef: focus stays where it is.
  const { busy, error, submit, errorFor } = useFormSubmit({
    required: () => ({ values: { value, taken_on: takenOn }, messages: { value: props.missing, taken_on: 'Which day?' } }),
    send: async () => {
      const n = Number(value);
      const m = await api.post<Measurement>(`/patients/${me.patient_id}/measurements`, { kind: props.kind, value: Number.isFinite(n) ? n : value, taken_on: takenOn });
      setSaved(m);
      setValue('');
      notify(`Saved: ${props.saved(m)}.`);
      props.onDone();
    },
    stays: true,
  });
  return (
    <Card title={props.title}>
      <form onSubmit={submit} noValidate class="stack" aria-label={props.formLabel} id={props.id}>
        <p class="small muted">{props.intro}</p>
        {saved && <Alert tone="success">Saved: {props.saved(saved)} on {fmt.weekdayDate(saved.taken_on)}.</Alert>}
        <FormError error={error} fields={['value', 'taken_on']} />
        <div class="form-grid form-grid--3">
          {props.field(value, setValue, errorFor('value'))}
          <TextField label="Day" name="taken_on" type="date" max={clinic.today} value={takenOn} onValue={setTakenOn} error={errorFor('taken_on')} />
        </div>
        <Button type="submit" busy={busy}>{props.button}</Button>
      </form>
    </Card>
  );
}

function SheddingForm({ onDone }: { onDone: () => void }) {
  return (
    <LogMeasurement
      kind="shedding_count"
      title="Log a shedding count"
      formLabel="Log a shedding count"
      id="shedding"
      intro="Before washing, comb your hair for 60 seconds over a light towel and count the hairs that fall. Always this way, so that your counts compare with the clinic's."
      missing="How many hairs?"
      button="Save my count"
      field={(value, set, error) => <TextField label="Hairs counted" name="value" inputMode="numeric" value={value} onValue={set} error={error} />}
      saved={(m) => `${m.value} hairs`}
      onDone={onDone}
    />
  );
}

/** The self-assessment's scale, in the patient's words (as the photo rating's, −3 to +3). */
const SELF_WORDS: Record<number, string> = {
  3: 'Much better',
  2: 'Better',
  1: 'A little better',
  0: 'No change',
  [-1]: 'A little worse',
  [-2]: 'Worse',
  [-3]: 'Much worse',
};
const SELF_RATINGS = [3, 2, 1, 0, -1, -2, -3].map((r) => ({
  value: String(r),
  label: `${r > 0 ? '+' : r < 0 ? '−' : ''}${Math.abs(r)} ${SELF_WORDS[r]}`,
}));

// How the patient sees their own hair against the start of the course
// (domain.md: patient self-assessment), on the photo rating's scale.
function SelfAssessmentForm({ onDone }: { onDone: () => void }) {
  const words = (v: number) => SELF_WORDS[v]?.toLowerCase() || String(v);
  return (
    <LogMeasurement
      kind="self_assessment"
      title="How is your hair?"
      formLabel="Rate your hair"
      id="self-assessment"
      intro="Compared with before your first session. Your clinician sees it beside the photos and measurements."
      missing="How is your hair now?"
      button="Save my view"
      field={(value, set, error) => <SelectField label="My hair now" name="value" value={value} onValue={set} options={SELF_RATINGS} placeholder="Choose…" error={error} />}
      saved={(m) => words(m.value)}
      onDone={onDone}
    />
  );
}

function PortalReport() {
  const { me, clinic } = useSession();
  const [type, setType] = useState('');
  const [onset, setOnset] = useState(clinic.today || '');
  const [grade, setGrade] = useState('');
  const [management, setManagement] = useState<string[]>([]);
  const [outcome, setOutcome] = useState('');
  const [notes, setNotes] = useState('');
  const [sent, setSent] = useState<AdverseEvent | null>(null);

  const { formRef, busy, error, blank, submit, errorFor } = useFormSubmit({
    required: () => ({
      values: { type, onset, grade, outcome },
      messages: {
        type: 'What is happening?',
        onset: 'When did it start?',
        grade: 'How bad is it?',
        outcome: 'How is it now?',
      },
    }),
    send: async () => {
      const body: Record<string, unknown> = { type, onset, grade: Number(grade), outcome };
      if (management.length) body.management = management;
      if (notes.trim()) body.notes = notes.trim();
      setSent(await api.post<AdverseEvent>(`/patients/${me.patient_id}/adverse-events`, body));
    },
  });

  if (sent) {
    return (
      <PortalPage title="Thank you">
        <Alert tone="success" title="Your clinic has been told">
          <p>A clinician will look at what you reported and contact you if needed.</p>
        </Alert>
        {sent.grade >= 3 && (
          <Alert tone="warning">
            <p>Because it is severe, please also <CallTheClinic /> today. Your next sessions wait until a clinician has reviewed it.</p>
          </Alert>
        )}
        <p><LinkButton href="/portal">Back to my portal</LinkButton></p>
      </PortalPage>
    );
  }
  return (
    <PortalPage title="Report a side effect" intro="Something after a session: pain, redness, swelling, a bruise… Tell your clinic here.">
      <Alert tone="danger" title="In an emergency">
        <p>Trouble breathing, swelling of the face or lips, or a high fever: call the emergency number now.</p>
      </Alert>
      <Card>
        <form ref={formRef} onSubmit={submit} noValidate class="stack" aria-label="Report a side effect">
          <FormError error={error} fields={['type', 'onset', 'grade', 'management', 'outcome', 'notes']} blank={blank} />
          <RadioGroup label="What is happening?" name="type" variant="stacked" value={type} onValue={setType} choices={PATIENT_TYPES} error={errorFor('type')} />
          <TextField label="When did it start?" name="onset" type="date" max={clinic.today} value={onset} onValue={setOnset} error={errorFor('onset')} />
          <RadioGroup
            label="How bad is it?"
            name="grade"
            variant="stacked"
            value={grade}
            onValue={setGrade}
            choices={PATIENT_SEVERITY.map((s) => ({ value: String(s.grade), label: s.label, note: s.note }))}
            error={errorFor('grade')}
          />
          <CheckboxGroup label="What did you do about it?" name="management" variant="stacked" optional value={management} onValue={setManagement} choices={PATIENT_MANAGEMENT} error={errorFor('management')} />
          <RadioGroup label="How is it now?" name="outcome" variant="stacked" value={outcome} onValue={setOutcome} choices={PATIENT_OUTCOMES} error={errorFor('outcome')} />
          <TextAreaField label="Anything else?" name="notes" optional rows={3} value={notes} onValue={setNotes} error={errorFor('notes')} />
          <Button type="submit" busy={busy} class="btn--block">Send to my clinic</Button>
        </form>
      </Card>
    </PortalPage>
  );
}

/** "call the clinic", with its number as a link to dial when the clinic gave one. */
function CallTheClinic() {
  const { clinic } = useSession();
  if (!clinic.phone) return <>call the clinic</>;
  return (
    <>
      call the clinic on <a href={telHref(clinic.phone)} class="nowrap">{clinic.phone}</a>
    </>
  );
}

/** The frame of the portal's navigation icons. */
function NavIcon({ children }: { children: ComponentChildren }) {
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
      {children}
    </svg>
  );
}

function HomeIcon() {
  return <NavIcon><path d="M3 11l9-7 9 7" /><path d="M5 10v10h14V10" /><path d="M10 20v-6h4v6" /></NavIcon>;
}

function CheckIcon() {
  return <NavIcon><rect x="4" y="4" width="16" height="16" rx="3" /><path d="M8 12l3 3 5-6" /></NavIcon>;
}

function ChartIcon() {
  return <NavIcon><path d="M4 20V4" /><path d="M4 20h16" /><path d="M7 15l4-4 3 3 5-6" /></NavIcon>;
}

function AlertIcon() {
  return <NavIcon><path d="M12 3l9 16H3z" /><path d="M12 10v4" /><path d="M12 17h.01" /></NavIcon>;
}
