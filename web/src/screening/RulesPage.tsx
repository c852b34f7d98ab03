// How much each screening answer weighs (admin only): absolute makes the
// patient not eligible, relative asks for a clinician's review, ignore
// leaves it out. Each save is a new version; screenings keep the version
// they used.
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api/client';
import type { Question, QuestionList, ScreeningRules, Severity } from '../api/types';
import { Async } from '../ui/Async';
import { Button } from '../ui/Button';
import { Alert, FormError } from '../ui/feedback';
import { Card } from '../ui/Page';
import { useAsync } from '../ui/useAsync';
import { choiceLabel } from './ScreeningForm';

const SEVERITIES: { value: Severity; label: string }[] = [
  { value: 'absolute', label: 'Absolute — not eligible' },
  { value: 'relative', label: 'Relative — clinician review' },
  { value: 'ignore', label: 'Ignore' },
];

interface Row {
  key: string;
  label: string;
  sub?: string;
}

/** One row per boolean question; one per level (but "none") of a choice question. */
function rowsOf(questions: Question[]): Row[] {
  const rows: Row[] = [];
  for (const q of questions) {
    const text = q.question.replace(/\s*\([^)]*\)\s*$/, '');
    if (q.kind === 'choice') {
      for (const c of q.choices || []) {
        if (c === 'none') continue;
        rows.push({ key: `${q.code}.${c}`, label: text, sub: choiceLabel(c) });
      }
    } else {
      rows.push({ key: q.code, label: text });
    }
  }
  return rows;
}

function effective(rules: Record<string, Severity>, key: string): Severity {
  return rules[key] || rules[key.split('.')[0]] || 'absolute';
}

export function RulesPage() {
  const state = useAsync(
    async (signal) => {
      const [q, r] = await Promise.all([
        api.get<QuestionList>('/screening/questions', undefined, signal),
        api.get<ScreeningRules>('/screening-rules', undefined, signal),
      ]);
      return { questions: q.items, rules: r };
    },
    [],
  );
  return (
    <Async state={state} loading="Loading screening rules…">
      {(data) => <RulesForm questions={data.questions} initial={data.rules} />}
    </Async>
  );
}

function RulesForm({ questions, initial }: { questions: Question[]; initial: ScreeningRules }) {
  const rows = rowsOf(questions);
  const start = () => Object.fromEntries(rows.map((r) => [r.key, effective(initial.rules, r.key)]));
  const [saved, setSaved] = useState<ScreeningRules>(initial);
  const [draft, setDraft] = useState<Record<string, Severity>>(start);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const changed = rows.filter((r) => draft[r.key] !== effective(saved.rules, r.key)).length;
  // Severities are listed strongest first; a floor contraindication offers
  // only those at least as strong as its floor.
  const allowed = (key: string) => {
    const floor = saved.floor?.[key];
    return floor ? SEVERITIES.slice(0, SEVERITIES.findIndex((s) => s.value === floor) + 1) : SEVERITIES;
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      const r = await api.put<ScreeningRules>('/screening-rules', { rules: draft });
      setSaved(r);
      setDraft(Object.fromEntries(rows.map((row) => [row.key, effective(r.rules, row.key)])));
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="Screening rules" actions={<span class="muted small">Version {saved.version}</span>}>
      <form onSubmit={submit} noValidate class="stack">
        <p class="muted">
          Set how each answer counts. <strong>Absolute</strong>: the patient is not eligible.{' '}
          <strong>Relative</strong>: a clinician must review, and may override with a reason. Each save makes a new
          version; every screening records the version it used.
        </p>
        {done && <Alert tone="success">Saved as version {saved.version}. New screenings use these rules.</Alert>}
        <FormError error={error} fields={rows.map((r) => `rules.${r.key}`)} />
        <div class="table-wrap">
          <table class="table rules-table">
            <thead>
              <tr>
                <th scope="col">When the patient answers yes to</th>
                <th scope="col">Counts as</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const id = `rule-${r.key.replace('.', '-')}`;
                const msg = error instanceof ApiError ? error.fieldMessage(`rules.${r.key}`) : undefined;
                const dirty = draft[r.key] !== effective(saved.rules, r.key);
                return (
                  <tr key={r.key} class={dirty ? 'is-dirty' : ''} data-field={`rules.${r.key}`}>
                    <td>
                      <label for={id}>
                        {r.label}
                        {r.sub && <span class="rule-sub"> — {r.sub}</span>}
                      </label>
                    </td>
                    <td>
                      <select
                        id={id}
                        class={`input select severity-select severity-${draft[r.key]}`}
                        value={draft[r.key]}
                        onChange={(e) => setDraft((d) => ({ ...d, [r.key]: (e.currentTarget as HTMLSelectElement).value as Severity }))}
                        aria-invalid={msg ? true : undefined}
                      >
                        {allowed(r.key).map((s) => (
                          <option key={s.value} value={s.value}>{s.label}</option>
                        ))}
                      </select>
                      {saved.floor?.[r.key] && (
                        <p class="field-hint">
                          {saved.floor[r.key] === 'absolute' ? 'Always absolute' : 'Never ignored'}: one of the contraindications every clinic screens for.
                        </p>
                      )}
                      {msg && <p class="field-error">{msg}</p>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div class="form-actions form-actions--sticky">
          <Button type="submit" busy={busy} disabled={changed === 0}>Save rules</Button>
          <Button variant="secondary" disabled={changed === 0} onClick={() => { setDraft(Object.fromEntries(rows.map((r) => [r.key, effective(saved.rules, r.key)]))); setDone(false); }}>
            Discard changes
          </Button>
          <span class="muted small">{changed === 0 ? 'No unsaved changes' : `${changed} unsaved change${changed === 1 ? '' : 's'}`}</span>
        </div>
      </form>
    </Card>
  );
}
