import type { AppointmentStatus, PlanStatus, SessionStatus } from '../api/types';
import type { Tone } from '../ui/feedback';

export const APPOINTMENT_LABELS: Record<AppointmentStatus, string> = {
  booked: 'Booked',
  arrived: 'Arrived',
  completed: 'Completed',
  no_show: 'No-show',
  cancelled: 'Cancelled',
};

export const APPOINTMENT_TONES: Record<AppointmentStatus, Tone | 'neutral'> = {
  booked: 'info',
  arrived: 'warning',
  completed: 'success',
  no_show: 'danger',
  cancelled: 'neutral',
};

export const SESSION_LABELS: Record<SessionStatus, string> = {
  planned: 'Not booked',
  booked: 'Booked',
  done: 'Done',
  missed: 'Missed',
  skipped: 'Missed, not made up',
  cancelled: 'Cancelled',
};

export const SESSION_TONES: Record<SessionStatus, Tone | 'neutral'> = {
  planned: 'neutral',
  booked: 'info',
  done: 'success',
  missed: 'danger',
  skipped: 'neutral',
  cancelled: 'neutral',
};

export const PLAN_LABELS: Record<PlanStatus, string> = {
  active: 'Active',
  stopped: 'Stopped',
  completed: 'Completed',
};

export const PLAN_TONES: Record<PlanStatus, Tone | 'neutral'> = {
  active: 'success',
  stopped: 'neutral',
  completed: 'info',
};

/** `maintenance` -> `Maintenance`. */
export function phaseLabel(name: string): string {
  return name ? name.charAt(0).toUpperCase() + name.slice(1) : name;
}

/** "every week", "every 2 weeks", "every 3 days". */
export function every(days: number): string {
  if (days >= 7 && days % 7 === 0) return days === 7 ? 'every week' : `every ${days / 7} weeks`;
  return days === 1 ? 'every day' : `every ${days} days`;
}

/** A session still to book whose window has not passed (the clinic's `today`). */
export function bookable(s: { status: SessionStatus; latest: string }, today: string): boolean {
  return (s.status === 'planned' || s.status === 'missed') && s.latest >= today;
}

type Labelled = { kind?: string; session_number: number | null };
const isEvaluation = (a: Labelled) => a.kind === 'evaluation' || a.session_number === null;

/** "Session 3", or "Evaluation visit" (the visit at which results are measured). */
export function appointmentLabel(a: Labelled): string {
  return isEvaluation(a) ? 'Evaluation visit' : `Session ${a.session_number}`;
}

/** The same in running text: "session 3", "the evaluation visit". */
export function appointmentName(a: Labelled): string {
  return isEvaluation(a) ? 'the evaluation visit' : `session ${a.session_number}`;
}
