// Free start times of one practitioner on one day, for the slot picker:
// working hours, less clinic holidays and time off, less the practitioner's
// and the patient's appointments. The server checks the chosen slot again
// (and has the last word); this only spares the receptionist guesses.
import { api } from '../api/client';
import type { Appointment, Clinic, Page, Practitioner, TimeOff } from '../api/types';
import { fromMinutes, inZone, isoWeekday, toMinutes } from '../ui/dates';

export interface DayOptions {
  /** Free start times, `HH:MM`. */
  free: string[];
  /** Why the day has no time at all, in words. */
  closed?: string;
}

const HOLDS_SLOT = new Set(['booked', 'arrived', 'completed']);

export async function dayOptions(args: {
  practitioner: Practitioner;
  date: string;
  minutes: number;
  patientId: string;
  /** The appointment being moved: its own slot counts as free. */
  ignore?: string;
  timeZone: string;
  signal?: AbortSignal;
}): Promise<DayOptions> {
  const { practitioner, date, minutes, timeZone, signal } = args;
  const [clinic, holidays, off, theirs, patients] = await Promise.all([
    api.get<Clinic>('/clinic', undefined, signal),
    api.get<Page<TimeOff>>('/clinic/holidays', undefined, signal),
    api.get<Page<TimeOff>>(`/practitioners/${practitioner.id}/time-off`, undefined, signal),
    api.get<Page<Appointment>>('/appointments', { practitioner_id: practitioner.id, from: date, to: date, include_cancelled: false }, signal),
    api.get<Page<Appointment>>('/appointments', { patient_id: args.patientId, from: date, to: date, include_cancelled: false }, signal),
  ]);
  const holiday = holidays.items.find((h) => h.from <= date && date <= h.to);
  if (holiday) return { free: [], closed: `The clinic is closed${holiday.reason ? ` (${holiday.reason})` : ''}.` };
  const away = off.items.find((h) => h.from <= date && date <= h.to);
  if (away) return { free: [], closed: `${practitioner.name} is off${away.reason ? ` (${away.reason})` : ''}.` };
  const hours = practitioner.working_hours.filter((h) => h.weekday === isoWeekday(date));
  if (hours.length === 0) return { free: [], closed: `${practitioner.name} does not work on that day of the week.` };

  const busy: [number, number][] = [];
  for (const a of [...theirs.items, ...patients.items]) {
    if (a.id === args.ignore || !HOLDS_SLOT.has(a.status)) continue;
    const s = inZone(a.start, timeZone);
    const e = inZone(a.end, timeZone);
    if (s.date !== date) continue;
    busy.push([s.minutes, e.date === date ? e.minutes : 24 * 60]);
  }
  const step = clinic.slot_minutes || 10;
  const now = clinic.now ? inZone(clinic.now, timeZone) : null;
  const free: string[] = [];
  for (const h of hours) {
    const end = toMinutes(h.end);
    for (let t = toMinutes(h.start); t + minutes <= end; t += step) {
      if (now && (date < now.date || (date === now.date && t < now.minutes))) continue;
      if (busy.some(([bs, be]) => t < be && bs < t + minutes)) continue;
      free.push(fromMinutes(t));
    }
  }
  if (free.length === 0) {
    return { free, closed: now && date < now.date ? 'That day is in the past.' : `${practitioner.name} has no free ${minutes}-minute slot that day.` };
  }
  return { free };
}
