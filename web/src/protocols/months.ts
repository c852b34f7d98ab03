// How long a protocol runs for a grade's severity (its own figure, or the
// clinic's default when the protocol leaves it out).
import type { GradeSeverity } from '../api/types';

export const DEFAULT_MONTHS: Record<GradeSeverity, number> = { mild: 5, moderate: 8, advanced: 12 };

export function monthsFor(protocol: { months: Partial<Record<GradeSeverity, number>> }, severity: GradeSeverity): number {
  return protocol.months[severity] ?? DEFAULT_MONTHS[severity];
}
