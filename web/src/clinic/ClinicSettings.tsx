// The clinic's name, time zone and the settings that shape sessions,
// screenings, reminders and what counts as a response (admin only).
import { useMemo, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Clinic } from '../api/types';
import { useSession } from '../session/session';
import { Button } from '../ui/Button';
import { Alert, FormError } from '../ui/feedback';
import { SelectField, TextField } from '../ui/fields';
import { Card } from '../ui/Page';
import { Async } from '../ui/Async';
import { useAsync } from '../ui/useAsync';
import { useFormSubmit } from '../ui/useFormSubmit';

type NumberKey =
  | 'session_idle_minutes' | 'screening_valid_days' | 'login_attempts_before_delay' | 'slot_minutes' | 'reminder_hours_before'
  | 'responder_density_percent' | 'responder_photo_rating' | 'partial_density_percent' | 'vellus_threshold_um';

interface NumberSetting {
  key: NumberKey;
  label: string;
  hint: string;
}

/** The clinic's numeric settings, by section, with the ranges the server keeps. */
const SECTIONS: { title: string; settings: NumberSetting[] }[] = [
  {
    title: 'Sessions and screening',
    settings: [
      { key: 'session_idle_minutes', label: 'Sign staff out after', hint: 'Minutes without use (5 to 10080).' },
      { key: 'screening_valid_days', label: 'A screening stays valid for', hint: 'Days (1 to 730); then the patient is screened again.' },
      { key: 'login_attempts_before_delay', label: 'Slow down sign-in after', hint: 'Failed attempts in a row on one account (1 to 100).' },
      { key: 'slot_minutes', label: 'Offer booking times every', hint: 'Minutes (5 to 60).' },
      { key: 'reminder_hours_before', label: 'Remind patients of a session', hint: 'Hours before it, by email (1 to 168).' },
    ],
  },
  {
    title: 'What counts as a response',
    settings: [
      { key: 'responder_density_percent', label: 'Responder: density up by', hint: 'Percent against baseline, at least (0 to 200).' },
      { key: 'responder_photo_rating', label: 'or a photo rating of', hint: 'At least, on the −3 to +3 scale.' },
      { key: 'partial_density_percent', label: 'Partial response: density up by', hint: 'Percent, at least; not above the responder\'s.' },
      { key: 'vellus_threshold_um', label: 'A hair is vellus up to', hint: 'Micrometres of shaft diameter (10 to 80); trichoscopy uses it.' },
    ],
  },
];

const FIELDS = ['name', 'timezone', 'phone', ...SECTIONS.flatMap((sec) => sec.settings.map((x) => x.key))];

type Draft = { name: string; timezone: string; phone: string } & Record<NumberKey, string>;

function draftOf(c: Clinic): Draft {
  const d = { name: c.name, timezone: c.timezone, phone: c.phone || '' } as Draft;
  for (const sec of SECTIONS) for (const x of sec.settings) d[x.key] = c[x.key] === undefined ? '' : String(c[x.key]);
  return d;
}

/** Every IANA zone the browser knows, with UTC and the current value kept in. */
function timeZones(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  const all = new Set(['UTC', ...zones]);
  if (current) all.add(current);
  return [...all].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)));
}

/** A number when the text is one ("1,5" too, but not "1,000"); otherwise the text, for the server to name. */
function asNumber(s: string): number | string {
  const t = s.trim();
  const n = /^-?\d+,\d{1,2}$/.test(t) ? t.replace(',', '.') : t;
  return /^-?\d+(\.\d+)?$/.test(n) ? Number(n) : s;
}

/** Loads the clinic afresh (another admin may have changed it), then the form. */
export function ClinicSettings() {
  const state = useAsync((signal) => api.get<Clinic>('/clinic', undefined, signal), []);
  return (
    <Async state={state} loading="Loading clinic settings…">
      {(clinic) => <ClinicForm clinic={clinic} />}
    </Async>
  );
}

function ClinicForm({ clinic }: { clinic: Clinic }) {
  const { setClinic } = useSession();
  const [draft, setDraft] = useState<Draft>(draftOf(clinic));
  const [saved, setSaved] = useState(false);
  const zones = useMemo(() => timeZones(clinic.timezone), [clinic.timezone]);
  const set = (f: keyof Draft) => (v: string) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [f]: v }));
  };

  const { formRef, busy, error, submit, errorFor } = useFormSubmit({
    send: async () => {
      setSaved(false);
      const body: Record<string, unknown> = { name: draft.name.trim(), timezone: draft.timezone, phone: draft.phone.trim() || null };
      for (const sec of SECTIONS) for (const x of sec.settings) if (draft[x.key].trim() !== '') body[x.key] = asNumber(draft[x.key]);
      const c = await api.put<Clinic>('/clinic', body);
      setClinic(c);
      setDraft(draftOf(c));
      setSaved(true);
    },
    stays: true,
  });

  return (
    <Card title="Clinic">
      <form ref={formRef} onSubmit={submit} noValidate class="stack">
        {saved && <Alert tone="success">Clinic settings saved.</Alert>}
        <FormError error={error} fields={FIELDS} />
        <div class="form-grid">
          <TextField label="Clinic name" name="name" value={draft.name} onValue={set('name')} error={errorFor('name')} />
          <SelectField
            label="Time zone"
            name="timezone"
            value={draft.timezone}
            onValue={set('timezone')}
            options={zones.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }))}
            error={errorFor('timezone')}
            hint="Working hours, bookings and every date and time shown use this zone."
          />
          <TextField
            label="Phone for patients"
            name="phone"
            type="tel"
            optional
            value={draft.phone}
            onValue={set('phone')}
            error={errorFor('phone')}
            hint="Shown in the patient portal wherever it says to call the clinic."
          />
        </div>
        {SECTIONS.map((sec) => (
          <section key={sec.title} class="stack" aria-label={sec.title}>
            <h3 class="subheading">{sec.title}</h3>
            <div class="form-grid form-grid--3">
              {sec.settings.map((x) => (
                <TextField
                  key={x.key}
                  label={x.label}
                  name={x.key}
                  inputMode="decimal"
                  size="short"
                  value={draft[x.key]}
                  onValue={set(x.key)}
                  error={errorFor(x.key)}
                  hint={x.hint}
                />
              ))}
            </div>
          </section>
        ))}
        <div class="form-actions">
          <Button type="submit" busy={busy}>Save settings</Button>
        </div>
      </form>
    </Card>
  );
}
