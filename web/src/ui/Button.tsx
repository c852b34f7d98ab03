import type { ButtonHTMLAttributes, ComponentChildren } from 'preact';
import { Spinner } from './feedback';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

/** A button that shows a spinner and refuses clicks while `busy`. */
export function Button(
  props: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'class'> & {
    variant?: Variant;
    busy?: boolean;
    small?: boolean;
    class?: string;
    children: ComponentChildren;
  },
) {
  const { variant = 'primary', busy, small, class: cls, children, type, disabled, ...rest } = props;
  return (
    <button
      {...rest}
      type={(type as 'button' | 'submit' | 'reset' | undefined) || 'button'}
      class={`btn btn--${variant}${small ? ' btn--small' : ''}${cls ? ` ${cls}` : ''}`}
      disabled={disabled || busy}
      aria-busy={busy ? true : undefined}
    >
      {busy && <Spinner />}
      {children}
    </button>
  );
}

/** A link styled as a button (navigation, not an action). */
export function LinkButton(props: { href: string; variant?: Variant; small?: boolean; children: ComponentChildren; 'aria-label'?: string }) {
  return (
    <a href={props.href} class={`btn btn--${props.variant || 'primary'}${props.small ? ' btn--small' : ''}`} aria-label={props['aria-label']}>
      {props.children}
    </a>
  );
}
