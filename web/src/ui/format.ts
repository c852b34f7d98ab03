// Dates and instants as staff read them. Calendar dates (`YYYY-MM-DD`) are
// shown as written, with no time-zone shift; instants are shown in the
// clinic's time zone, whatever zone the browser is in.
import type { Role, Sex } from '../api/types';
import { addDays } from './dates';

const LOCALE = 'en-GB';

export interface Formatters {
  timeZone: string;
  /** `1979-11-30` -> `30 Nov 1979`. */
  date(value: string | null | undefined): string;
  /** An instant -> `5 Jan 2026, 10:00` in the clinic's zone. */
  dateTime(value: string | null | undefined): string;
  /** An instant -> `5 Jan 2026` (its calendar day in the clinic's zone). */
  day(value: string | null | undefined): string;
  /** An instant -> `10:00` in the clinic's zone. */
  time(value: string | null | undefined): string;
  /** An instant -> `Tue 13 Jan 2026, 10:00` in the clinic's zone. */
  when(value: string | null | undefined): string;
  /** `2026-01-13` -> `Tue 13 Jan 2026`. */
  weekdayDate(value: string | null | undefined): string;
  /** `2026-01-13` -> `13 Jan`. */
  shortDate(value: string | null | undefined): string;
  /** Two dates -> `12–13 Jan 2026`, `30 Jan – 2 Feb 2026`. */
  dateRange(from: string, to: string): string;
  /** A course's dates: its start to its last day. The API's `end_date` is
   *  exclusive (start + months), so the last day is the one before. */
  courseDates(start: string, endExclusive: string): string;
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
  const timeFmt = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone });
  const whenFmt = new Intl.DateTimeFormat(LOCALE, {
    weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone,
  });
  const weekdayDateFmt = new Intl.DateTimeFormat(LOCALE, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const shortDateFmt = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const calendarDate = (value: string | null | undefined, fmt: Intl.DateTimeFormat) => {
    if (!value) return '';
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!m) return value;
    return fmt.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
  };
  const instant = (value: string | null | undefined, fmt: Intl.DateTimeFormat) => {
    if (!value) return '';
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? value : fmt.format(d);
  };
  const dateRange = (from: string, to: string) => {
    if (from === to) return calendarDate(from, dateFmt);
    const [fy, fm] = from.split('-');
    const [ty, tm] = to.split('-');
    if (fy === ty && fm === tm) return `${Number(from.slice(8))}–${calendarDate(to, dateFmt)}`;
    if (fy === ty) return `${calendarDate(from, shortDateFmt)} – ${calendarDate(to, dateFmt)}`;
    return `${calendarDate(from, dateFmt)} – ${calendarDate(to, dateFmt)}`;
  };
  return {
    timeZone: zone,
    date: (value) => calendarDate(value, dateFmt),
    dateTime: (value) => instant(value, dateTimeFmt),
    day: (value) => instant(value, dayFmt),
    time: (value) => instant(value, timeFmt),
    when: (value) => instant(value, whenFmt).replace(/^(\w+),? /, '$1 '),
    weekdayDate: (value) => calendarDate(value, weekdayDateFmt).replace(/^(\w+),? /, '$1 '),
    shortDate: (value) => calendarDate(value, shortDateFmt),
    dateRange,
    courseDates: (start, endExclusive) => dateRange(start, addDays(endExclusive, -1)),
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
  patient: 'Patient (portal)',
};

export function fullName(p: { given_name: string; family_name: string }): string {
  return `${p.given_name} ${p.family_name}`.trim();
}

/** `insulin_dependent` -> `Insulin dependent`. */
export function humanize(code: string): string {
  const s = code.replace(/[_.]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A phone number as a link to dial: `+34 600 123 456` -> `tel:+34600123456`. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^+\d]/g, '')}`;
}

/** Latin letters that do not decompose into a letter and a mark (core/text.cc's table). */
const LETTERS: Record<string, string> = {
  ß: 'ss', æ: 'ae', ø: 'o', ð: 'd', đ: 'd', þ: 'th', ł: 'l', œ: 'oe', ħ: 'h', ı: 'i', ĳ: 'ij', ŀ: 'l', ŉ: 'n', ŋ: 'n', ſ: 's', ŧ: 't', ĸ: 'k',
};

/**
 * Text as the server's search compares it (`search_words` in core/text.cc):
 * case and accents ignored, Latin letters folded ("Jürgen Strauß" and
 * "jurgen strauss" are one), split into words of letters and digits.
 */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ßæøðđþłœħıĳŀŉŋſŧĸ]/g, (c) => LETTERS[c] ?? c)
    .split(/[^0-9a-z\u0080-\uffff]+/u)
    .filter(Boolean)
    .join(' ');
}

/** A number as a person types it, with a decimal point or comma ("1,5" is 1.5); NaN when it is none. */
export function decimal(text: string): number {
  const t = text.trim().replace(',', '.');
  return t === '' ? NaN : Number(t);
}
