// Practitioners' calendars (FullCalendar): week, day and month per
// practitioner, and every practitioner side by side for a day. Times are
// the clinic's, whatever the browser's zone. Drag a booked appointment to
// move it (asking whether the later sessions follow); click one to open
// the patient's course.
import type { Calendar, CalendarOptions, EventDropArg, EventInput, EventSourceFuncArg } from '@fullcalendar/core';
import { useLocation } from 'preact-iso';
import { useCallback, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Appointment, Clinic, Page, Plan, Practitioner, TimeOff } from '../api/types';
import { RescheduleDialog } from '../appointments/dialogs';
import { APPOINTMENT_LABELS, appointmentName } from '../appointments/labels';
import { useSession } from '../session/session';
import { Async } from '../ui/Async';
import { Button, LinkButton } from '../ui/Button';
import { hoursSummary } from '../practitioners/HoursEditor';
import { addDays, addMonths, inZone, toMinutes, weekStart } from '../ui/dates';
import { Alert, EmptyState, Spinner } from '../ui/feedback';
import { SelectField } from '../ui/fields';
import { PageHeader } from '../ui/Page';
import { useAsync } from '../ui/useAsync';
import { FullCalendarView } from './FullCalendarView';

type Mode = 'week' | 'day' | 'month' | 'all';

const MODES: { key: Mode; label: string; view: string }[] = [
  { key: 'week', label: 'Week', view: 'timeGridWeek' },
  { key: 'day', label: 'Day', view: 'timeGridDay' },
  { key: 'month', label: 'Month', view: 'dayGridMonth' },
  { key: 'all', label: 'All practitioners', view: 'timeGridDay' },
];

interface Loaded {
  practitioners: Practitioner[];
  clinic: Clinic;
  holidays: TimeOff[];
  /** When the clinic clock was read, on the browser's clock (only to measure time elapsed since). */
  readAt: number;
}

export function CalendarPage() {
  const state = useAsync<Loaded>(async (signal) => {
    const [practitioners, clinic, holidays] = await Promise.all([
      api.get<Page<Practitioner>>('/practitioners', undefined, signal),
      api.get<Clinic>('/clinic', undefined, signal),
      api.get<Page<TimeOff>>('/clinic/holidays', undefined, signal),
    ]);
    return { practitioners: practitioners.items.filter((p) => p.active), clinic, holidays: holidays.items, readAt: Date.now() };
  }, []);
  return (
    <div class="page page--wide">
      {state.data === undefined && <PageHeader title="Calendar" />}
      <Async state={state} loading="Loading calendars…">
        {(data) => <CalendarScreen data={data} />}
      </Async>
    </div>
  );
}

interface PendingMove {
  appointment: Appointment;
  to: { date: string; time: string };
  revert: () => void;
  plan: Plan | null;
}

