// A session record as charted (never edited) with its addenda beside it,
// and the list of a patient's records.
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api/client';
import type { Page, Patient, SessionRecord } from '../api/types';
import { useSession } from '../session/session';
import { useStaffNames } from '../users/staffNames';
import { Async } from '../ui/Async';
import { Button, LinkButton } from '../ui/Button';
import { Alert, Badge, EmptyState, FormError } from '../ui/feedback';
import { TextAreaField } from '../ui/fields';
import { Card } from '../ui/Page';
import { ReasonDialog } from '../ui/ReasonDialog';
import { useToast } from '../ui/toast';
import { useAsync } from '../ui/useAsync';
import { ADJUNCT_LABELS, CATEGORY_LABELS, PAIN_WORDS, TECHNIQUE_LABELS, ZONE_LABELS, ml } from './labels';
import { ScalpMap } from './ScalpMap';

export function SessionRecordPage({ patient, sessionId }: { patient: Patient; sessionId: string }) {
  const state = useAsync((signal) => api.get<SessionRecord>(`/sessions/${sessionId}`, undefined, signal), [sessionId]);
  return (
    <Async state={state} loading="Loading the session record…">
      {(r) => (
        <div class="record-layout">
          <RecordCard record={r} patient={patient} onMarked={state.setData} />
          <Addenda record={r} onAdded={state.setData} />
        </div>
      )}
    </Async>
  );
}

