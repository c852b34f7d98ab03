// Finding a patient: a search box (debounced, kept in the URL so "back"
// returns to the same results) over a paged list.
import { useLocation } from 'preact-iso';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, isAbort } from '../api/client';
import type { Page, Patient } from '../api/types';
import { useSession } from '../session/session';
import { Button, LinkButton } from '../ui/Button';
import { EmptyState, ErrorState, Loading, Spinner } from '../ui/feedback';
import { SEX_LABELS } from '../ui/format';
import { PageHeader } from '../ui/Page';

const PAGE_SIZE = 25;
const DEBOUNCE_MS = 250;

interface ListState {
  /** The search these items answer. */
  forQ: string;
  items: Patient[];
  next: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
}

export function PatientsPage() {
  const { query, path, route } = useLocation();
  const { fmt } = useSession();
  const [text, setText] = useState(query.q || '');
  const [q, setQ] = useState(query.q || '');
  const [state, setState] = useState<ListState>({ forQ: '', items: [], next: null, loading: true, loadingMore: false, error: null });
  const [tick, setTick] = useState(0);
  const more = useRef<AbortController | null>(null);

  // Follow the URL when it changes from outside (e.g. the "Patients" link).
  useEffect(() => {
    const fromUrl = query.q || '';
    if (fromUrl !== q) {
      setText(fromUrl);
      setQ(fromUrl);
    }
  }, [query.q]);

  // Debounce typing, and keep the search in the URL (replacing, not pushing).
  useEffect(() => {
    const t = window.setTimeout(() => {
      const trimmed = text.trim();
      setQ(trimmed);
      const url = trimmed ? `${path}?q=${encodeURIComponent(trimmed)}` : path;
      if (url !== `${path}${location.search}`) route(url, true);
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(t);
  }, [text]);

  useEffect(() => {
    const ac = new AbortController();
    more.current?.abort();
    setState((s) => ({ ...s, loading: true, error: null }));
    api.get<Page<Patient>>('/patients', { q, limit: PAGE_SIZE }, ac.signal).then(
      (page) => setState({ forQ: q, items: page.items, next: page.next_cursor || null, loading: false, loadingMore: false, error: null }),
      (error) => !isAbort(error) && setState((s) => ({ ...s, loading: false, error })),
    );
    return () => ac.abort();
  }, [q, tick]);

  const loadMore = async () => {
    if (!state.next) return;
    const ac = new AbortController();
    more.current = ac;
    setState((s) => ({ ...s, loadingMore: true }));
    try {
      const page = await api.get<Page<Patient>>('/patients', { q, limit: PAGE_SIZE, cursor: state.next }, ac.signal);
      setState((s) => ({ ...s, items: [...s.items, ...page.items], next: page.next_cursor || null, loadingMore: false }));
    } catch (error) {
      if (!isAbort(error)) setState((s) => ({ ...s, loadingMore: false, error }));
    }
  };

  const searching = text.trim() !== state.forQ || state.loading;
  return (
    <div class="page">
      <PageHeader title="Patients" actions={<LinkButton href="/patients/new">Register a patient</LinkButton>} />
      <div class="search-bar" role="search">
        <label class="field-label" for="patient-search">Search patients</label>
        <div class="search-input-wrap">
          <input
            id="patient-search"
            class="input search-input"
            type="search"
            value={text}
            onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
            placeholder="Name, phone or email, e.g. fern"
            autoComplete="off"
            aria-describedby="patient-search-hint"
            aria-controls="patient-results"
          />
          {searching && <Spinner />}
        </div>
        <p id="patient-search-hint" class="field-hint">Matches the start of any name (accents and capitals don't matter), 4 or more digits of the phone number, or the start of the email.</p>
      </div>

      <div id="patient-results" aria-busy={searching} data-query={state.forQ}>
        {state.error && state.items.length === 0 ? (
          <ErrorState error={state.error} onRetry={() => setTick((t) => t + 1)} />
        ) : state.loading && state.items.length === 0 ? (
          <Loading>Loading patients…</Loading>
        ) : state.items.length === 0 ? (
          q ? (
            <EmptyState title={`No patient matches “${q}”.`} action={<LinkButton href="/patients/new" variant="secondary">Register a patient</LinkButton>}>
              Check the spelling, or search by the other name.
            </EmptyState>
          ) : (
            <EmptyState title="No patients yet." action={<LinkButton href="/patients/new">Register the first patient</LinkButton>}>
              Registered patients appear here, sorted by family name.
            </EmptyState>
          )
        ) : (
          <>
            <div class="table-wrap">
              <table class="table table--hover table--stack">
                <caption class="sr-only">{q ? `Patients matching “${q}”` : 'All patients'}</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Birth date</th>
                    <th scope="col">Sex</th>
                    <th scope="col">Contact</th>
                    <th scope="col">Registered</th>
                  </tr>
                </thead>
                <tbody>
                  {state.items.map((p) => (
                    <tr key={p.id}>
                      <td class="cell-title">
                        <a class="row-link" href={`/patients/${p.id}`}>
                          <span class="strong">{p.family_name}</span>, {p.given_name}
                        </a>
                      </td>
                      <td data-label="Born">
                        <span>
                          {fmt.date(p.birth_date)} <span class="muted nowrap">· {p.age} y</span>
                        </span>
                      </td>
                      <td data-label="Sex">{SEX_LABELS[p.sex] || p.sex}</td>
                      <td data-label="Contact">
                        <div class="contact">
                          {p.email && <span>{p.email}</span>}
                          {p.phone && <span class="muted">{p.phone}</span>}
                          {!p.email && !p.phone && <span class="muted">—</span>}
                        </div>
                      </td>
                      <td data-label="Registered" class="muted">{fmt.day(p.created_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {state.error && <ErrorState error={state.error} onRetry={loadMore} />}
            <div class="list-footer">
              <span class="muted">
                {state.items.length} patient{state.items.length === 1 ? '' : 's'} shown{state.next ? '' : ' — that is all'}
              </span>
              {state.next && (
                <Button variant="secondary" onClick={loadMore} busy={state.loadingMore}>
                  Load more
                </Button>
              )}
            </div>
          </>
        )}
      </div>
    </div>
  );
}