function CalendarScreen({ data }: { data: Loaded }) {
  const { clinic: sessionClinic, can, fmt } = useSession();
  const { query, route, path } = useLocation();
  const zone = data.clinic.timezone || sessionClinic.timezone;
  const today = data.clinic.today || inZone(new Date().toISOString(), zone).date;
  const practitioners = data.practitioners;
  // A week's seven columns do not fit a phone: there the day is the default.
  const narrow = typeof window !== 'undefined' && window.matchMedia('(max-width: 640px)').matches;
  const mode: Mode = (MODES.find((m) => m.key === query.view)?.key as Mode) || (narrow ? 'day' : 'week');
  const practitioner = practitioners.find((p) => p.id === query.p) || practitioners[0];
  const date = /^\d{4}-\d{2}-\d{2}$/.test(query.date || '') ? query.date : today;
  const [move, setMove] = useState<PendingMove | null>(null);
  const [loading, setLoading] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const calendars = useRef(new Set<Calendar>());

  const go = (changes: Partial<{ view: Mode; p: string; date: string }>) => {
    const next = { view: mode, p: practitioner?.id || '', date, ...changes };
    const params = new URLSearchParams();
    params.set('view', next.view);
    if (next.p) params.set('p', next.p);
    params.set('date', next.date);
    route(`${path}?${params.toString()}`, true);
  };

  const step = (dir: 1 | -1) => {
    if (mode === 'week') go({ date: addDays(weekStart(date), 7 * dir) });
    else if (mode === 'month') go({ date: addMonths(`${date.slice(0, 7)}-01`, dir) });
    else go({ date: addDays(date, dir) });
  };

  const refetch = () => calendars.current.forEach((c) => c.refetchEvents());
  const register = useCallback((c: Calendar | null, previous?: Calendar | null) => {
    if (previous) calendars.current.delete(previous);
    if (c) calendars.current.add(c);
  }, []);

  // The clinic's clock, moved on by the time elapsed since it was read.
  const serverNow = data.clinic.now ? new Date(data.clinic.now).getTime() : Date.now();
  const now = useCallback(() => new Date(serverNow + (Date.now() - data.readAt)), [serverNow, data.readAt]);

  const { slotMinTime, slotMaxTime } = useMemo(() => hoursRange(practitioners), [practitioners]);
  const writer = can('scheduling:write');

  const onDrop = useCallback(async (info: EventDropArg) => {
    const appointment = info.event.extendedProps.appointment as Appointment;
    const start = info.event.start;
    if (!start) return info.revert();
    const to = inZone(start.toISOString(), zone);
    setMove({ appointment, to: { date: to.date, time: to.time }, revert: info.revert, plan: null });
    try {
      const plan = await api.get<Plan>(`/plans/${appointment.plan_id}`);
      setMove((m) => (m && m.appointment.id === appointment.id ? { ...m, plan } : m));
    } catch {
      // The dialog works without the preview of the later sessions.
    }
  }, [zone]);

  const optionsFor = useCallback(
    (p: Practitioner, extra: CalendarOptions = {}): CalendarOptions => ({
      timeZone: zone,
      now,
      headerToolbar: false,
      allDaySlot: false,
      nowIndicator: true,
      height: 'auto',
      slotDuration: '00:30:00',
      slotLabelInterval: '01:00',
      snapDuration: { minutes: data.clinic.slot_minutes || 10 },
      slotMinTime,
      slotMaxTime,
      slotLabelFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
      eventTimeFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
      dayHeaderFormat: { weekday: 'short', day: 'numeric', month: 'short' },
      views: { dayGridMonth: { dayHeaderFormat: { weekday: 'short' }, eventDisplay: 'block' } },
      firstDay: 1,
      editable: writer,
      eventDurationEditable: false,
      eventConstraint: 'businessHours',
      businessHours: p.working_hours.map((h) => ({ daysOfWeek: [h.weekday % 7], startTime: h.start, endTime: h.end })),
      events: (info: EventSourceFuncArg) => eventsFor(p, info, data.holidays, writer),
      eventDrop: onDrop,
      eventContent: (arg) => {
        const a = arg.event.extendedProps.appointment as Appointment | undefined;
        if (!a) return true;
        return { domNodes: [eventLine(a, fmt.time(a.start))] };
      },
      eventDidMount: (arg) => {
        const a = arg.event.extendedProps.appointment as Appointment | undefined;
        if (!a) return;
        const label = `${a.patient_name}, ${appointmentName(a)}, ${fmt.when(a.start)}, ${APPOINTMENT_LABELS[a.status].toLowerCase()}. Open the patient's course.`;
        arg.el.setAttribute('aria-label', label);
        arg.el.setAttribute('title', label);
        arg.el.dataset.appointment = a.id;
        arg.el.dataset.session = a.kind === 'evaluation' ? 'evaluation' : String(a.session_number);
      },
      loading: (on: boolean) => setLoading((n) => Math.max(0, n + (on ? 1 : -1))),
      eventSourceFailure: (e: Error) => setError(e.message || 'The appointments could not be loaded.'),
      eventSourceSuccess: (events: EventInput[]) => {
        setError(null);
        return events;
      },
      ...extra,
    }),
    [zone, now, slotMinTime, slotMaxTime, writer, onDrop, data.holidays],
  );

  const single = useMemo(() => practitioner && optionsFor(practitioner), [optionsFor, practitioner]);
  const columns = useMemo(
    () => practitioners.map((p, i) => optionsFor(p, i > 0 ? { slotLabelContent: () => '', dayHeaders: false } : { dayHeaders: false })),
    [optionsFor, practitioners],
  );

  if (practitioners.length === 0) {
    return (
      <>
        <PageHeader title="Calendar" />
        <EmptyState
          title="No practitioners yet."
          action={can('clinic:write') && <LinkButton href="/setup/practitioners">Add a practitioner</LinkButton>}
        >
          Calendars appear once the clinic's practitioners and their working hours are set up.
        </EmptyState>
      </>
    );
  }

  const modeInfo = MODES.find((m) => m.key === mode)!;
  const title =
    mode === 'week'
      ? fmt.dateRange(weekStart(date), addDays(weekStart(date), 6))
      : mode === 'month'
        ? new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date.slice(0, 7)}-01T00:00:00Z`))
        : fmt.weekdayDate(date);

  return (
    <>
      <PageHeader
        title="Calendar"
        subtitle={`Times in ${zone.replace(/_/g, ' ')} time${writer ? ' · drag a booked appointment to move it; click one to open the patient' : ' · click an appointment to open the patient'}.`}
      />
      <div class="cal-toolbar" role="toolbar" aria-label="Calendar controls">
        <div class="segmented" role="group" aria-label="View">
          {MODES.map((m) => (
            <button key={m.key} type="button" class={`segmented-btn${m.key === mode ? ' is-current' : ''}`} aria-pressed={m.key === mode} onClick={() => go({ view: m.key })}>
              {m.label}
            </button>
          ))}
        </div>
        {mode !== 'all' && (
          <SelectField
            label="Practitioner"
            name="practitioner"
            class="cal-practitioner"
            value={practitioner.id}
            onValue={(v) => go({ p: v })}
            options={practitioners.map((p) => ({ value: p.id, label: p.name }))}
          />
        )}
        <div class="cal-nav">
          <Button variant="secondary" small onClick={() => step(-1)} aria-label={`Previous ${mode === 'week' ? 'week' : mode === 'month' ? 'month' : 'day'}`}>‹</Button>
          <Button variant="secondary" small onClick={() => go({ date: today })}>Today</Button>
          <Button variant="secondary" small onClick={() => step(1)} aria-label={`Next ${mode === 'week' ? 'week' : mode === 'month' ? 'month' : 'day'}`}>›</Button>
          <h2 class="cal-title" aria-live="polite" data-testid="calendar-title">{title}</h2>
          {loading > 0 && <span class="inline-status muted small"><Spinner /> Loading…</span>}
        </div>
      </div>
      {error && (
        <Alert tone="danger" title="The appointments could not be loaded.">
          <p>{error}</p>
          <Button variant="secondary" small onClick={refetch}>Try again</Button>
        </Alert>
      )}
      {mode !== 'all' && <HoursLine practitioner={practitioner} />}
      {mode === 'all' ? (
        <div class="cal-columns" style={{ gridTemplateColumns: `repeat(${practitioners.length}, minmax(220px, 1fr))` }}>
          {practitioners.map((p, i) => (
            <section key={p.id} class="cal-column" aria-label={`${p.name}'s day`}>
              <h3 class="cal-column-title">
                <a href={`/calendar?view=day&p=${p.id}&date=${date}`}>{p.name}</a>
              </h3>
              <ColumnCalendar
                practitioner={p}
                options={columns[i]}
                view="timeGridDay"
                date={date}
                register={register}
                class={`fc-host fc-host--column${i > 0 ? ' fc-host--no-axis' : ''}`}
              />
            </section>
          ))}
        </div>
      ) : (
        <ColumnCalendar
          key={practitioner.id}
          practitioner={practitioner}
          options={single!}
          view={modeInfo.view}
          date={date}
          register={register}
          class="fc-host"
        />
      )}
      <Legend />
      {move && (
        <RescheduleDialog
          appointment={move.appointment}
          plan={move.plan}
          practitioners={practitioners}
          today={today}
          to={move.to}
          onRefused={() => {
            // Put back, and drawn again as the server has it (the refusal
            // may be that another desk moved it meanwhile).
            move.revert();
            refetch();
          }}
          onClose={() => {
            move.revert();
            setMove(null);
            refetch();
          }}
          onMoved={() => {
            setMove(null);
            refetch();
          }}
        />
      )}
    </>
  );
}

