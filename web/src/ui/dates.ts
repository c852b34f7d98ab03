// Calendar arithmetic on `YYYY-MM-DD` dates (no time zone involved) and the
// clinic-local reading of an instant. Bookings are sent to the server as
// clinic-local `YYYY-MM-DDTHH:MM` (no offset), which it reads in the
// clinic's zone, so the browser's own zone never enters the sums.

const DAY_MS = 86_400_000;

function toUtc(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function fromUtc(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function isDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(toUtc(value).getTime());
}

export function addDays(date: string, days: number): string {
  return fromUtc(new Date(toUtc(date).getTime() + days * DAY_MS));
}

/** Calendar months later, clamped to the month's last day (31 Jan + 1 = 28 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return fromUtc(new Date(Date.UTC(ny, nm, Math.min(d, last))));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / DAY_MS);
}

/** Monday = 1 ... Sunday = 7. */
export function isoWeekday(date: string): number {
  const w = toUtc(date).getUTCDay();
  return w === 0 ? 7 : w;
}

/** The Monday of the week holding `date`. */
export function weekStart(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

/** `HH:MM` -> minutes after midnight. */
export function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** Minutes after midnight -> `HH:MM`. */
export function fromMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

export interface LocalTime {
  /** `YYYY-MM-DD` in the zone. */
  date: string;
  /** `HH:MM` in the zone. */
  time: string;
  /** Minutes after local midnight. */
  minutes: number;
}

const partsCache = new Map<string, Intl.DateTimeFormat>();

/** Where an instant falls on the clinic's wall clock. */
export function inZone(instant: string, timeZone: string): LocalTime {
  let fmt = partsCache.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    partsCache.set(timeZone, fmt);
  }
  const parts: Record<string, string> = {};
  for (const p of fmt.formatToParts(new Date(instant))) parts[p.type] = p.value;
  const time = `${parts.hour}:${parts.minute}`;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time, minutes: toMinutes(time) };
}

/** A clinic-local start to send to the API: `2026-01-13T10:00`. */
export function localStart(date: string, time: string): string {
  return `${date}T${time}`;
}

export const WEEKDAYS: { value: number; short: string; long: string }[] = [
  { value: 1, short: 'Mon', long: 'Monday' },
  { value: 2, short: 'Tue', long: 'Tuesday' },
  { value: 3, short: 'Wed', long: 'Wednesday' },
  { value: 4, short: 'Thu', long: 'Thursday' },
  { value: 5, short: 'Fri', long: 'Friday' },
  { value: 6, short: 'Sat', long: 'Saturday' },
  { value: 7, short: 'Sun', long: 'Sunday' },
];

/** "3 days", "1 day", "2 weeks" for intervals written in days. */
export function describeDays(days: number): string {
  if (days % 7 === 0 && days >= 7) {
    const w = days / 7;
    return w === 1 ? 'week' : `${w} weeks`;
  }
  return days === 1 ? 'day' : `${days} days`;
}
