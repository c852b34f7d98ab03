// The evaluation against baseline, prominent, and a chart per measure.
// Shared by the staff Outcomes tab and the patient's portal.
import type { MeasurementKind, Progress } from '../api/types';
import { useSession } from '../session/session';
import { Badge, EmptyState } from '../ui/feedback';
import { MeasureChart } from './MeasureChart';
import { EVALUATION, KINDS, KIND_ORDER } from './labels';

/** Plain words for the portal: what the status means to the patient. */
const FOR_PATIENTS: Record<string, string> = {
  too_early: 'Results usually show 3 to 5 months after the first session. Keep going: your clinician will compare with where you started.',
  due: 'It is time to compare with where you started: your clinician will measure at your next visit.',
  overdue: 'Your clinician will compare with where you started at your next visit.',
  responder: 'Your hair has responded to the treatment compared with where you started.',
  partial: 'Your hair has partly responded to the treatment compared with where you started.',
  non_responder: 'The measurements do not show a response yet. Your clinician will talk through the options with you.',
};

export function EvaluationPanel({ progress, patient }: { progress: Progress; patient?: boolean }) {
  const { fmt } = useSession();
  const ev = EVALUATION[progress.evaluation] || { label: progress.evaluation, tone: 'neutral' };
  const t = progress.thresholds;
  return (
    <section class={`evaluation evaluation--${progress.conflicting ? 'warning' : ev.tone}`} data-testid="evaluation" data-evaluation={progress.evaluation} aria-labelledby="evaluation-title">
      <p class="evaluation-kicker">{patient ? 'Your progress' : 'Evaluation against baseline'}</p>
      <h2 class="evaluation-title" id="evaluation-title">
        {patient && progress.conflicting ? 'Results to go over with your clinician' : ev.label}
        {!patient && progress.conflicting && <> <Badge tone="warning">Measures disagree</Badge></>}
      </h2>
      <p class="evaluation-text">
        {/* The server words a disagreement for the patient already. */}
        {patient && !progress.conflicting ? FOR_PATIENTS[progress.evaluation] || progress.explanation : progress.explanation}
      </p>
      <p class="evaluation-meta small">
        {progress.first_session ? <>First session {fmt.date(progress.first_session)}</> : 'No session done yet'}
        {!patient && (
          <>
            {' · '}Responder: density +{t.responder_density_percent}% or photo rating +{t.responder_photo_rating} or better; partial: density +{t.partial_density_percent}%
          </>
        )}
      </p>
    </section>
  );
}

/** `onCorrected`: staff who may chart can mark a figure entered in error. */
export function ProgressCharts({ progress, only, onCorrected }: { progress: Progress; only?: MeasurementKind[]; onCorrected?: () => void }) {
  const kinds = KIND_ORDER.filter((k) => progress.series[k] && (!only || only.includes(k)));
  if (kinds.length === 0) {
    return (
      <EmptyState title="No measurements yet.">
        Measurements (trichoscopy figures, photo ratings, pull tests, shedding counts) appear here as charts against the baseline.
      </EmptyState>
    );
  }
  return (
    <div class="measures" data-testid="progress-charts">
      {kinds.map((k) => {
        const info = KINDS[k];
        return (
          <MeasureChart
            key={k}
            kind={k}
            series={progress.series[k]!}
            firstSession={progress.first_session}
            min={info.min}
            max={info.max}
            whole={info.whole}
            lowerIsBetter={info.lowerIsBetter}
            onCorrected={onCorrected}
          />
        );
      })}
    </div>
  );
}
