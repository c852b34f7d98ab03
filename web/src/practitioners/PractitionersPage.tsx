// Practitioners: who does the sessions, their weekly working hours (admins
// edit them) and their time off (receptionists manage it too).
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Page, Practitioner, WorkingHours } from '../api/types';
import { useSession } from '../session/session';
import { Async } from '../ui/Async';
import { Button } from '../ui/Button';
import { Badge, EmptyState, FormError } from '../ui/feedback';
import { CheckboxField, TextField } from '../ui/fields';
import { Card } from '../ui/Page';
import { blankFields } from '../ui/required';
import { useToast } from '../ui/toast';
import { useAsync } from '../ui/useAsync';
import { useFormSubmit } from '../ui/useFormSubmit';
import { Closures } from './Closures';
import { HoursEditor, hoursSummary } from './HoursEditor';

type Mode = { kind: 'none' } | { kind: 'add' } | { kind: 'edit'; practitioner: Practitioner } | { kind: 'off'; practitioner: Practitioner };

export function PractitionersPage() {
  const { can, clinic } = useSession();
  const state = useAsync((signal) => api.get<Page<Practitioner>>('/practitioners', undefined, signal), []);
  const [mode, setMode] = useState<Mode>({ kind: 'none' });
  const admin = can('clinic:write');

  const saved = (p: Practitioner) => {
    if (state.data) {
      const exists = state.data.items.some((x) => x.id === p.id);
      state.setData({ items: exists ? state.data.items.map((x) => (x.id === p.id ? p : x)) : [...state.data.items, p] });
    }
    setMode({ kind: 'none' });
  };

  return (
    <div class="stack-lg">
      {mode.kind === 'add' && <PractitionerForm onSaved={saved} onCancel={() => setMode({ kind: 'none' })} />}
      {mode.kind === 'edit' && <PractitionerForm practitioner={mode.practitioner} onSaved={saved} onCancel={() => setMode({ kind: 'none' })} />}
      {mode.kind === 'off' && (
        <Card
          title={`${mode.practitioner.name}: time off`}
          actions={<Button small variant="secondary" onClick={() => setMode({ kind: 'none' })}>Done</Button>}
        >
          <p class="muted">Days {mode.practitioner.name} cannot be booked (leave, training, congress). Appointments already booked on them stay: move them from the calendar.</p>
          <Closures
            path={`/practitioners/${mode.practitioner.id}/time-off`}
            noun="Time off"
            empty="No time off recorded."
            reasonPlaceholder="e.g. Congress in Madrid"
            today={clinic.today}
          />
        </Card>
      )}
      <Card
        title="Practitioners"
        actions={admin && mode.kind === 'none' && <Button small onClick={() => setMode({ kind: 'add' })}>Add a practitioner</Button>}
      >
        <Async state={state} loading="Loading practitioners…">
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState title="No practitioners yet.">
                Add the people who do the sessions, with their weekly hours: courses are booked into their calendars.
              </EmptyState>
            ) : (
              <div class="table-wrap">
                <table class="table">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Weekly hours</th>
                      <th scope="col">Status</th>
                      <th scope="col"><span class="sr-only">Actions</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((p) => (
                      <tr key={p.id} class={p.active ? '' : 'is-inactive'}>
                        <td class="strong">{p.name}</td>
                        <td>{hoursSummary(p.working_hours)}</td>
                        <td>{p.active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>}</td>
                        <td class="cell-actions">
                          <div class="row-actions">
                            <Button variant="ghost" small onClick={() => setMode({ kind: 'off', practitioner: p })} aria-label={`Time off for ${p.name}`}>
                              Time off
                            </Button>
                            {admin && (
                              <Button variant="ghost" small onClick={() => setMode({ kind: 'edit', practitioner: p })} aria-label={`Edit ${p.name}`}>
                                Edit
                              </Button>
                            )}
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Async>
      </Card>
    </div>
  );
}

const DEFAULT_HOURS: WorkingHours[] = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }));

function PractitionerForm(props: { practitioner?: Practitioner; onSaved: (p: Practitioner) => void; onCancel: () => void }) {
  const { practitioner } = props;
  const notify = useToast();
  const [name, setName] = useState(practitioner?.name || '');
  const [active, setActive] = useState(practitioner?.active ?? true);
  const [hours, setHours] = useState<WorkingHours[]>(practitioner?.working_hours || DEFAULT_HOURS);
  const { formRef, busy, error, blank, submit, errorFor } = useFormSubmit({
    check: () => blankFields({ name }, { name: 'Enter the practitioner’s name.' }),
    send: async () => {
      const body = { name: name.trim(), working_hours: hours };
      // An edit names the bookings it leaves outside the hours (kept, to move).
      const saved: Practitioner & { to_move?: unknown[] } = practitioner
        ? await api.patch(`/practitioners/${practitioner.id}`, { ...body, active })
        : await api.post('/practitioners', body);
      const stranded = saved.to_move?.length || 0;
      notify(
        !practitioner
          ? `${saved.name} is added: courses can now be booked with them.`
          : stranded
            ? `${saved.name} is saved. ${stranded} booked session${stranded === 1 ? '' : 's'} no longer fit${stranded === 1 ? 's' : ''} (hours or inactive): listed on Today to move.`
            : `${saved.name} is saved.`,
      );
      props.onSaved(saved);
    },
  });
  const shown = ['name', 'active', 'working_hours', ...hours.flatMap((_, i) => [`working_hours[${i}]`, `working_hours[${i}].start`, `working_hours[${i}].end`])];
  return (
    <Card title={practitioner ? `Edit ${practitioner.name}` : 'Add a practitioner'}>
      <form ref={formRef} onSubmit={submit} noValidate class="stack">
        <FormError error={error} fields={shown} blank={blank} />
        <div class="form-grid">
          <TextField label="Name" name="name" value={name} onValue={setName} error={errorFor('name')} autoComplete="off" placeholder="e.g. Dr Lucía Vega" />
        </div>
        <HoursEditor value={hours} onValue={setHours} errorFor={errorFor} />
        {practitioner && (
          <CheckboxField
            label="Active"
            name="active"
            checked={active}
            onValue={setActive}
            hint="An inactive practitioner keeps their appointments but is no longer offered for booking."
            error={errorFor('active')}
          />
        )}
        <div class="form-actions">
          <Button type="submit" busy={busy}>{practitioner ? 'Save changes' : 'Add practitioner'}</Button>
          <Button variant="secondary" onClick={props.onCancel}>Cancel</Button>
        </div>
      </form>
    </Card>
  );
}
