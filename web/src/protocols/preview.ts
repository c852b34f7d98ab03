// What a protocol gives for a start date and severity, computed the way the
// server plans a course (src/domain/plan.cc generate_sessions): a preview
// shown before prescribing or while editing a protocol. The server's plan,
// once created, is what counts.
import type { GradeSeverity, Phase } from '../api/types';
import { addDays, addMonths, maxDate, minDate } from '../ui/dates';

export const DEFAULT_MONTHS: Record<GradeSeverity, number> = { mild: 5, moderate: 8, advanced: 12 };

export function monthsFor(protocol: { months: Partial<Record<GradeSeverity, number>> }, severity: GradeSeverity): number {
  return protocol.months[severity] ?? DEFAULT_MONTHS[severity];
}

export interface PreviewSession {
  number: number;
  phase: string;
  target: string;
  earliest: string;
  latest: string;
}

function phaseOf(phases: Phase[], k: number): Phase | null {
  let seen = 0;
  for (const ph of phases) {
    if (!ph.sessions) return ph;
    seen += ph.sessions;
    if (k <= seen) return ph;
  }
  return null;
}

export function previewSessions(phases: Phase[], start: string, months: number): { end: string; sessions: PreviewSession[] } {
  const end = addMonths(start, months);
  const out: PreviewSession[] = [];
  let k = 1;
  let ph = phaseOf(phases, k);
  let target = start;
  let floor = start;
  // A guard against a malformed protocol being edited (interval 0).
  while (ph && target < end && out.length < 400) {
    const tolerance = ph.tolerance_days ?? 1;
    out.push({
      number: k,
      phase: ph.name,
      target,
      earliest: maxDate(addDays(target, -tolerance), floor),
      latest: minDate(addDays(target, tolerance), addDays(end, -1)),
    });
    floor = addDays(target, 1);
    k += 1;
    ph = phaseOf(phases, k);
    if (ph) target = addDays(target, Math.max(1, ph.interval_days));
  }
  return { end, sessions: out };
}

/** Sessions per phase name, in phase order: [["induction", 4], ...]. */
export function countByPhase(sessions: { phase: string }[]): [string, number][] {
  const out: [string, number][] = [];
  for (const s of sessions) {
    const last = out[out.length - 1];
    if (last && last[0] === s.phase) last[1] += 1;
    else out.push([s.phase, 1]);
  }
  return out;
}
