// Changes to a whole plan, each with a written reason: revise (another
// protocol or course length from now on), stop early, clear the review flag.
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Page, Plan, Protocol } from '../api/types';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import { FormError, Loading } from '../ui/feedback';
import { SelectField, TextAreaField, TextField } from '../ui/fields';
import { useToast } from '../ui/toast';
import { ReasonDialog } from '../ui/ReasonDialog';
import { useAction } from '../ui/useAction';
import { useAsync } from '../ui/useAsync';
import { monthsFor } from '../protocols/months';

/** Appointments still to come: booked sessions and evaluation visits. */
function bookedCount(plan: Plan): number {
  const pending = (st: string) => st === 'booked' || st === 'arrived';
  return plan.sessions.filter((s) => s.status === 'booked').length + plan.evaluations.filter((a) => pending(a.status)).length;
}

export function ReviseDialog({ plan, onClose, onDone }: { plan: Plan; onClose: () => void; onDone: () => void }) {
  const notify = useToast();
  const protocols = useAsync((signal) => api.get<Page<Protocol>>('/protocols', undefined, signal), []);
  const [protocolId, setProtocolId] = useState(plan.protocol.id);
  const [months, setMonths] = useState(String(plan.months));
  const [reason, setReason] = useState('');
  const chosen = protocols.data?.items.find((p) => p.id === protocolId);
  const action = useAction(
    () => {
      const body: Record<string, unknown> = { reason: reason.trim() };
      const changedProtocol = protocolId !== plan.protocol.id || (chosen && chosen.version !== plan.protocol.version);
      if (changedProtocol) body.protocol_id = protocolId;
      if (months.trim() && Number(months) !== plan.months) body.months = Number(months);
      return api.post<Plan>(`/plans/${plan.id}/revise`, body);
    },
    (p) => {
      const left = p.sessions.filter((s) => s.status !== 'done');
      const open = left.filter((s) => !s.appointment).length;
      notify(`Plan revised: ${left.length} sessions from now on, ${left.length - open} still booked.${open ? ` Book the other ${open}.` : ''}`);
      onDone();
    },
  );
  return (
    <Dialog
      title="Revise the plan"
      onClose={onClose}
      intro={
        <p>
          Sessions already done stay as they are. Every session not yet done is planned again, after the last one done and
          never before today, from the new protocol or length (or the same ones: a course behind its schedule goes on from
          today); an appointment already made keeps its slot where the new session allows that day, the others are cancelled.
          Book the sessions left open afterwards.
        </p>
      }
    >
      {protocols.data === undefined && !protocols.error ? (
        <Loading>Loading protocols…</Loading>
      ) : (
        <form onSubmit={action.submit} noValidate class="stack">
          <FormError error={action.error} fields={['protocol_id', 'months', 'reason']} />
          <SelectField
            label="Protocol"
            name="protocol_id"
            value={protocolId}
            onValue={(v) => {
              setProtocolId(v);
              const p = protocols.data?.items.find((x) => x.id === v);
              if (p) setMonths(String(monthsFor(p, plan.severity)));
            }}
            options={(protocols.data?.items || [])
              .filter((p) => p.active || p.id === plan.protocol.id)
              .map((p) => ({ value: p.id, label: `${p.name}${p.id === plan.protocol.id ? ' (current)' : ''}` }))}
            error={action.errorFor('protocol_id')}
          />
          <TextField
            label="Course length in months"
            name="months"
            type="number"
            inputMode="numeric"
            min={5}
            max={12}
            size="short"
            value={months}
            onValue={setMonths}
            hint={`From the start date (${plan.start_date}); 5 to 12 months.`}
            error={action.errorFor('months')}
          />
          <TextAreaField
            label="Reason"
            name="reason"
            rows={2}
            value={reason}
            onValue={setReason}
            placeholder="e.g. Good response at 3 months: extend maintenance to 12 months."
            error={action.errorFor('reason')}
          />
          <div class="form-actions">
            <Button type="submit" busy={action.busy}>Revise the plan</Button>
            <Button variant="secondary" onClick={onClose}>Cancel</Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

export function StopDialog({ plan, onClose, onDone }: { plan: Plan; onClose: () => void; onDone: () => void }) {
  const notify = useToast();
  const booked = bookedCount(plan);
  return (
    <ReasonDialog
      title="Stop the course"
      warning={
        <>
          Stopping ends the course early: sessions done stay recorded; every session not done is cancelled
          {booked > 0 ? `, including ${booked} booked ${booked === 1 ? 'appointment' : 'appointments'}` : ''}. This cannot be undone.
        </>
      }
      placeholder="e.g. Pregnancy: treatment contraindicated."
      act="Stop the course"
      keep="Keep it going"
      run={(reason) => api.post<Plan>(`/plans/${plan.id}/stop`, { reason })}
      onDone={() => {
        notify('The course is stopped.');
        onDone();
      }}
      onClose={onClose}
    />
  );
}

export function HoldDialog({ plan, onClose, onDone }: { plan: Plan; onClose: () => void; onDone: () => void }) {
  const notify = useToast();
  const booked = bookedCount(plan);
  return (
    <ReasonDialog
      title="Put the course on hold"
      warning={
        <>
          Nothing is booked or charted until a clinician clears the hold
          {booked > 0 ? `; the ${booked} booked ${booked === 1 ? 'appointment is' : 'appointments are'} cancelled (tell the patient)` : ''}.
          To resume, clear the review, then book the course again or revise the plan.
        </>
      }
      placeholder="e.g. Flu: resume once recovered, in about two weeks."
      act="Put on hold"
      keep="Keep it going"
      run={(reason) => api.post<Plan>(`/plans/${plan.id}/hold`, { reason })}
      onDone={() => {
        notify('The course is on hold.');
        onDone();
      }}
      onClose={onClose}
    />
  );
}

export function ClearReviewDialog({ plan, onClose, onDone }: { plan: Plan; onClose: () => void; onDone: () => void }) {
  const notify = useToast();
  const [note, setNote] = useState('');
  const action = useAction(
    () => api.post<Plan>(`/plans/${plan.id}/clear-review`, { note: note.trim() }),
    () => {
      notify('Review cleared.');
      onDone();
    },
  );
  return (
    <Dialog title="Clear the review flag" onClose={onClose} intro={<p>{plan.review_reason}</p>}>
      <form onSubmit={action.submit} noValidate class="stack">
        <FormError error={action.error} fields={['note']} />
        <TextAreaField
          label="Note"
          name="note"
          rows={2}
          value={note}
          onValue={setNote}
          placeholder="e.g. Spoke to the patient; session rebooked inside its window, no change to the plan."
          hint="Kept in the audit trail with the reason the plan was flagged."
          error={action.errorFor('note')}
        />
        <div class="form-actions">
          <Button type="submit" busy={action.busy}>Clear review</Button>
          <Button variant="secondary" onClick={onClose}>Cancel</Button>
        </div>
      </form>
    </Dialog>
  );
}
