// Dates and instants as staff read them. Calendar dates (`YYYY-MM-DD`) are
// shown as written, with no time-zone shift; instants are shown in the
// clinic's time zone, whatever zone the browser is in.
import type { Role, Sex } from '../api/types';

const LOCALE = 'en-GB';

export interface Formatters {
  timeZone: string;
  /** `1979-11-30` -> `30 Nov 1979`. */
  date(value: string | null | undefined): string;
  /** An instant -> `5 Jan 2026, 10:00` in the clinic's zone. */
  dateTime(value: string | null | undefined): string;
  /** An instant -> `5 Jan 2026` (its calendar day in the clinic's zone). */
  day(value: string | null | undefined): string;
}

function safeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat(LOCALE, { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

export function formatters(timeZone: string): Formatters {
  const zone = safeZone(timeZone);
  const dateFmt = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const dayFmt = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', year: 'numeric', timeZone: zone });
  const dateTimeFmt = new Intl.DateTimeFormat(LOCALE, {
    day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone,
  });
  const instant = (value: string | null | undefined, fmt: Intl.DateTimeFormat) => {
    if (!value) return '';
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? value : fmt.format(d);
  };
  return {
    timeZone: zone,
    date(value) {
      if (!value) return '';
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      if (!m) return value;
      return dateFmt.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
    },
    dateTime: (value) => instant(value, dateTimeFmt),
    day: (value) => instant(value, dayFmt),
  };
}

export const SEX_LABELS: Record<Sex, string> = {
  female: 'Female',
  male: 'Male',
  other: 'Other',
  unknown: 'Not stated',
};

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  clinician: 'Clinician',
  receptionist: 'Receptionist',
};

export function fullName(p: { given_name: string; family_name: string }): string {
  return `${p.given_name} ${p.family_name}`.trim();
}

/** `insulin_dependent` -> `Insulin dependent`. */
export function humanize(code: string): string {
  const s = code.replace(/[_.]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}
