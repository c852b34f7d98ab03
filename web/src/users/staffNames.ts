// Names for the user ids that records carry (screened_by, assessed_by,
// created_by, audit user_id), from the staff directory every staff member
// may read.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Page, StaffMember } from '../api/types';
import { useSession } from '../session/session';

let cache: Promise<Map<string, StaffMember>> | null = null;

/** Forgets the cached staff list (after a user is added or renamed). */
export function forgetStaffNames(): void {
  cache = null;
}

export function useStaffNames(): (id: string | null | undefined) => string {
  const { me } = useSession();
  const [staff, setStaff] = useState<Map<string, StaffMember> | null>(null);
  useEffect(() => {
    if (!cache) cache = api.get<Page<StaffMember>>('/staff').then((p) => new Map(p.items.map((u) => [u.id, u])));
    let live = true;
    cache.then((m) => live && setStaff(m)).catch(() => { cache = null; });
    return () => { live = false; };
  }, []);
  return (id) => {
    if (!id) return '—';
    if (id === me.id) return `${me.name} (you)`;
    return staff?.get(id)?.name || 'another staff member';
  };
}