function RecordCard({ record: r, patient, onMarked }: { record: SessionRecord; patient: Patient; onMarked: (r: SessionRecord) => void }) {
  const { fmt, can } = useSession();
  const name = useStaffNames();
  const notify = useToast();
  const [marking, setMarking] = useState(false);
  const wrong = r.entered_in_error;
  const zoneVolume = r.zones.reduce((s, z) => s + z.volume_ml, 0);
  const points = r.zones.reduce((s, z) => s + z.points, 0);
  const cocktail = r.products.filter((p) => p.role !== 'anaesthetic');
  const anaesthetic = r.products.filter((p) => p.role === 'anaesthetic');
  return (
    <Card
      title={`Session ${r.session_number}`}
      class="record"
      actions={
        <>
          <LinkButton small variant="secondary" href={`/patients/${patient.id}/side-effects?session=${r.id}`}>Record a side effect</LinkButton>
          {!wrong && can('clinical:write') && (
            <Button small variant="ghost" onClick={() => setMarking(true)}>Mark entered in error</Button>
          )}
        </>
      }
    >
      <div class="stack" data-testid="session-record">
        {wrong && (
          <Alert tone="danger" title="Entered in error" class="entered-in-error">
            <p>
              {wrong.reason} — marked {fmt.dateTime(wrong.at)} by {name(wrong.by)}. This record counts nowhere: its lots got their stock back and do not
              list this patient for it; the session is to be charted again from the course.
            </p>
          </Alert>
        )}
        <p class="record-meta">
          Done <strong>{fmt.when(r.performed_at)}</strong> by {name(r.performed_by)}
          {r.pregnancy === 'no' && <> · pregnancy asked: <strong>no</strong></>}
          {r.pregnancy === 'not_asked' && <span class="muted"> · pregnancy not asked (male patient)</span>}
        </p>
        <div class="record-grid">
          <div class="record-map">
            <ScalpMap marks={Object.fromEntries(r.zones.map((z) => [z.zone, { points: z.points, volume: z.volume_ml }]))} small label="Zones treated" />
          </div>
          <div class="stack">
            <table class="table table--compact" aria-label="Zones treated">
              <thead>
                <tr><th scope="col">Zone</th><th scope="col" class="num">Points</th><th scope="col" class="num">Volume</th></tr>
              </thead>
              <tbody>
                {r.zones.map((z) => (
                  <tr key={z.zone}><td>{ZONE_LABELS[z.zone]}</td><td class="num">{z.points}</td><td class="num">{ml(z.volume_ml)}</td></tr>
                ))}
              </tbody>
              <tfoot>
                <tr><th scope="row">Total</th><td class="num">{points}</td><td class="num">{ml(Math.round(zoneVolume * 1000) / 1000)}</td></tr>
              </tfoot>
            </table>
            <table class="table table--compact" aria-label="Products injected">
              <thead>
                <tr><th scope="col">Product</th><th scope="col">Lot</th><th scope="col">Expires</th><th scope="col" class="num">Volume</th></tr>
              </thead>
              <tbody>
                {[...cocktail, ...anaesthetic].map((p, i) => (
                  <tr key={i} data-lot={p.lot_number}>
                    <td>
                      {p.product_name || 'Product'}
                      {p.role === 'anaesthetic' ? <span class="tag">anaesthetic</span> : p.category ? <span class="muted small"> · {CATEGORY_LABELS[p.category]}</span> : null}
                    </td>
                    <td class="mono">{p.lot_number || p.lot_id}</td>
                    <td>{fmt.date(p.expires_on)}</td>
                    <td class="num">{ml(p.volume_ml)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
        <dl class="details details--compact">
          <div><dt>Pain score</dt><dd><strong>{r.pain_score}</strong> / 10 <span class="muted">({PAIN_WORDS[r.pain_score]?.toLowerCase()})</span></dd></div>
          <div><dt>Anaesthetic</dt><dd>{r.anaesthetic ? (anaesthetic.length ? 'Used (lot above)' : 'Used (no lot traced)') : 'Not used'}</dd></div>
          <div><dt>Adjuncts</dt><dd>{r.adjuncts.length ? r.adjuncts.map((a) => ADJUNCT_LABELS[a] || a).join(', ') : <span class="muted">None</span>}</dd></div>
          <div><dt>Technique</dt><dd>{r.technique ? TECHNIQUE_LABELS[r.technique] : <span class="muted">Not recorded</span>}</dd></div>
          <div>
            <dt>Needle</dt>
            <dd>
              {r.needle_gauge || r.needle_length_mm ? `${r.needle_gauge ? `${r.needle_gauge}G` : ''}${r.needle_gauge && r.needle_length_mm ? ', ' : ''}${r.needle_length_mm ? `${r.needle_length_mm} mm` : ''}` : <span class="muted">Not recorded</span>}
            </dd>
          </div>
          <div><dt>Depth</dt><dd>{r.depth_mm ? `${r.depth_mm} mm` : <span class="muted">Not recorded</span>}</dd></div>
          {r.notes && <div class="details-wide"><dt>Notes</dt><dd class="prewrap">{r.notes}</dd></div>}
        </dl>
        <p class="card-foot muted small">A session record is never changed: corrections are added as addenda, kept beside it.</p>
      </div>
      {marking && (
        <ReasonDialog
          title={`Mark session ${r.session_number} entered in error`}
          warning="For a record charted by mistake (the wrong lot, the wrong patient's appointment). It stays on record, marked with your reason, and counts nowhere: its lots get their stock back, its appointment is cancelled and the session is to be charted again (book it, or back-enter it at the time it was done)."
          placeholder="e.g. Charted lot VD2-0912; lot HC-1 was injected."
          act="Mark entered in error"
          keep="Cancel"
          run={(reason) => api.post<SessionRecord>(`/sessions/${r.id}/entered-in-error`, { reason })}
          onDone={(marked) => {
            setMarking(false);
            notify(`Session ${r.session_number}'s record is marked entered in error.`);
            onMarked(marked);
          }}
          onClose={() => setMarking(false)}
        />
      )}
    </Card>
  );
}

function Addenda({ record, onAdded }: { record: SessionRecord; onAdded: (r: SessionRecord) => void }) {
  const { fmt, can } = useSession();
  const name = useStaffNames();
  const notify = useToast();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [blank, setBlank] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!text.trim()) {
      setBlank(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<SessionRecord>(`/sessions/${record.id}/addenda`, { text: text.trim() });
      onAdded(r);
      setText('');
      notify('Addendum added to the record.');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={`Addenda${record.addenda.length ? ` (${record.addenda.length})` : ''}`} class="addenda">
      <div class="stack">
        {record.addenda.length === 0 ? (
          <p class="muted">No addendum. Corrections and later notes go here; the record itself stays as charted.</p>
        ) : (
          <ol class="addenda-list" data-testid="addenda">
            {record.addenda.map((a) => (
              <li key={a.id}>
                <p class="prewrap">{a.text}</p>
                <p class="small muted">{fmt.dateTime(a.created_at)} · {name(a.created_by)}</p>
              </li>
            ))}
          </ol>
        )}
        {can('clinical:write') && (
          <form onSubmit={submit} noValidate class="stack" aria-label="Add an addendum">
            <FormError error={error} fields={['text']} />
            <TextAreaField
              label="Add an addendum"
              name="text"
              rows={3}
              value={text}
              onValue={(v) => {
                setText(v);
                setBlank(false);
              }}
              placeholder="e.g. Correction: 35 points at the vertex, not 40."
              error={blank ? 'Write the correction or note.' : error instanceof ApiError ? error.fieldMessage('text') : undefined}
            />
            <div class="form-actions">
              <Button type="submit" variant="secondary" busy={busy}>Add addendum</Button>
            </div>
          </form>
        )}
      </div>
    </Card>
  );
}

/** The patient's session records, newest first. */
export function SessionsTab({ patient }: { patient: Patient }) {
  const { fmt } = useSession();
  const name = useStaffNames();
  const state = useAsync((signal) => api.get<Page<SessionRecord>>(`/patients/${patient.id}/sessions`, undefined, signal), [patient.id]);
  return (
    <Card title="Session records">
      <Async state={state} loading="Loading session records…">
        {(page) => {
          const items = [...page.items].sort((a, b) => (a.performed_at < b.performed_at ? 1 : -1));
          return items.length === 0 ? (
            <EmptyState
              title="No session charted yet."
              action={<LinkButton variant="secondary" href={`/patients/${patient.id}/course`}>Go to the course</LinkButton>}
            >
              Chart a session from its appointment on the Course tab (“Chart session”).
            </EmptyState>
          ) : (
            <div class="table-wrap">
              <table class="table table--stack" data-testid="session-records">
                <thead>
                  <tr>
                    <th scope="col">Session</th>
                    <th scope="col">Done</th>
                    <th scope="col">Zones</th>
                    <th scope="col">Lots</th>
                    <th scope="col" class="num">Pain</th>
                    <th scope="col">By</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((r) => (
                    <tr key={r.id}>
                      <td class="cell-title"><a href={`/patients/${patient.id}/sessions/${r.id}`} class="strong">Session {r.session_number}</a></td>
                      <td data-label="Done">{fmt.when(r.performed_at)}</td>
                      <td data-label="Zones">{r.zones.map((z) => ZONE_LABELS[z.zone]).join(', ')}</td>
                      <td data-label="Lots" class="mono">{r.products.map((p) => p.lot_number || p.lot_id).join(', ')}</td>
                      <td data-label="Pain" class="num">{r.pain_score}</td>
                      <td data-label="By">
                        {name(r.performed_by)}
                        {r.addenda.length > 0 && <> <Badge tone="info">{r.addenda.length} {r.addenda.length === 1 ? 'addendum' : 'addenda'}</Badge></>}
                        {r.entered_in_error && <> <Badge tone="danger">Entered in error</Badge></>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </Async>
    </Card>
  );
}
