// Protocols: how a course tapers from weekly to monthly, per phase, and how
// long it runs per severity. Admins create, edit (each save is a new
// version; plans keep the version they were made from) and retire them.
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { GradeSeverity, Page, Phase, Protocol } from '../api/types';
import { SEVERITY_LABELS } from '../assessment/labels';
import { every, phaseLabel } from '../appointments/labels';
import { useSession } from '../session/session';
import { Async } from '../ui/Async';
import { Button } from '../ui/Button';
import { Badge, EmptyState, FormError } from '../ui/feedback';
import { CheckboxField, TextAreaField, TextField } from '../ui/fields';
import { Card } from '../ui/Page';
import { useToast } from '../ui/toast';
import { useAsync } from '../ui/useAsync';
import { useFormSubmit } from '../ui/useFormSubmit';
import { DEFAULT_MONTHS } from './months';

const SEVERITIES: GradeSeverity[] = ['mild', 'moderate', 'advanced'];

type Mode = { kind: 'none' } | { kind: 'add' } | { kind: 'edit'; protocol: Protocol };

export function ProtocolsPage() {
  const { can } = useSession();
  const notify = useToast();
  const state = useAsync((signal) => api.get<Page<Protocol>>('/protocols', undefined, signal), []);
  const [mode, setMode] = useState<Mode>({ kind: 'none' });
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const admin = can('clinic:write');

  const replace = (p: Protocol) => {
    if (!state.data) return;
    const exists = state.data.items.some((x) => x.id === p.id);
    state.setData({ items: exists ? state.data.items.map((x) => (x.id === p.id ? p : x)) : [...state.data.items, p] });
  };

  const setActive = async (p: Protocol, active: boolean) => {
    setBusy(p.id);
    setError(null);
    try {
      const saved = await api.put<Protocol>(`/protocols/${p.id}`, { active });
      replace(saved);
      notify(active ? `${p.name} can be prescribed again.` : `${p.name} is retired: plans already made from it go on unchanged.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div class="stack-lg">
      {mode.kind !== 'none' && (
        <ProtocolForm
          protocol={mode.kind === 'edit' ? mode.protocol : undefined}
          onCancel={() => setMode({ kind: 'none' })}
          onSaved={(p) => {
            replace(p);
            setMode({ kind: 'none' });
          }}
        />
      )}
      <Card
        title="Protocols"
        actions={admin && mode.kind === 'none' && <Button small onClick={() => setMode({ kind: 'add' })}>New protocol</Button>}
      >
        <FormError error={error} fields={[]} />
        <Async state={state} loading="Loading protocols…">
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState title="No protocols yet." />
            ) : (
              <div class="protocol-list">
                {page.items.map((p) => (
                  <article key={p.id} class={`protocol${p.active ? '' : ' is-retired'}`} aria-labelledby={`protocol-${p.id}`} data-protocol={p.name}>
                    <header class="protocol-head">
                      <h3 id={`protocol-${p.id}`}>{p.name}</h3>
                      <span class="muted small">version {p.version}</span>
                      {p.active ? <Badge tone="success">In use</Badge> : <Badge>Retired</Badge>}
                      {admin && (
                        <span class="protocol-actions">
                          {p.active && (
                            <Button small variant="ghost" onClick={() => setMode({ kind: 'edit', protocol: p })} aria-label={`Edit ${p.name}`}>Edit</Button>
                          )}
                          <Button small variant="ghost" busy={busy === p.id} onClick={() => setActive(p, !p.active)} aria-label={`${p.active ? 'Retire' : 'Reinstate'} ${p.name}`}>
                            {p.active ? 'Retire' : 'Reinstate'}
                          </Button>
                        </span>
                      )}
                    </header>
                    {p.description && <p class="muted">{p.description}</p>}
                    <PhaseTable phases={p.phases} />
                    <p class="small">
                      {p.session_minutes}-minute sessions · course length:{' '}
                      {SEVERITIES.map((s) => `${SEVERITY_LABELS[s].toLowerCase()} ${p.months[s] ?? DEFAULT_MONTHS[s]} months`).join(', ')}
                    </p>
                  </article>
                ))}
              </div>
            )
          }
        </Async>
      </Card>
    </div>
  );
}

function PhaseTable({ phases }: { phases: Phase[] }) {
  return (
    <table class="table table--dense phase-table">
      <thead>
        <tr>
          <th scope="col">Phase</th>
          <th scope="col">Frequency</th>
          <th scope="col">Sessions</th>
          <th scope="col">Window</th>
        </tr>
      </thead>
      <tbody>
        {phases.map((ph, i) => (
          <tr key={i}>
            <td class="strong">{phaseLabel(ph.name)}</td>
            <td>{every(ph.interval_days)} <span class="muted">({ph.interval_days} days)</span></td>
            <td>{ph.until_end || !ph.sessions ? 'until the end of the course' : ph.sessions}</td>
            <td>±{ph.tolerance_days} {ph.tolerance_days === 1 ? 'day' : 'days'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface PhaseDraft {
  name: string;
  interval_days: string;
  sessions: string;
  until_end: boolean;
  tolerance_days: string;
}

const toDraft = (ph: Phase): PhaseDraft => ({
  name: ph.name,
  interval_days: String(ph.interval_days),
  sessions: ph.sessions ? String(ph.sessions) : '',
  until_end: !!ph.until_end || !ph.sessions,
  tolerance_days: String(ph.tolerance_days),
});

/** A number typed in a field, or the text itself (so the server says what is wrong with it). */
function num(v: string): number | string {
  const t = v.trim();
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

function ProtocolForm(props: { protocol?: Protocol; onSaved: (p: Protocol) => void; onCancel: () => void }) {
  const { protocol } = props;
  const notify = useToast();
  const [name, setName] = useState(protocol?.name || '');
  const [description, setDescription] = useState(protocol?.description || '');
  const [minutes, setMinutes] = useState(String(protocol?.session_minutes ?? 20));
  const [months, setMonths] = useState<Record<GradeSeverity, string>>({
    mild: String(protocol?.months.mild ?? DEFAULT_MONTHS.mild),
    moderate: String(protocol?.months.moderate ?? DEFAULT_MONTHS.moderate),
    advanced: String(protocol?.months.advanced ?? DEFAULT_MONTHS.advanced),
  });
  const [phases, setPhases] = useState<PhaseDraft[]>(
    protocol?.phases.map(toDraft) || [
      { name: 'induction', interval_days: '7', sessions: '4', until_end: false, tolerance_days: '1' },
      { name: 'maintenance', interval_days: '28', sessions: '', until_end: true, tolerance_days: '4' },
    ],
  );

  const update = (i: number, change: Partial<PhaseDraft>) => setPhases((ps) => ps.map((p, k) => (k === i ? { ...p, ...change } : p)));
  const move = (i: number, d: -1 | 1) =>
    setPhases((ps) => {
      const next = [...ps];
      [next[i], next[i + d]] = [next[i + d], next[i]];
      return next;
    });

  const body = () => ({
    name: name.trim(),
    ...(description.trim() ? { description: description.trim() } : {}),
    session_minutes: num(minutes),
    months: Object.fromEntries(SEVERITIES.map((s) => [s, num(months[s])])),
    phases: phases.map((p) => ({
      name: p.name.trim(),
      interval_days: num(p.interval_days),
      ...(p.until_end ? { until_end: true } : { sessions: num(p.sessions) }),
      tolerance_days: num(p.tolerance_days),
    })),
  });

  const { formRef, busy, error, submit, errorFor } = useFormSubmit({
    send: async () => {
      const saved = protocol ? await api.put<Protocol>(`/protocols/${protocol.id}`, body()) : await api.post<Protocol>('/protocols', body());
      notify(protocol ? `${saved.name} saved as version ${saved.version}; plans made earlier keep their version.` : `${saved.name} can now be prescribed.`);
      props.onSaved(saved);
    },
  });

  const shown = [
    'name', 'description', 'session_minutes', 'phases', 'months',
    ...SEVERITIES.map((s) => `months.${s}`),
    ...phases.flatMap((_, i) => ['name', 'interval_days', 'sessions', 'until_end', 'tolerance_days'].map((f) => `phases[${i}].${f}`)),
  ];

  // What the protocol gives, for a course starting today, once its numbers are whole.
  const parsed: Phase[] | null = phases.every((p) => /^\d+$/.test(p.interval_days) && (p.until_end || /^\d+$/.test(p.sessions)) && /^\d+$/.test(p.tolerance_days))
    ? phases.map((p) => ({ name: p.name || '?', interval_days: Number(p.interval_days), sessions: p.until_end ? undefined : Number(p.sessions), until_end: p.until_end, tolerance_days: Number(p.tolerance_days) }))
    : null;
  // Only a draft that keeps the server's rules gets a preview (else the
  // messages beside the fields say what to change).
  const consistent =
    parsed !== null &&
    parsed.every((p, i) => p.interval_days >= 1 && p.tolerance_days * 2 < p.interval_days && (i === 0 || p.interval_days >= parsed[i - 1].interval_days)) &&
    parsed.every((p, i) => p.until_end ? i === parsed.length - 1 : (p.sessions ?? 0) >= 1);

  return (
    <Card title={protocol ? `Edit ${protocol.name}` : 'New protocol'}>
      <form ref={formRef} onSubmit={submit} noValidate class="stack" aria-label={protocol ? `Edit ${protocol.name}` : 'New protocol'}>
        {protocol && <p class="muted">Saving makes version {protocol.version + 1}. Plans already prescribed keep following version {protocol.version}.</p>}
        <FormError error={error} fields={shown} />
        <div class="form-grid">
          <TextField label="Name" name="name" value={name} onValue={setName} error={errorFor('name')} placeholder="e.g. Standard taper" />
          <TextField label="Session length (minutes)" name="session_minutes" type="number" inputMode="numeric" size="short" value={minutes} onValue={setMinutes} error={errorFor('session_minutes')} />
        </div>
        <TextAreaField label="Description" name="description" optional rows={2} value={description} onValue={setDescription} error={errorFor('description')} />

        <fieldset class={`field${errorFor('phases') ? ' field--invalid' : ''}`} data-field="phases">
          <legend class="field-label">Phases, in order</legend>
          <p class="field-hint">Sessions only get further apart as a course goes on; the window (± days around each target date) must be less than half the interval. Only the last phase may run until the end of the course.</p>
          <ol class="phase-editor">
            {phases.map((p, i) => {
              const prefix = `phases[${i}]`;
              return (
                <li key={i} class="phase-row" data-phase={i}>
                  <span class="phase-number" aria-hidden="true">{i + 1}</span>
                  <TextField label="Phase name" name={`${prefix}.name`} value={p.name} onValue={(v) => update(i, { name: v })} error={errorFor(`${prefix}.name`)} />
                  <TextField label="Every (days)" name={`${prefix}.interval_days`} type="number" inputMode="numeric" value={p.interval_days} onValue={(v) => update(i, { interval_days: v })} error={errorFor(`${prefix}.interval_days`)} />
                  <div class="phase-sessions">
                    <TextField label="Sessions" name={`${prefix}.sessions`} type="number" inputMode="numeric" value={p.until_end ? '' : p.sessions} disabled={p.until_end} onValue={(v) => update(i, { sessions: v })} error={errorFor(`${prefix}.sessions`)} />
                    <CheckboxField label="Until the end" name={`${prefix}.until_end`} checked={p.until_end} onValue={(v) => update(i, { until_end: v })} error={errorFor(`${prefix}.until_end`)} />
                  </div>
                  <TextField label="Window ± days" name={`${prefix}.tolerance_days`} type="number" inputMode="numeric" value={p.tolerance_days} onValue={(v) => update(i, { tolerance_days: v })} error={errorFor(`${prefix}.tolerance_days`)} />
                  <div class="phase-row-actions">
                    <Button small variant="ghost" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move phase ${i + 1} up`}>↑</Button>
                    <Button small variant="ghost" disabled={i === phases.length - 1} onClick={() => move(i, 1)} aria-label={`Move phase ${i + 1} down`}>↓</Button>
                    <Button small variant="ghost" disabled={phases.length === 1} onClick={() => setPhases((ps) => ps.filter((_, k) => k !== i))} aria-label={`Remove phase ${i + 1}`}>Remove</Button>
                  </div>
                </li>
              );
            })}
          </ol>
          {errorFor('phases') && <p class="field-error">{errorFor('phases')}</p>}
          <div>
            <Button small variant="secondary" onClick={() => setPhases((ps) => [...ps, { name: '', interval_days: '28', sessions: '', until_end: true, tolerance_days: '4' }])}>
              Add a phase
            </Button>
          </div>
        </fieldset>

        <fieldset class="field" data-field="months">
          <legend class="field-label">Course length by severity (months, 5 to 12)</legend>
          <div class="form-grid form-grid--3">
            {SEVERITIES.map((s) => (
              <TextField key={s} label={SEVERITY_LABELS[s]} name={`months.${s}`} type="number" inputMode="numeric" size="short" value={months[s]} onValue={(v) => setMonths((m) => ({ ...m, [s]: v }))} error={errorFor(`months.${s}`)} />
            ))}
          </div>
        </fieldset>

        {parsed && consistent && (
          <div class="preview" data-testid="protocol-preview">
            <p class="preview-head">The rhythm of a course:</p>
            <p>
              {parsed
                .map((p) => `${p.until_end ? 'then ' : ''}${every(p.interval_days)}${p.until_end ? ' until the end of the course' : ` × ${p.sessions}`}`)
                .join(', ')
                .replace(/^then /, '')}
              .
            </p>
            <p class="muted small">
              {SEVERITIES.filter((s) => /^\d+$/.test(months[s])).map((s) => `${SEVERITY_LABELS[s]}: ${months[s]} months`).join(' · ')}. The sessions of a course are planned when a
              clinician prescribes it (the Course tab previews them for the patient's start date).
            </p>
          </div>
        )}
        <div class="form-actions">
          <Button type="submit" busy={busy}>{protocol ? 'Save as a new version' : 'Create protocol'}</Button>
          <Button variant="secondary" onClick={props.onCancel}>Cancel</Button>
        </div>
      </form>
    </Card>
  );
}
