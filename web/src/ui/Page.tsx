import type { ComponentChildren } from 'preact';
import { useEffect, useId } from 'preact/hooks';

/** Sets the browser tab's title to "TITLE · anagen". */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · anagen` : 'anagen';
  }, [title]);
}

export function PageHeader(props: {
  title: ComponentChildren;
  titleText?: string;
  subtitle?: ComponentChildren;
  actions?: ComponentChildren;
  crumb?: { href: string; label: string };
}) {
  useTitle(props.titleText ?? (typeof props.title === 'string' ? props.title : ''));
  return (
    <header class="page-header">
      <div class="page-header-text">
        {props.crumb && (
          <a class="crumb" href={props.crumb.href}>
            <span aria-hidden="true">← </span>
            {props.crumb.label}
          </a>
        )}
        <h1>{props.title}</h1>
        {props.subtitle && <div class="page-subtitle">{props.subtitle}</div>}
      </div>
      {props.actions && <div class="page-actions">{props.actions}</div>}
    </header>
  );
}

export function Card(props: {
  title?: ComponentChildren;
  actions?: ComponentChildren;
  children: ComponentChildren;
  class?: string;
}) {
  const id = `card-${useId()}`;
  return (
    <section class={`card${props.class ? ` ${props.class}` : ''}`} aria-labelledby={props.title ? id : undefined}>
      {(props.title || props.actions) && (
        <div class="card-header">
          {props.title && <h2 class="card-title" id={id}>{props.title}</h2>}
          {props.actions && <div class="card-actions">{props.actions}</div>}
        </div>
      )}
      <div class="card-body">{props.children}</div>
    </section>
  );
}

/** A tab bar of links; the current one is marked with aria-current. */
export function TabNav(props: { label: string; tabs: { href: string; label: string; current: boolean }[] }) {
  return (
    <nav class="tabs" aria-label={props.label}>
      {props.tabs.map((t) => (
        <a key={t.href} href={t.href} class={`tab${t.current ? ' is-current' : ''}`} aria-current={t.current ? 'page' : undefined}>
          {t.label}
        </a>
      ))}
    </nav>
  );
}
