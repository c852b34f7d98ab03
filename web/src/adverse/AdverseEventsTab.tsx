// A patient's side effects: recording one (the suspected session and lots,
// the CTCAE grade, management, outcome), following it up, and the events
// so far, with those the patient reported from the portal marked until a
// clinician reviews them.
import { useRoute } from 'preact-iso';
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { AdverseEvent, AdverseOutcome, Lot, Management, Page, Patient, SessionRecord } from '../api/types';
import { useSession } from '../session/session';
import { useStaffNames } from '../users/staffNames';
import { Async } from '../ui/Async';
import { Button } from '../ui/Button';
import { Alert, Badge, EmptyState, FormError } from '../ui/feedback';
import { CheckboxGroup, RadioGroup, SelectField, TextAreaField, TextField } from '../ui/fields';
import { Dialog } from '../ui/Dialog';
import { Card } from '../ui/Page';
import { useToast } from '../ui/toast';
import { useAsync } from '../ui/useAsync';
import { useFormSubmit } from '../ui/useFormSubmit';
import { GRADES, MANAGEMENTS, MANAGEMENT_LABELS, OUTCOMES, OUTCOME_LABELS, OUTCOME_TONES, TYPES, TYPE_LABELS, gradeTone } from './labels';

interface AeData {
  events: AdverseEvent[];
  sessions: SessionRecord[];
  lots: Map<string, Lot>;
}

export function AdverseEventsTab({ patient, onChanged }: { patient: Patient; onChanged: () => void }) {
  const { can } = useSession();
  const { query } = useRoute();
  const state = useAsync<AeData>(
    async (signal) => {
      const [events, sessions, lots] = await Promise.all([
        api.get<Page<AdverseEvent>>(`/patients/${patient.id}/adverse-events`, undefined, signal),
        api.get<Page<SessionRecord>>(`/patients/${patient.id}/sessions`, undefined, signal),
        api.get<Page<Lot>>('/lots', undefined, signal),
      ]);
      // A record entered in error is no session a side effect can follow.
      const sorted = sessions.items.filter((s) => !s.entered_in_error).sort((a, b) => (a.performed_at < b.performed_at ? 1 : -1));
      return { events: events.items, sessions: sorted, lots: new Map(lots.items.map((l) => [l.id, l])) };
    },
    [patient.id],
  );
  const [open, setOpen] = useState(!!query.session);
  const [flagged, setFlagged] = useState<AdverseEvent | null>(null);
  const writer = can('clinical:write');

  return (
    <Async state={state} loading="Loading side effects…">
      {(data) => (
        <div class="stack-lg">
          {flagged && (
            <Alert tone="warning" title={`Grade ${flagged.grade}: the course is flagged for review`}>
              <p>Further bookings are held until a clinician clears the review on the Course tab.</p>
            </Alert>
          )}
          {open && writer ? (
            <Card title="Record a side effect">
              <AdverseEventForm
                patient={patient}
                data={data}
                sessionId={query.session}
                onCancel={() => setOpen(false)}
                onDone={(e) => {
                  state.setData({ ...data, events: [e, ...data.events] });
                  setOpen(false);
                  setFlagged(e.plan_flagged ? e : null);
                  onChanged();
                }}
              />
            </Card>
          ) : null}
          <Card
            title={`Side effects${data.events.length ? ` (${data.events.length})` : ''}`}
            actions={writer && !open && <Button small onClick={() => { setOpen(true); setFlagged(null); }}>Record a side effect</Button>}
          >
            {data.events.length === 0 ? (
              <EmptyState title="No side effect recorded.">
                Pain, inflammation, haematomas, oedema and other reactions after a session are recorded here with their CTCAE grade.
              </EmptyState>
            ) : (
              <ul class="events" data-testid="adverse-events">
                {data.events.map((e) => (
                  <EventItem
                    key={e.id}
                    event={e}
                    data={data}
                    patientId={patient.id}
                    onUpdated={(u) => state.setData({ ...data, events: data.events.map((x) => (x.id === u.id ? u : x)) })}
                  />
                ))}
              </ul>
            )}
          </Card>
        </div>
      )}
    </Async>
  );
}

function lotText(lots: Map<string, Lot>, id: string): string {
  const l = lots.get(id);
  return l ? `${l.product_name} · lot ${l.lot_number}` : id;
}

