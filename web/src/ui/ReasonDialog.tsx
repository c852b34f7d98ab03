// Asks why before an action that cannot be undone (stopping a course,
// marking a record entered in error): a warning, the reason, the action.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { Alert, FormError } from './feedback';
import { TextAreaField } from './fields';
import { useAction } from './useAction';

export function ReasonDialog<T>(props: {
  title: string;
  warning: ComponentChildren;
  placeholder: string;
  /** The button that acts, and the one that leaves things as they are. */
  act: string;
  keep: string;
  run: (reason: string) => Promise<T>;
  onDone: (r: T) => void;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const action = useAction(() => props.run(reason.trim()), props.onDone);
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <form onSubmit={action.submit} noValidate class="stack">
        <Alert tone="warning">{props.warning}</Alert>
        <FormError error={action.error} fields={['reason']} />
        <TextAreaField
          label="Reason"
          name="reason"
          rows={2}
          value={reason}
          onValue={setReason}
          placeholder={props.placeholder}
          error={action.errorFor('reason')}
        />
        <div class="form-actions">
          <Button type="submit" variant="danger" busy={action.busy}>{props.act}</Button>
          <Button variant="secondary" onClick={props.onClose}>{props.keep}</Button>
        </div>
      </form>
    </Dialog>
  );
}
