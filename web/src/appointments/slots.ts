// Free start times of one practitioner on one day, from the server
// (GET /practitioners/{id}/slots: working hours less holidays, time off and
// the practitioner's and the patient's appointments). When a day has none,
// the reason is put in words from the practitioner's hours, the clinic's
// holidays and their time off, and the first free time after it is found
// (within the window's last day, at most 31 days on).
import { api } from '../api/client';
import type { FreeSlot, Page, Practitioner, TimeOff } from '../api/types';
import { addDays, inZone, isoWeekday, minDate } from '../ui/dates';

export interface DayOptions {
  /** Free start times, `HH:MM`. */
  free: string[];
  /** Why the day has no time at all, in words. */
  closed?: string;
  /** The first free time after a day with none (null: none up to `max`). */
  next?: { date: string; time: string } | null;
}

export async function dayOptions(args: {
  practitioner: Practitioner;
  date: string;
  minutes: number;
  patientId: string;
  /** The slot of the appointment being moved, which counts as free. */
  keep?: { date: string; time: string };
  /** The last day a time may be on (the session's window). */
  max?: string;
  timeZone: string;
  today?: string;
  signal?: AbortSignal;
}): Promise<DayOptions> {
  const { practitioner, date, minutes, timeZone, signal } = args;
  const slots = await api.get<Page<FreeSlot>>(
    `/practitioners/${practitioner.id}/slots`,
    { date, minutes, patient_id: args.patientId },
    signal,
  );
  const free = slots.items.map((s) => inZone(s.start, timeZone)).filter((t) => t.date === date).map((t) => t.time);
  // The server counts the appointment being moved as busy; its own start
  // stays on offer, unless the day has become a day off since it was booked.
  const keep = args.keep && args.keep.date === date && !free.includes(args.keep.time) ? args.keep.time : null;
  if (free.length === 0) {
    const [why, next] = await Promise.all([whyClosed(practitioner, date, minutes, args.today, signal), nextFree(args)]);
    if (!keep || why.dayOff) return { free, closed: why.text, next };
  }
  if (keep) {
    free.push(keep);
    free.sort();
  }
  return { free };
}

/** The first free start after `date`, up to `max` and at most 31 days on. */
async function nextFree(args: { practitioner: Practitioner; date: string; minutes: number; patientId: string; max?: string; timeZone: string; signal?: AbortSignal }) {
  const from = addDays(args.date, 1);
  const to = minDate(args.max || addDays(args.date, 31), addDays(args.date, 31));
  if (to < from) return null;
  const slots = await api.get<Page<FreeSlot>>(
    `/practitioners/${args.practitioner.id}/slots`,
    { date: from, to, minutes: args.minutes, patient_id: args.patientId },
    args.signal,
  );
  const first = slots.items[0];
  return first ? inZone(first.start, args.timeZone) : null;
}

/** Why a day has no free time, and whether it is off altogether (past, closed, away, not worked). */
async function whyClosed(practitioner: Practitioner, date: string, minutes: number, today: string | undefined, signal?: AbortSignal): Promise<{ text: string; dayOff: boolean }> {
  if (today && date < today) return { text: 'That day is in the past.', dayOff: true };
  const [holidays, off] = await Promise.all([
    api.get<Page<TimeOff>>('/clinic/holidays', undefined, signal),
    api.get<Page<TimeOff>>(`/practitioners/${practitioner.id}/time-off`, undefined, signal),
  ]);
  const holiday = holidays.items.find((h) => h.from <= date && date <= h.to);
  if (holiday) return { text: `The clinic is closed${holiday.reason ? ` (${holiday.reason})` : ''}.`, dayOff: true };
  const away = off.items.find((h) => h.from <= date && date <= h.to);
  if (away) return { text: `${practitioner.name} is off${away.reason ? ` (${away.reason})` : ''}.`, dayOff: true };
  if (!practitioner.working_hours.some((h) => h.weekday === isoWeekday(date))) return { text: `${practitioner.name} does not work on that day of the week.`, dayOff: true };
  return { text: `${practitioner.name} has no free ${minutes}-minute slot that day.`, dayOff: false };
}