/** The lots each session injected, for the lot picker. */
function sessionLots(s: SessionRecord | undefined): string[] {
  return s ? [...new Set(s.products.map((p) => p.lot_id))] : [];
}

/** The suspected session: choosing one suspects the lots it injected. */
function SessionSelect(props: { sessions: SessionRecord[]; value: string; onValue: (id: string, lots: string[]) => void; error?: string }) {
  const { fmt } = useSession();
  return (
    <SelectField
      label="Suspected session"
      name="session_id"
      value={props.value}
      onValue={(v) => props.onValue(v, sessionLots(props.sessions.find((s) => s.id === v)))}
      options={props.sessions.map((s) => ({ value: s.id, label: `Session ${s.session_number} · ${fmt.when(s.performed_at)}` }))}
      placeholder="Not linked to a session"
      error={props.error}
    />
  );
}

function SuspectedLots(props: { candidates: string[]; lots: Map<string, Lot>; value: string[]; onValue: (ids: string[]) => void; hint: string; error?: string }) {
  return (
    <CheckboxGroup
      label="Suspected lots"
      name="lot_ids"
      optional
      value={props.value}
      onValue={props.onValue}
      choices={props.candidates.map((id) => ({ value: id, label: lotText(props.lots, id) }))}
      hint={props.hint}
      error={props.error}
    />
  );
}

function AdverseEventForm(props: {
  patient: Patient;
  data: AeData;
  sessionId?: string;
  onCancel: () => void;
  onDone: (e: AdverseEvent) => void;
}) {
  const { clinic } = useSession();
  const notify = useToast();
  const { data } = props;
  const initialSession = data.sessions.find((s) => s.id === props.sessionId)?.id || data.sessions[0]?.id || '';
  const [sessionId, setSessionId] = useState(initialSession);
  const [lotIds, setLotIds] = useState<string[]>(sessionLots(data.sessions.find((s) => s.id === initialSession)));
  const [type, setType] = useState('');
  const [grade, setGrade] = useState('');
  const [onset, setOnset] = useState(clinic.today || '');
  const [management, setManagement] = useState<string[]>([]);
  const [outcome, setOutcome] = useState('');
  const [notes, setNotes] = useState('');

  // Lots to pick from: those of the chosen session, else every lot the patient received.
  const candidates = sessionId
    ? sessionLots(data.sessions.find((s) => s.id === sessionId))
    : [...new Set(data.sessions.flatMap((s) => s.products.map((p) => p.lot_id)))];

  const { formRef, busy, error, blank, submit, errorFor } = useFormSubmit({
    required: () => ({
      values: { type, grade, onset, outcome },
      messages: {
        type: 'Choose the kind of reaction.',
        grade: 'Choose the grade.',
        onset: 'When did it start?',
        outcome: 'How is it now?',
      },
    }),
    send: async () => {
      const body: Record<string, unknown> = { type, grade: Number(grade), onset, outcome, lot_ids: lotIds.filter((l) => candidates.includes(l)) };
      if (sessionId) body.session_id = sessionId;
      if (management.length) body.management = management;
      if (notes.trim()) body.notes = notes.trim();
      const created = await api.post<AdverseEvent>(`/patients/${props.patient.id}/adverse-events`, body);
      notify(`${TYPE_LABELS[created.type]} (grade ${created.grade}) recorded.`);
      props.onDone(created);
    },
  });

  return (
    <form ref={formRef} onSubmit={submit} noValidate class="stack" aria-label="Record a side effect">
      <FormError error={error} fields={['session_id', 'lot_ids', 'type', 'grade', 'onset', 'management', 'outcome', 'notes']} blank={blank} />
      <div class="form-grid">
        <SessionSelect
          sessions={data.sessions}
          value={sessionId}
          onValue={(id, lots) => {
            setSessionId(id);
            setLotIds(lots);
          }}
          error={errorFor('session_id')}
        />
        <SelectField
          label="Type"
          name="type"
          value={type}
          onValue={setType}
          options={TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))}
          placeholder="Choose…"
          error={errorFor('type')}
        />
        <TextField label="Onset" name="onset" type="date" value={onset} max={clinic.today} onValue={setOnset} error={errorFor('onset')} />
      </div>
      {candidates.length > 0 ? (
        <SuspectedLots
          candidates={candidates}
          lots={data.lots}
          value={lotIds}
          onValue={setLotIds}
          hint={sessionId ? 'The lots injected at that session.' : 'Every lot this patient received.'}
          error={errorFor('lot_ids')}
        />
      ) : (
        <p class="muted small">No lot to link: no session is charted for this patient yet.</p>
      )}
      <RadioGroup
        label="Grade (CTCAE, injection site reaction)"
        name="grade"
        variant="stacked"
        class="grade-picker"
        value={grade}
        onValue={setGrade}
        choices={GRADES.map((g) => ({ value: String(g.grade), label: g.label, note: g.ctcae }))}
        error={errorFor('grade')}
      />
      {Number(grade) >= 3 && (
        <Alert tone="warning">Grade 3 or more flags the patient's course for a clinician's review and holds its bookings until the review is cleared.</Alert>
      )}
      <CheckboxGroup
        label="Management"
        name="management"
        optional
        value={management}
        onValue={setManagement}
        choices={MANAGEMENTS.map((m) => ({ value: m, label: MANAGEMENT_LABELS[m] }))}
        error={errorFor('management')}
      />
      <RadioGroup
        label="Outcome"
        name="outcome"
        value={outcome}
        onValue={setOutcome}
        choices={OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))}
        error={errorFor('outcome')}
      />
      <TextAreaField label="Notes" name="notes" optional rows={2} value={notes} onValue={setNotes} error={errorFor('notes')} />
      <div class="form-actions">
        <Button type="submit" busy={busy}>Record the side effect</Button>
        <Button variant="secondary" onClick={props.onCancel}>Cancel</Button>
      </div>
    </form>
  );
}

