// The clinic's name, time zone and the settings that shape sessions and
// screenings (admin only).
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

const FIELDS = ['name', 'timezone', 'session_idle_minutes', 'screening_valid_days', 'login_attempts_before_delay'];

interface Draft {
  name: string;
  timezone: string;
  session_idle_minutes: string;
  screening_valid_days: string;
  login_attempts_before_delay: string;
}

function draftOf(c: Clinic): Draft {
  return {
    name: c.name,
    timezone: c.timezone,
    session_idle_minutes: String(c.session_idle_minutes),
    screening_valid_days: String(c.screening_valid_days),
    login_attempts_before_delay: String(c.login_attempts_before_delay),
  };
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

function asNumber(s: string): number | string {
  return /^\s*\d+\s*$/.test(s) ? Number(s) : s;
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
      const c = await api.put<Clinic>('/clinic', {
        name: draft.name.trim(),
        timezone: draft.timezone,
        session_idle_minutes: asNumber(draft.session_idle_minutes),
        screening_valid_days: asNumber(draft.screening_valid_days),
        login_attempts_before_delay: asNumber(draft.login_attempts_before_delay),
      });
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
        </div>
        <h3 class="subheading">Sessions and screening</h3>
        <div class="form-grid form-grid--3">
          <TextField
            label="Sign staff out after"
            name="session_idle_minutes"
            type="number"
            inputMode="numeric"
            size="short"
            value={draft.session_idle_minutes}
            onValue={set('session_idle_minutes')}
            error={errorFor('session_idle_minutes')}
            hint="Minutes without use (5 to 10080)."
          />
          <TextField
            label="A screening stays valid for"
            name="screening_valid_days"
            type="number"
            inputMode="numeric"
            size="short"
            value={draft.screening_valid_days}
            onValue={set('screening_valid_days')}
            error={errorFor('screening_valid_days')}
            hint="Days (1 to 730); then the patient is screened again."
          />
          <TextField
            label="Slow down sign-in after"
            name="login_attempts_before_delay"
            type="number"
            inputMode="numeric"
            size="short"
            value={draft.login_attempts_before_delay}
            onValue={set('login_attempts_before_delay')}
            error={errorFor('login_attempts_before_delay')}
            hint="Failed attempts in a row on one account (1 to 100)."
          />
        </div>
        <div class="form-actions">
          <Button type="submit" busy={busy}>Save settings</Button>
        </div>
      </form>
    </Card>
  );
}
