// Free start times of one practitioner on one day, from the server
// (GET /practitioners/{id}/slots: working hours less holidays, time off and
// the practitioner's and the patient's appointments). When a day has none,
// the reason is put in words from the practitioner's hours, the clinic's
// holidays and their time off.
import { api } from '../api/client';
import type { FreeSlot, Page, Practitioner, TimeOff } from '../api/types';
import { inZone, isoWeekday } from '../ui/dates';

export interface DayOptions {
  /** Free start times, `HH:MM`. */
  free: string[];
  /** Why the day has no time at all, in words. */
  closed?: string;
}

export async function dayOptions(args: {
  practitioner: Practitioner;
  date: string;
  minutes: number;
  patientId: string;
  /** The slot of the appointment being moved, which counts as free. */
  keep?: { date: string; time: string };
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
  // The server counts the appointment being moved as busy; its own start stays on offer.
  if (args.keep && args.keep.date === date && !free.includes(args.keep.time)) {
    free.push(args.keep.time);
    free.sort();
  }
  if (free.length > 0) return { free };
  return { free, closed: await whyClosed(practitioner, date, minutes, args.today, signal) };
}

async function whyClosed(practitioner: Practitioner, date: string, minutes: number, today: string | undefined, signal?: AbortSignal): Promise<string> {
  if (today && date < today) return 'That day is in the past.';
  const [holidays, off] = await Promise.all([
    api.get<Page<TimeOff>>('/clinic/holidays', undefined, signal),
    api.get<Page<TimeOff>>(`/practitioners/${practitioner.id}/time-off`, undefined, signal),
  ]);
  const holiday = holidays.items.find((h) => h.from <= date && date <= h.to);
  if (holiday) return `The clinic is closed${holiday.reason ? ` (${holiday.reason})` : ''}.`;
  const away = off.items.find((h) => h.from <= date && date <= h.to);
  if (away) return `${practitioner.name} is off${away.reason ? ` (${away.reason})` : ''}.`;
  if (!practitioner.working_hours.some((h) => h.weekday === isoWeekday(date))) return `${practitioner.name} does not work on that day of the week.`;
  return `${practitioner.name} has no free ${minutes}-minute slot that day.`;
}