function onsetText(fmt: ReturnType<typeof useSession>['fmt'], onset: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(onset) ? fmt.date(onset) : fmt.dateTime(onset);
}

function EventItem(props: { event: AdverseEvent; data: AeData; patientId: string; onUpdated: (e: AdverseEvent) => void }) {
  const { event: e, data } = props;
  const { fmt, can } = useSession();
  const name = useStaffNames();
  const [follow, setFollow] = useState(false);
  const session = data.sessions.find((s) => s.id === e.session_id);
  const g = GRADES.find((x) => x.grade === e.grade);
  const byPatient = e.reporter_role === 'patient';
  return (
    <li class="event" data-event={e.id} data-type={e.type}>
      <div class="event-head">
        <span class="event-title">{TYPE_LABELS[e.type] || e.type}</span>
        <Badge tone={gradeTone(e.grade)} title={g?.ctcae}>Grade {e.grade}</Badge>
        <Badge tone={OUTCOME_TONES[e.outcome]}>{OUTCOME_LABELS[e.outcome]}</Badge>
        {byPatient && <Badge tone="info">Reported by the patient</Badge>}
        {!e.reviewed && <Badge tone="warning">Not reviewed</Badge>}
      </div>
      <p class="small muted">{g?.ctcae}</p>
      <dl class="event-facts small">
        <div><dt>Onset</dt><dd>{onsetText(fmt, e.onset)}</dd></div>
        <div><dt>Session</dt><dd>{session ? <a href={`/patients/${props.patientId}/sessions/${session.id}`}>Session {session.session_number}</a> : 'Not linked'}</dd></div>
        <div><dt>Lots</dt><dd>{e.lot_ids.length ? e.lot_ids.map((id) => lotText(data.lots, id)).join('; ') : '—'}</dd></div>
        <div><dt>Management</dt><dd>{e.management.length ? e.management.map((m) => MANAGEMENT_LABELS[m] || m).join(', ') : '—'}</dd></div>
        <div><dt>Recorded</dt><dd>{fmt.dateTime(e.created_at)} by {byPatient ? 'the patient' : name(e.reported_by)}{e.updated_at !== e.created_at && <> · updated {fmt.dateTime(e.updated_at)}</>}</dd></div>
        {e.reviewed_by && e.reviewed_by !== e.reported_by && <div><dt>Reviewed by</dt><dd>{name(e.reviewed_by)}</dd></div>}
      </dl>
      {e.notes && <p class="prewrap event-notes">{e.notes}</p>}
      {can('clinical:write') && (
        <div class="event-actions">
          <Button small variant={e.reviewed ? 'secondary' : 'primary'} onClick={() => setFollow(true)} aria-label={`${e.reviewed ? 'Follow up' : 'Review'} ${TYPE_LABELS[e.type]} of ${onsetText(fmt, e.onset)}`}>
            {e.reviewed ? 'Follow up' : 'Review'}
          </Button>
        </div>
      )}
      {follow && <FollowUpDialog event={e} data={data} onClose={() => setFollow(false)} onDone={(u) => { setFollow(false); props.onUpdated(u); }} />}
    </li>
  );
}

