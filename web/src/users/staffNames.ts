// Names for the user ids that records carry (screened_by, assessed_by,
// audit user_id). Only admins may list staff, so for other roles the app
// knows just its own name.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Page, User } from '../api/types';
import { useSession } from '../session/session';

let cache: Promise<Map<string, User>> | null = null;

/** Forgets the cached staff list (after a user is added or renamed). */
export function forgetStaffNames(): void {
  cache = null;
}

export function useStaffNames(): (id: string | null | undefined) => string {
  const { me, can } = useSession();
  const [users, setUsers] = useState<Map<string, User> | null>(null);
  const admin = can('users:manage');
  useEffect(() => {
    if (!admin) return;
    if (!cache) cache = api.get<Page<User>>('/users').then((p) => new Map(p.items.map((u) => [u.id, u])));
    let live = true;
    cache.then((m) => live && setUsers(m)).catch(() => { cache = null; });
    return () => { live = false; };
  }, [admin]);
  return (id) => {
    if (!id) return '—';
    if (id === me.id) return `${me.name} (you)`;
    return users?.get(id)?.name || 'another staff member';
  };
}
