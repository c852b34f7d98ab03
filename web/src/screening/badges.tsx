import type { Finding, Outcome, Screening } from '../api/types';
import { Badge, type Tone } from '../ui/feedback';

export const OUTCOME_LABELS: Record<Outcome, string> = {
  eligible: 'Eligible',
  review: 'Needs review',
  ineligible: 'Not eligible',
};

const OUTCOME_TONES: Record<Outcome, Tone> = { eligible: 'success', review: 'warning', ineligible: 'danger' };

/** The outcome; a `review` cleared by a clinician's override says so. */
export function OutcomeBadge({ screening }: { screening: Pick<Screening, 'outcome' | 'override'> }) {
  if (screening.outcome === 'review' && screening.override) {
    return <Badge tone="success" title="Needs review; cleared by a clinician's override">Review · overridden</Badge>;
  }
  return <Badge tone={OUTCOME_TONES[screening.outcome]}>{OUTCOME_LABELS[screening.outcome]}</Badge>;
}

export function FindingSeverity({ finding }: { finding: Finding }) {
  return finding.severity === 'absolute' ? <Badge tone="danger">Absolute</Badge> : <Badge tone="warning">Relative</Badge>;
}