function FollowUpDialog(props: { event: AdverseEvent; data: AeData; onClose: () => void; onDone: (e: AdverseEvent) => void }) {
  const { event: e, data } = props;
  const notify = useToast();
  const [outcome, setOutcome] = useState<AdverseOutcome>(e.outcome);
  const [management, setManagement] = useState<string[]>(e.management);
  const [notes, setNotes] = useState(e.notes || '');
  const [grade, setGrade] = useState(String(e.grade));
  const [sessionId, setSessionId] = useState(e.session_id || '');
  const [lotIds, setLotIds] = useState<string[]>(e.lot_ids);
  // Sessions done by the onset's day can be suspected (the server checks the time).
  const onsetDay = e.onset.slice(0, 10);
  const sessions = data.sessions.filter((s) => s.performed_at.slice(0, 10) <= onsetDay || s.id === e.session_id);
  const candidates = [...new Set([...(sessionId ? sessionLots(data.sessions.find((s) => s.id === sessionId)) : data.sessions.flatMap((s) => sessionLots(s))), ...e.lot_ids])];
  const { busy, error, submit, errorFor } = useFormSubmit({
    send: async () => {
      const body: Record<string, unknown> = { outcome, management: management as Management[] };
      if (notes.trim()) body.notes = notes.trim();
      if (Number(grade) !== e.grade) body.grade = Number(grade);
      if (sessionId !== (e.session_id || '')) body.session_id = sessionId || null;
      if ([...lotIds].sort().join() !== [...e.lot_ids].sort().join()) body.lot_ids = lotIds;
      const u = await api.patch<AdverseEvent>(`/adverse-events/${e.id}`, body);
      notify(`${TYPE_LABELS[u.type]}: ${OUTCOME_LABELS[u.outcome].toLowerCase()}; reviewed.${u.plan_flagged ? ' The course is held for review.' : ''}`);
      props.onDone(u);
    },
  });
  return (
    <Dialog
      title={`${e.reviewed ? 'Follow up' : 'Review'}: ${TYPE_LABELS[e.type]}, grade ${e.grade}`}
      onClose={props.onClose}
      intro={<p>Saving marks the event reviewed by you.</p>}
    >
      <form onSubmit={submit} noValidate class="stack">
        <FormError error={error} fields={['grade', 'session_id', 'lot_ids', 'outcome', 'management', 'notes']} />
        <SelectField
          label="Grade (CTCAE)"
          name="grade"
          value={grade}
          onValue={setGrade}
          options={GRADES.map((g) => ({ value: String(g.grade), label: g.label }))}
          error={errorFor('grade')}
        />
        {Number(grade) >= 3 && e.grade < 3 && (
          <Alert tone="warning">Grade 3 or more flags the patient's course for a clinician's review and holds its bookings.</Alert>
        )}
        <SessionSelect
          sessions={sessions}
          value={sessionId}
          onValue={(id, lots) => {
            setSessionId(id);
            setLotIds(lots);
          }}
          error={errorFor('session_id')}
        />
        {candidates.length > 0 && (
          <SuspectedLots
            candidates={candidates}
            lots={data.lots}
            value={lotIds}
            onValue={setLotIds}
            hint="Linked lots count in the per-lot rates and a recall."
            error={errorFor('lot_ids')}
          />
        )}
        <RadioGroup label="Outcome" name="outcome" variant="stacked" value={outcome} onValue={(v) => setOutcome(v as AdverseOutcome)} choices={OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))} error={errorFor('outcome')} />
        <CheckboxGroup label="Management" name="management" value={management} onValue={setManagement} choices={MANAGEMENTS.map((m) => ({ value: m, label: MANAGEMENT_LABELS[m] }))} error={errorFor('management')} />
        <TextAreaField label="Notes" name="notes" optional rows={3} value={notes} onValue={setNotes} error={errorFor('notes')} />
        <div class="form-actions">
          <Button type="submit" busy={busy}>Save follow-up</Button>
          <Button variant="secondary" onClick={props.onClose}>Cancel</Button>
        </div>
      </form>
    </Dialog>
  );
}
