// Set-up › Aftercare: the clinic's recommendations (by theme) and recurring
// reminders every patient's aftercare is made from. Admins edit them.
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { AftercareDefaults, RecommendationCategory } from '../api/types';
import { useSession } from '../session/session';
import { Async } from '../ui/Async';
import { Button } from '../ui/Button';
import { FormError } from '../ui/feedback';
import { SelectField, TextAreaField, TextField } from '../ui/fields';
import { Card } from '../ui/Page';
import { useToast } from '../ui/toast';
import { useAsync } from '../ui/useAsync';
import { useFormSubmit } from '../ui/useFormSubmit';
import { CATEGORIES, CATEGORY_LABELS, describeRrule, parseRrule, toRrule, type Freq } from './labels';

interface ReminderDraft {
  key: number;
  code: string;
  title: string;
  description: string;
  freq: Freq;
  interval: string;
}

interface RecDraft {
  key: number;
  category: RecommendationCategory;
  text: string;
}

let nextKey = 1;

export function AftercareDefaultsPage() {
  const state = useAsync((signal) => api.get<AftercareDefaults>('/aftercare/defaults', undefined, signal), []);
  return (
    <Async state={state} loading="Loading the aftercare defaults…">
      {(d) => <DefaultsForm key={JSON.stringify(d)} defaults={d} onSaved={state.setData} />}
    </Async>
  );
}