/** One line: start time, patient, session number (and the status when not booked). */
function eventLine(a: Appointment, time: string): HTMLElement {
  const line = document.createElement('div');
  line.className = 'appt-line';
  const part = (cls: string, text: string) => {
    const span = document.createElement('span');
    span.className = cls;
    span.textContent = text;
    line.append(span, ' ');
  };
  part('appt-time', time);
  part('appt-name', a.patient_name || 'Patient');
  part('appt-session', a.kind === 'evaluation' ? 'evaluation' : `#${a.session_number}`);
  if (a.status !== 'booked') part('appt-status', APPOINTMENT_LABELS[a.status].toLowerCase());
  return line;
}

function ColumnCalendar(props: {
  practitioner: Practitioner;
  options: CalendarOptions;
  view: string;
  date: string;
  register: (c: Calendar | null, previous?: Calendar | null) => void;
  class: string;
}) {
  const current = useRef<Calendar | null>(null);
  return (
    <FullCalendarView
      options={props.options}
      view={props.view}
      date={props.date}
      class={props.class}
      label={`${props.practitioner.name}'s calendar`}
      onCalendar={(c) => {
        props.register(c, current.current);
        current.current = c;
      }}
    />
  );
}

async function eventsFor(p: Practitioner, info: EventSourceFuncArg, holidays: TimeOff[], writer: boolean): Promise<EventInput[]> {
  const [appointments, off] = await Promise.all([
    api.get<Page<Appointment>>('/appointments', { practitioner_id: p.id, from: info.startStr, to: info.endStr, include_cancelled: false }),
    api.get<Page<TimeOff>>(`/practitioners/${p.id}/time-off`),
  ]);
  const events: EventInput[] = appointments.items.map((a) => ({
    id: a.id,
    title: `${a.patient_name || 'Patient'} · ${appointmentName(a).replace(/^the /, '')}${a.status === 'booked' ? '' : ` · ${APPOINTMENT_LABELS[a.status].toLowerCase()}`}`,
    start: a.start,
    end: a.end,
    url: `/patients/${a.patient_id}/course`,
    startEditable: writer && a.status === 'booked',
    classNames: ['appt', `appt--${a.status}`],
    extendedProps: { appointment: a },
  }));
  // Whole days: timed for the time grid (which hides the all-day row),
  // all-day for the month grid.
  const month = info.end.getTime() - info.start.getTime() > 8 * 86_400_000;
  const closed = (t: TimeOff, kind: string): EventInput => ({
    start: month ? t.from : `${t.from}T00:00:00`,
    end: month ? addDays(t.to, 1) : `${addDays(t.to, 1)}T00:00:00`,
    allDay: month,
    display: 'background',
    title: `${kind}${t.reason ? `: ${t.reason}` : ''}`,
    classNames: ['closed'],
  });
  for (const h of holidays) events.push(closed(h, 'Clinic closed'));
  for (const t of off.items) events.push(closed(t, `${p.name} off`));
  return events;
}

