// Practitioner, day and a free start time: the receptionist picks the slot
// with the patient. The times offered are that practitioner's free ones,
// as the server computes them.
import { useLayoutEffect } from 'preact/hooks';
import type { Practitioner } from '../api/types';
import { useSession } from '../session/session';
import { Button } from '../ui/Button';
import { Spinner } from '../ui/feedback';
import { SelectField, TextField } from '../ui/fields';
import { useAsync } from '../ui/useAsync';
import { dayOptions } from './slots';

export interface Slot {
  practitionerId: string;
  date: string;
  time: string;
}

export function SlotPicker(props: {
  practitioners: Practitioner[];
  value: Slot;
  onValue: (v: Slot) => void;
  minutes: number;
  /** What is booked, for the hint: "session" unless said. */
  what?: string;
  patientId: string;
  /** The slot of the appointment being moved (it counts as free). */
  keep?: { date: string; time: string };
  min?: string;
  max?: string;
  dateHint?: preact.ComponentChildren;
  errorFor: (field: string) => string | undefined;
  /** Keep the practitioner as is (a cascade move cannot change it). */
  lockPractitioner?: boolean;
}) {
  const { clinic } = useSession();
  const { value } = props;
  const practitioner = props.practitioners.find((p) => p.id === value.practitionerId);
  const options = useAsync(
    async (signal) => {
      if (!practitioner || !/^\d{4}-\d{2}-\d{2}$/.test(value.date)) return null;
      return dayOptions({
        practitioner, date: value.date, minutes: props.minutes, patientId: props.patientId, keep: props.keep,
        max: props.max, timeZone: clinic.timezone, today: clinic.today, signal,
      });
    },
    [value.practitionerId, value.date, props.max],
  );
  const free = options.data?.free || [];

  // Keep the chosen time when it is free that day; otherwise offer the first
  // free one (before the paint, so a time picked meanwhile is not overwritten).
  useLayoutEffect(() => {
    if (options.loading || !options.data) return;
    if (!free.includes(value.time)) props.onValue({ ...value, time: free[0] || '' });
  }, [options.data]);

  const active = props.practitioners.filter((p) => p.active || p.id === value.practitionerId);
  return (
    <div class="slot-picker" data-day={options.loading ? '' : value.date}>
      <SelectField
        label="Practitioner"
        name="practitioner_id"
        value={value.practitionerId}
        onValue={(v) => props.onValue({ ...value, practitionerId: v })}
        options={active.map((p) => ({ value: p.id, label: p.name }))}
        placeholder={value.practitionerId ? undefined : 'Choose…'}
        disabled={props.lockPractitioner}
        error={props.errorFor('practitioner_id')}
      />
      <TextField
        label="Day"
        name="date"
        type="date"
        value={value.date}
        min={props.min}
        max={props.max}
        onValue={(v) => props.onValue({ ...value, date: v })}
        hint={props.dateHint}
      />
      <div class="slot-time">
        <SelectField
          label="Time"
          name="start"
          value={free.includes(value.time) ? value.time : ''}
          onValue={(v) => props.onValue({ ...value, time: v })}
          options={free.map((t) => ({ value: t, label: t }))}
          placeholder={options.loading ? 'Finding free times…' : free.length ? undefined : 'No free time'}
          disabled={options.loading || free.length === 0}
          error={props.errorFor('start')}
          hint={
            options.loading ? (
              <span class="inline-status"><Spinner /> Finding free times…</span>
            ) : options.data?.closed ? (
              <>
                {options.data.closed}{' '}
                <NextFree practitioner={practitioner?.name} next={options.data.next} max={props.max} onChoose={(at) => props.onValue({ ...value, ...at })} />
              </>
            ) : options.data ? (
              `${free.length} free ${free.length === 1 ? 'start' : 'starts'} (${props.minutes}-minute ${props.what || 'session'}, ${clinic.timezone.replace(/_/g, ' ')} time)`
            ) : options.error ? (
              'The free times could not be loaded.'
            ) : undefined
          }
        />
      </div>
    </div>
  );
}

/** After a day with no time: the first free one, chosen in one click. */
function NextFree(props: { practitioner?: string; next?: { date: string; time: string } | null; max?: string; onChoose: (at: { date: string; time: string }) => void }) {
  const { fmt } = useSession();
  const { next } = props;
  if (next === undefined) return null;
  const who = props.practitioner ? ` with ${props.practitioner}` : '';
  if (next === null)
    return <span>{props.max ? `No free time${who} up to ${fmt.weekdayDate(props.max)}, the window's last day: another practitioner may have one.` : `No free time${who} in the next 31 days.`}</span>;
  return (
    <Button small variant="secondary" onClick={() => props.onChoose(next)}>
      First free: {fmt.weekdayDate(next.date)}, {next.time}
    </Button>
  );
}