function DefaultsForm({ defaults, onSaved }: { defaults: AftercareDefaults; onSaved: (d: AftercareDefaults) => void }) {
  const { can } = useSession();
  const notify = useToast();
  const admin = can('clinic:write');
  const [recs, setRecs] = useState<RecDraft[]>(defaults.recommendations.map((r) => ({ key: nextKey++, ...r })));
  const [rems, setRems] = useState<ReminderDraft[]>(
    defaults.reminders.map((r) => {
      const rule = parseRrule(r.rrule) || { freq: 'WEEKLY' as Freq, interval: 1 };
      return { key: nextKey++, code: r.code, title: r.title, description: r.description, freq: rule.freq, interval: String(rule.interval) };
    }),
  );

  const { formRef, busy, error, submit, errorFor } = useFormSubmit({
    send: async () => {
      const body: AftercareDefaults = {
        recommendations: recs.map((r) => ({ category: r.category, text: r.text.trim() })),
        reminders: rems.map((r) => ({
          code: r.code.trim() || slug(r.title),
          title: r.title.trim(),
          description: r.description.trim(),
          rrule: toRrule(r.freq, r.interval.trim()),
        })),
      };
      const saved = await api.put<AftercareDefaults>('/aftercare/defaults', body);
      notify('Aftercare defaults saved. New reminders reach each patient the next time their aftercare is opened.');
      onSaved(saved);
    },
  });

  const shown = [
    'recommendations', 'reminders',
    ...recs.flatMap((_, i) => [`recommendations[${i}].category`, `recommendations[${i}].text`]),
    ...rems.flatMap((_, i) => ['code', 'title', 'description', 'rrule'].map((f) => `reminders[${i}].${f}`)),
  ];

  return (
    <form ref={formRef} onSubmit={submit} noValidate class="stack-lg" aria-label="Aftercare defaults">
      <FormError error={error} fields={shown} />
      <Card title="Reminders">
        <div class="stack">
          <p class="muted">Recurring reminders for every patient, from the start of their course: by email on the due day, in their calendar link, and in their portal checklist.</p>
          <ol class="defaults-list">
            {rems.map((r, i) => (
              <li key={r.key} class="defaults-row defaults-row--reminder" data-reminder={i}>
                <TextField label="Title" name={`reminders[${i}].title`} value={r.title} disabled={!admin} onValue={(v) => setRems((rs) => rs.map((x) => (x.key === r.key ? { ...x, title: v } : x)))} error={errorFor(`reminders[${i}].title`) || errorFor(`reminders[${i}].code`)} />
                <TextField label="Description" name={`reminders[${i}].description`} optional value={r.description} disabled={!admin} onValue={(v) => setRems((rs) => rs.map((x) => (x.key === r.key ? { ...x, description: v } : x)))} error={errorFor(`reminders[${i}].description`)} />
                <div class={`repeat${errorFor(`reminders[${i}].rrule`) ? ' field--invalid' : ''}`} data-field={`reminders[${i}].rrule`}>
                  <TextField label="Every" name={`reminders[${i}].interval`} inputMode="numeric" size="short" value={r.interval} disabled={!admin} onValue={(v) => setRems((rs) => rs.map((x) => (x.key === r.key ? { ...x, interval: v } : x)))} />
                  <SelectField
                    label="Unit"
                    name={`reminders[${i}].freq`}
                    value={r.freq}
                    disabled={!admin}
                    onValue={(v) => setRems((rs) => rs.map((x) => (x.key === r.key ? { ...x, freq: v as Freq } : x)))}
                    options={[
                      { value: 'DAILY', label: 'days' },
                      { value: 'WEEKLY', label: 'weeks' },
                      { value: 'MONTHLY', label: 'months' },
                    ]}
                  />
                  {errorFor(`reminders[${i}].rrule`) ? (
                    <p class="field-error">{errorFor(`reminders[${i}].rrule`)}</p>
                  ) : (
                    <p class="field-hint">{describeRrule(toRrule(r.freq, r.interval || '1'))}</p>
                  )}
                </div>
                {admin && (
                  <Button small variant="ghost" onClick={() => setRems((rs) => rs.filter((x) => x.key !== r.key))} aria-label={`Remove reminder ${r.title || i + 1}`}>Remove</Button>
                )}
              </li>
            ))}
          </ol>
          {admin && (
            <div>
              <Button small variant="secondary" onClick={() => setRems((rs) => [...rs, { key: nextKey++, code: '', title: '', description: '', freq: 'WEEKLY', interval: '1' }])}>
                Add a reminder
              </Button>
            </div>
          )}
        </div>
      </Card>
      <Card title="Recommendations">
        <div class="stack">
          <p class="muted">Advice shown to staff and to the patient in their portal, by theme.</p>
          <ol class="defaults-list">
            {recs.map((r, i) => (
              <li key={r.key} class="defaults-row" data-recommendation={i}>
                <SelectField
                  label="Theme"
                  name={`recommendations[${i}].category`}
                  value={r.category}
                  disabled={!admin}
                  onValue={(v) => setRecs((rs) => rs.map((x) => (x.key === r.key ? { ...x, category: v as RecommendationCategory } : x)))}
                  options={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))}
                  error={errorFor(`recommendations[${i}].category`)}
                />
                <TextAreaField label="Advice" name={`recommendations[${i}].text`} rows={2} value={r.text} onValue={(v) => admin && setRecs((rs) => rs.map((x) => (x.key === r.key ? { ...x, text: v } : x)))} error={errorFor(`recommendations[${i}].text`)} />
                {admin && (
                  <Button small variant="ghost" onClick={() => setRecs((rs) => rs.filter((x) => x.key !== r.key))} aria-label={`Remove recommendation ${i + 1}`}>Remove</Button>
                )}
              </li>
            ))}
          </ol>
          {admin && (
            <div>
              <Button small variant="secondary" onClick={() => setRecs((rs) => [...rs, { key: nextKey++, category: 'hair_care', text: '' }])}>Add a recommendation</Button>
            </div>
          )}
        </div>
      </Card>
      {admin && (
        <div class="form-actions form-actions--sticky">
          <Button type="submit" busy={busy}>Save the aftercare defaults</Button>
        </div>
      )}
    </form>
  );
}

function slug(title: string): string {
  return title.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 40) || `reminder_${Date.now()}`;
}
