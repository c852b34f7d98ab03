// A modal dialog on the browser's own <dialog>: it traps focus, closes on
// Escape, and returns focus to what opened it. Mount it to open it.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

export function Dialog(props: {
  title: ComponentChildren;
  onClose: () => void;
  children: ComponentChildren;
  /** Shown under the title. */
  intro?: ComponentChildren;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = `dialog-${useId()}`;
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    // Focus the first field rather than the first button (often "Cancel").
    const first = dialog.querySelector<HTMLElement>('input:not([type="hidden"]):not(:disabled), select, textarea');
    first?.focus();
    const cancel = (e: Event) => {
      e.preventDefault();
      onClose.current();
    };
    dialog.addEventListener('cancel', cancel);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      if (dialog.open) dialog.close();
      if (opener && document.contains(opener)) opener.focus();
    };
  }, []);

  return (
    <dialog ref={ref} class={`dialog${props.wide ? ' dialog--wide' : ''}`} aria-labelledby={titleId}>
      <div class="dialog-header">
        <h2 id={titleId} class="dialog-title">{props.title}</h2>
        <button type="button" class="dialog-close" aria-label="Close" onClick={() => props.onClose()}>×</button>
      </div>
      {props.intro && <div class="dialog-intro">{props.intro}</div>}
      <div class="dialog-body">{props.children}</div>
    </dialog>
  );
}
