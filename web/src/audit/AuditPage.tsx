// The audit trail (admin only): who did what to which patient, newest
// first, filtered by staff member or patient; the filter lives in the URL.
import { useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { api, isAbort } from '../api/client';
import type { AuditEntry, Page, Patient, User } from '../api/types';
import { useSession } from '../session/session';
import { Button } from '../ui/Button';
import { Badge, EmptyState, ErrorState, Loading, type Tone } from '../ui/feedback';
import { SelectField, TextField } from '../ui/fields';
import { fullName, humanize } from '../ui/format';
import { Card } from '../ui/Page';

const PAGE_SIZE = 50;

const OUTCOME_TONES: Record<string, Tone | 'neutral'> = {
  ok: 'success',
  denied: 'danger',
  invalid: 'warning',
  not_found: 'neutral',
  conflict: 'warning',
  error: 'danger',
};

interface State {
  items: AuditEntry[];
  next: string | null;
  loading: boolean;
  more: boolean;
  error: unknown;
}

export function AuditPage() {
  const { query, path, route } = useLocation();
  const { fmt } = useSession();
  const patientId = query.patient_id || '';
  const userId = query.user_id || '';
  const [patientText, setPatientText] = useState(patientId);
  const [userChoice, setUserChoice] = useState(userId);
  const [users, setUsers] = useState<User[]>([]);
  const [patient, setPatient] = useState<Patient | null>(null);
  const [state, setState] = useState<State>({ items: [], next: null, loading: true, more: false, error: null });
  const [tick, setTick] = useState(0);

  useEffect(() => {
    api.get<Page<User>>('/users').then((p) => setUsers(p.items), () => setUsers([]));
  }, []);

  useEffect(() => {
    setPatientText(patientId);
    setUserChoice(userId);
    setPatient(null);
    if (patientId) api.get<Patient>(`/patients/${patientId}`).then(setPatient, () => setPatient(null));
    const ac = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    api.get<Page<AuditEntry>>('/audit', { patient_id: patientId, user_id: userId, limit: PAGE_SIZE }, ac.signal).then(
      (p) => setState({ items: p.items, next: p.next_cursor || null, loading: false, more: false, error: null }),
      (error) => !isAbort(error) && setState((s) => ({ ...s, items: [], loading: false, error })),
    );
    return () => ac.abort();
  }, [patientId, userId, tick]);

  const loadMore = async () => {
    if (!state.next) return;
    setState((s) => ({ ...s, more: true }));
    try {
      const p = await api.get<Page<AuditEntry>>('/audit', { patient_id: patientId, user_id: userId, limit: PAGE_SIZE, cursor: state.next });
      setState((s) => ({ ...s, items: [...s.items, ...p.items], next: p.next_cursor || null, more: false }));
    } catch (error) {
      setState((s) => ({ ...s, more: false, error }));
    }
  };

  const apply = (e: Event) => {
    e.preventDefault();
    const params = new URLSearchParams();
    if (patientText.trim()) params.set('patient_id', patientText.trim());
    if (userChoice) params.set('user_id', userChoice);
    const qs = params.toString();
    route(qs ? `${path}?${qs}` : path);
  };

  const userName = (id: string | null) => (id ? users.find((u) => u.id === id)?.name || id : '—');
  const filtered = patientId || userId;

  return (
    <Card title="Audit trail">
      <form class="filters" onSubmit={apply} role="search" aria-label="Filter the audit trail">
        <SelectField
          label="Staff member"
          name="user_id"
          value={userChoice}
          onValue={setUserChoice}
          options={users.map((u) => ({ value: u.id, label: u.name }))}
          placeholder="Everyone"
        />
        <TextField
          label="Patient ID"
          name="patient_id"
          value={patientText}
          onValue={setPatientText}
          placeholder="All patients"
          hint="Open from a patient's record, or paste an ID."
        />
        <div class="filters-actions">
          <Button type="submit" variant="secondary">Apply</Button>
          {filtered && (
            <a class="btn btn--ghost" href={path}>Clear</a>
          )}
        </div>
      </form>
      {patient && (
        <p class="filter-note">
          Showing entries for <a href={`/patients/${patient.id}`}>{fullName(patient)}</a>.
        </p>
      )}
      {state.loading && state.items.length === 0 ? (
        <Loading>Loading the audit trail…</Loading>
      ) : state.error && state.items.length === 0 ? (
        <ErrorState error={state.error} onRetry={() => setTick((t) => t + 1)} />
      ) : state.items.length === 0 ? (
        <EmptyState title="No entries.">{filtered ? 'Nothing was recorded for this filter.' : 'Nothing has been recorded yet.'}</EmptyState>
      ) : (
        <>
          <div class="table-wrap">
            <table class="table table--dense audit-table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Patient</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Request</th>
                </tr>
              </thead>
              <tbody>
                {state.items.map((a) => (
                  <tr key={a.seq}>
                    <td class="nowrap">{fmt.dateTime(a.at)}</td>
                    <td>{userName(a.user_id)}</td>
                    <td>
                      <span class="mono">{a.action}</span>
                      {a.detail && <div class="muted small">{a.detail}</div>}
                    </td>
                    <td>
                      {a.patient_id ? (
                        <a href={`${path}?patient_id=${encodeURIComponent(a.patient_id)}`} title="Show only this patient" class="mono">
                          {a.patient_id.slice(-8)}
                        </a>
                      ) : (
                        <span class="muted">—</span>
                      )}
                    </td>
                    <td>
                      <Badge tone={OUTCOME_TONES[a.outcome] || 'neutral'}>{humanize(a.outcome)}</Badge>
                    </td>
                    <td class="muted small">
                      <span class="mono">{a.method} {a.path}</span> · {a.status} · {a.ip}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="list-footer">
            <span class="muted">{state.items.length} entries shown{state.next ? '' : ' — that is all'}</span>
            {state.next && <Button variant="secondary" onClick={loadMore} busy={state.more}>Load more</Button>}
          </div>
        </>
      )}
    </Card>
  );
}
