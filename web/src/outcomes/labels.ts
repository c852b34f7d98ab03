// Words for outcome measures, evaluations and photo views.
import type { Evaluation, MeasurementKind, PhotoView, Series } from '../api/types';
import type { Tone } from '../ui/feedback';
import { decimal, foldText } from '../ui/format';

export interface KindInfo {
  label: string;
  unit: string;
  /** Shown after a value: "hairs/cm²". */
  hint: string;
  min: number;
  max: number;
  whole?: boolean;
  /** Lower is better (vellus share, shedding, pull test). */
  lowerIsBetter?: boolean;
  /**
   * The largest change from the baseline, as a fraction of it, that a
   * course gives; a larger one is more likely a slip of the keyboard and
   * is questioned before it is saved.
   */
  plausibleChange?: number;
}

export const KINDS: Record<MeasurementKind, KindInfo> = {
  density: { label: 'Total density', unit: 'hairs/cm²', hint: 'Hairs per cm² at the marked site', min: 0, max: 1000, plausibleChange: 0.5 },
  terminal_density: { label: 'Terminal hair density', unit: 'hairs/cm²', hint: 'Terminal hairs per cm²', min: 0, max: 1000, plausibleChange: 0.5 },
  vellus_percent: { label: 'Vellus hairs', unit: '%', hint: 'Share of vellus (thin) hairs', min: 0, max: 100, lowerIsBetter: true },
  mean_diameter_um: { label: 'Mean shaft diameter', unit: 'µm', hint: 'Mean hair shaft diameter', min: 1, max: 300, plausibleChange: 0.4 },
  cumulative_thickness_mm: { label: 'Cumulative thickness', unit: 'mm/cm²', hint: 'Sum of shaft diameters per cm²', min: 0, max: 100, plausibleChange: 0.6 },
  anagen_percent: { label: 'Anagen hairs', unit: '%', hint: 'Share of growing hairs (two images)', min: 0, max: 100 },
  pull_test_hairs: { label: 'Pull test', unit: 'hairs', hint: 'Hairs out in a pull of 40-60', min: 0, max: 100, whole: true, lowerIsBetter: true },
  shedding_count: { label: 'Shedding count', unit: 'hairs', hint: 'Hairs that fall in a 60-second comb before washing', min: 0, max: 2000, whole: true, lowerIsBetter: true },
  photo_rating: { label: 'Global photo rating', unit: '−3..+3', hint: 'Standard photos rated −3 (much worse) to +3 (much better)', min: -3, max: 3, whole: true },
  self_assessment: { label: 'Patient self-assessment', unit: '−3..+3', hint: 'How the patient rates the change, −3 to +3', min: -3, max: 3, whole: true },
};

export const KIND_ORDER: MeasurementKind[] = [
  'density', 'terminal_density', 'mean_diameter_um', 'vellus_percent', 'cumulative_thickness_mm', 'anagen_percent',
  'photo_rating', 'pull_test_hairs', 'shedding_count', 'self_assessment',
];

export const EVALUATION: Record<Evaluation, { label: string; tone: Tone | 'neutral' }> = {
  too_early: { label: 'Too early to evaluate', tone: 'neutral' },
  due: { label: 'Evaluation due', tone: 'warning' },
  overdue: { label: 'Evaluation overdue', tone: 'danger' },
  responder: { label: 'Responder', tone: 'success' },
  partial: { label: 'Partial response', tone: 'info' },
  non_responder: { label: 'No response', tone: 'danger' },
};

export const VIEWS: { value: PhotoView; label: string }[] = [
  { value: 'frontal', label: 'Frontal' },
  { value: 'vertex', label: 'Vertex' },
  { value: 'top', label: 'Top' },
  { value: 'left', label: 'Left side' },
  { value: 'right', label: 'Right side' },
];

/**
 * What is wrong with a typed value for a measure ("1,5" reads 1.5), or null:
 * said with the other form errors, not after the server's answer.
 */
export function valueProblem(kind: MeasurementKind, text: string): string | null {
  const info = KINDS[kind];
  const n = decimal(text);
  if (!text.trim() || !Number.isFinite(n)) return 'Enter a number.';
  if (n < info.min || n > info.max) return `Enter a value between ${figure(info.min)} and ${figure(info.max)} ${info.unit}.`;
  if (info.whole && !Number.isInteger(n)) return 'Enter a whole number.';
  return null;
}

/**
 * Why a figure looks like a typing slip ("Check the value"), or null: it
 * lies further from its reference than the kind's plausible change. The
 * reference is the baseline for a figure after the baseline's day; for one
 * on or before it (which may become the baseline itself), the figure of the
 * same kind and site nearest before or on that day. Other named sites are
 * not compared (as on the server).
 */
export function implausible(
  kind: MeasurementKind,
  value: number,
  site: string,
  takenOn: string,
  series: Series | undefined,
  date: (d: string) => string,
): string | null {
  const info = KINDS[kind];
  if (!info.plausibleChange || !series || !Number.isFinite(value)) return null;
  const sameSite = (other: string | null) => !foldText(site) || !other || !foldText(other) || foldText(site) === foldText(other);
  let reference: { value: number; on: string; what: string } | null = null;
  if (series.baseline !== null && series.baseline_on && takenOn > series.baseline_on) {
    if (!sameSite(series.site)) return null;
    reference = { value: series.baseline, on: series.baseline_on, what: 'the baseline' };
  } else {
    const before = series.points.filter((p) => p.taken_on <= takenOn && sameSite(p.site));
    const nearest = before[before.length - 1];
    if (nearest) reference = { value: nearest.value, on: nearest.taken_on, what: 'the figure' };
  }
  if (!reference || reference.value <= 0) return null;
  const change = (value - reference.value) / reference.value;
  if (Math.abs(change) <= info.plausibleChange) return null;
  const percent = Math.round(Math.abs(change) * 100);
  return `${figure(value)} ${info.unit} is ${percent}% ${change < 0 ? 'below' : 'above'} ${reference.what} of ${figure(reference.value)} ${info.unit} (${date(reference.on)}).`;
}

/** `12.5` -> `12.5`, `150` -> `150`, `0.123456` -> `0.12`. */
export function figure(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const rounded = Math.abs(value) >= 100 ? Math.round(value) : Number(value.toFixed(digits));
  return new Intl.NumberFormat('en-GB', { maximumFractionDigits: digits }).format(rounded);
}

/**
 * A signed percentage cut toward zero at a tenth, as the server's evaluation
 * words it: +4.97% reads `+4.9%`, never the `+5%` a response class starts at.
 */
export function signedPercent(value: number | null | undefined): string {
  return signed(value === null || value === undefined ? value : Math.trunc(value * 10) / 10, '%');
}

/** `+12.5%`, `−3` (a signed change). */
export function signed(value: number | null | undefined, suffix = '', digits = 1): string {
  if (value === null || value === undefined) return '—';
  const f = figure(Math.abs(value), digits);
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${f}${suffix}`;
}
