import type { RecommendationCategory } from '../api/types';

export const CATEGORY_LABELS: Record<RecommendationCategory, string> = {
  diet: 'Diet',
  stress: 'Stress',
  hydration: 'Hydration',
  hair_care: 'Hair care',
  after_session: 'After a session',
  other: 'Other',
};

export const CATEGORIES = Object.keys(CATEGORY_LABELS) as RecommendationCategory[];

export type Freq = 'DAILY' | 'WEEKLY' | 'MONTHLY';

export function parseRrule(rrule: string): { freq: Freq; interval: number } | null {
  const parts = Object.fromEntries(rrule.split(';').map((p) => p.split('=')));
  const freq = parts.FREQ as Freq;
  if (!['DAILY', 'WEEKLY', 'MONTHLY'].includes(freq)) return null;
  const interval = parts.INTERVAL ? Number(parts.INTERVAL) : 1;
  return { freq, interval: Number.isFinite(interval) ? interval : 1 };
}

export function toRrule(freq: Freq, interval: number | string): string {
  return `FREQ=${freq};INTERVAL=${interval}`;
}

const UNIT: Record<Freq, [string, string]> = { DAILY: ['day', 'days'], WEEKLY: ['week', 'weeks'], MONTHLY: ['month', 'months'] };

/** `FREQ=MONTHLY;INTERVAL=3` -> `every 3 months`. */
export function describeRrule(rrule: string): string {
  const r = parseRrule(rrule);
  if (!r) return rrule;
  const [one, many] = UNIT[r.freq];
  return r.interval === 1 ? `every ${one}` : `every ${r.interval} ${many}`;
}
