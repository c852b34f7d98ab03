// Staff accounts and their roles (admin only).
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Page, Role, User } from '../api/types';
import { useSession } from '../session/session';
import { Async } from '../ui/Async';
import { Button } from '../ui/Button';
import { Badge, FormError } from '../ui/feedback';
import { CheckboxField, SelectField, TextField } from '../ui/fields';
import { ROLE_LABELS } from '../ui/format';
import { Card } from '../ui/Page';
import { useToast } from '../ui/toast';
import { useAsync } from '../ui/useAsync';
import { useFormSubmit } from '../ui/useFormSubmit';
import { forgetStaffNames } from './staffNames';

const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as Role[]).filter((r) => r !== 'patient').map((r) => ({ value: r, label: ROLE_LABELS[r] }));

const ROLE_HINT = 'Receptionists find and register patients and book; clinicians also screen and assess; administrators also manage the clinic, staff and audit trail.';

export function UsersPage() {
  const state = useAsync((signal) => api.get<Page<User>>('/users', undefined, signal), []);
  const [mode, setMode] = useState<{ kind: 'none' } | { kind: 'add' } | { kind: 'edit'; user: User }>({ kind: 'none' });
  const { me } = useSession();

  const saved = (u: User) => {
    forgetStaffNames();
    if (!state.data) return;
    const exists = state.data.items.some((x) => x.id === u.id);
    const items = exists ? state.data.items.map((x) => (x.id === u.id ? u : x)) : [...state.data.items, u];
    state.setData({ ...state.data, items });
    setMode({ kind: 'none' });
  };

  return (
    <div class="stack-lg">
      {mode.kind === 'add' && <UserForm onSaved={saved} onCancel={() => setMode({ kind: 'none' })} />}
      {mode.kind === 'edit' && <UserForm user={mode.user} onSaved={saved} onCancel={() => setMode({ kind: 'none' })} />}
      <Card
        title="Staff accounts"
        actions={mode.kind === 'none' && <Button small onClick={() => setMode({ kind: 'add' })}>Add a staff member</Button>}
      >
        <Async state={state} loading="Loading staff…">
          {(page) => (
            <div class="table-wrap">
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Email</th>
                    <th scope="col">Role</th>
                    <th scope="col">Status</th>
                    <th scope="col"><span class="sr-only">Actions</span></th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.filter((u) => u.role !== 'patient').map((u) => (
                    <tr key={u.id} class={u.active ? '' : 'is-inactive'}>
                      <td class="strong">
                        {u.name}
                        {u.id === me.id && <span class="tag">you</span>}
                      </td>
                      <td>{u.email}</td>
                      <td>{ROLE_LABELS[u.role] || u.role}</td>
                      <td>{u.active ? <Badge tone="success">Active</Badge> : <Badge>Deactivated</Badge>}</td>
                      <td class="cell-actions">
                        <Button variant="ghost" small onClick={() => setMode({ kind: 'edit', user: u })} aria-label={`Edit ${u.name}`}>
                          Edit
                        </Button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {page.items.some((u) => u.role === 'patient') && (
                <p class="card-foot muted small">
                  {((n) => (n === 1 ? '1 patient has' : `${n} patients have`))(page.items.filter((u) => u.role === 'patient').length)} a portal account (invited from their record); they are not staff and are not listed here.
                </p>
              )}
            </div>
          )}
        </Async>
      </Card>
    </div>
  );
}

function UserForm(props: { user?: User; onSaved: (u: User) => void; onCancel: () => void }) {
  const { user } = props;
  const { me } = useSession();
  const notify = useToast();
  const [name, setName] = useState(user?.name || '');
  const [email, setEmail] = useState(user?.email || '');
  const [role, setRole] = useState<string>(user?.role || '');
  const [active, setActive] = useState(user?.active ?? true);
  const [password, setPassword] = useState('');

  const { formRef, busy, error, submit, errorFor } = useFormSubmit({
    send: async () => {
      let saved: User;
      if (user) {
        const body: Record<string, unknown> = {};
        if (name.trim() !== user.name) body.name = name.trim();
        if (role !== user.role) body.role = role;
        if (active !== user.active) body.active = active;
        if (password) body.password = password;
        saved = Object.keys(body).length ? await api.patch<User>(`/users/${user.id}`, body) : user;
        notify(`${saved.name}'s account is saved.`);
      } else {
        saved = await api.post<User>('/users', { name: name.trim(), email: email.trim(), role, password });
        notify(`${saved.name} can now sign in.`);
      }
      props.onSaved(saved);
    },
  });

  return (
    <Card title={user ? `Edit ${user.name}` : 'Add a staff member'}>
      <form ref={formRef} onSubmit={submit} noValidate class="stack">
        <FormError error={error} fields={['name', 'email', 'role', 'password', 'active']} />
        <div class="form-grid">
          <TextField label="Name" name="name" value={name} onValue={setName} error={errorFor('name')} autoComplete="off" />
          {user ? (
            <div class="field">
              <span class="field-label">Email</span>
              <p class="static-value">{user.email}</p>
            </div>
          ) : (
            <TextField label="Email" name="email" type="email" value={email} onValue={setEmail} error={errorFor('email')} autoComplete="off" />
          )}
          <SelectField
            label="Role"
            name="role"
            value={role}
            onValue={setRole}
            options={ROLE_OPTIONS}
            placeholder={user ? undefined : 'Choose…'}
            error={errorFor('role')}
            hint={ROLE_HINT}
          />
          <TextField
            label={user ? 'New password' : 'Password'}
            name="password"
            type="password"
            autoComplete="new-password"
            optional={!!user}
            value={password}
            onValue={setPassword}
            error={errorFor('password')}
            hint={user ? 'Leave blank to keep the current one. A new password signs them out everywhere.' : 'At least 10 characters; give it to them in person.'}
          />
        </div>
        {user && user.id !== me.id && (
          <CheckboxField
            label="Account active"
            name="active"
            checked={active}
            onValue={setActive}
            error={errorFor('active')}
            hint="A deactivated account cannot sign in and is signed out at once; its records stay."
          />
        )}
        <div class="form-actions">
          <Button type="submit" busy={busy}>{user ? 'Save changes' : 'Create account'}</Button>
          <Button variant="secondary" onClick={props.onCancel}>Cancel</Button>
        </div>
      </form>
    </Card>
  );
}