/** The hours the time grid shows: every practitioner's working hours, with an hour either side. */
function hoursRange(practitioners: Practitioner[]): { slotMinTime: string; slotMaxTime: string } {
  const hours = practitioners.flatMap((p) => p.working_hours);
  if (hours.length === 0) return { slotMinTime: '08:00:00', slotMaxTime: '19:00:00' };
  const start = Math.min(...hours.map((h) => toMinutes(h.start)));
  const end = Math.max(...hours.map((h) => toMinutes(h.end)));
  const from = Math.max(0, Math.floor(start / 60) - 1);
  const to = Math.min(24, Math.ceil(end / 60) + 1);
  return { slotMinTime: `${String(from).padStart(2, '0')}:00:00`, slotMaxTime: `${String(to).padStart(2, '0')}:00:00` };
}

function HoursLine({ practitioner }: { practitioner: Practitioner }) {
  return (
    <p class="cal-hours muted small">
      {practitioner.working_hours.length === 0
        ? `${practitioner.name} has no working hours set.`
        : `${practitioner.name} works ${hoursSummary(practitioner.working_hours)}; shaded hours are outside them.`}
    </p>
  );
}

function Legend() {
  return (
    <ul class="cal-legend" aria-label="Legend">
      <li><span class="swatch appt--booked" /> Booked</li>
      <li><span class="swatch appt--arrived" /> Arrived</li>
      <li><span class="swatch appt--completed" /> Completed</li>
      <li><span class="swatch appt--no_show" /> No-show</li>
      <li><span class="swatch swatch--hours" /> Outside working hours</li>
      <li><span class="swatch swatch--closed" /> Closed or off</li>
    </ul>
  );
}
