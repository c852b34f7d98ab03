// The staff app's frame: a side navigation (a top bar on narrow screens)
// with the clinic, the main sections, and who is signed in.
import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { useSession } from '../session/session';
import { ROLE_LABELS } from '../ui/format';
import { CalendarIcon, PatientsIcon, SetupIcon, SignOutIcon, TodayIcon } from './icons';
import { Logo } from './Logo';

interface NavItem {
  href: string;
  label: string;
  icon: () => preact.JSX.Element;
}

export function canSeeSetup(can: (p: 'clinic:write' | 'users:manage' | 'audit:read' | 'scheduling:read' | 'clinical:read') => boolean): boolean {
  return can('clinic:write') || can('users:manage') || can('audit:read') || can('scheduling:read') || can('clinical:read');
}

export function AppShell({ children }: { children: ComponentChildren }) {
  const { me, clinic, can, signOut } = useSession();
  const { path } = useLocation();
  const [signingOut, setSigningOut] = useState(false);
  const items: NavItem[] = [
    { href: '/today', label: 'Today', icon: TodayIcon },
    { href: '/patients', label: 'Patients', icon: PatientsIcon },
    { href: '/calendar', label: 'Calendar', icon: CalendarIcon },
  ];
  if (canSeeSetup(can)) items.push({ href: '/setup', label: 'Set-up', icon: SetupIcon });

  const onSignOut = async () => {
    setSigningOut(true);
    await signOut();
  };

  return (
    <div class="shell">
      <a class="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <header class="sidebar">
        <div class="sidebar-brand">
          <Logo size={30} />
          <div class="sidebar-brand-text">
            <span class="brand-name">anagen</span>
            <span class="brand-clinic" title={clinic.name}>{clinic.name}</span>
          </div>
        </div>
        <nav class="nav" aria-label="Main">
          {items.map((item) => {
            const current = path === item.href || path.startsWith(`${item.href}/`);
            const Icon = item.icon;
            return (
              <a key={item.href} href={item.href} class={`nav-link${current ? ' is-current' : ''}`} aria-current={current ? 'page' : undefined}>
                <Icon />
                <span>{item.label}</span>
              </a>
            );
          })}
        </nav>
        <div class="sidebar-user" aria-label="Signed in">
          <div class="sidebar-user-who">
            <div class="avatar" aria-hidden="true">{initials(me.name)}</div>
            <div class="sidebar-user-text">
              <span class="user-name" data-testid="user-name" title={me.email}>{me.name}</span>
              <span class="user-role" data-testid="user-role">{ROLE_LABELS[me.role] || me.role}</span>
            </div>
          </div>
          <button type="button" class="btn btn--ghost btn--small signout" onClick={onSignOut} disabled={signingOut}>
            <SignOutIcon />
            <span>Sign out</span>
          </button>
        </div>
      </header>
      <main id="main" class="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter((p) => /^[\p{L}]/u.test(p));
  const letters = parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : (parts[0] || '?').slice(0, 2);
  return letters.toUpperCase();
}
