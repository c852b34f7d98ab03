// Set-up › Side-effect report: events per 100 sessions by type and by lot
// over a date range (default the last 12 months).
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api/client';
import type { AdverseEventReport } from '../api/types';
import { TYPE_LABELS } from '../adverse/labels';
import { useSession } from '../session/session';
import { Async } from '../ui/Async';
import { Button } from '../ui/Button';
import { EmptyState } from '../ui/feedback';
import { TextField } from '../ui/fields';
import { addMonths } from '../ui/dates';
import { Card } from '../ui/Page';
import { useAsync } from '../ui/useAsync';

function rate(v: number): string {
  return new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(v);
}

export function AdverseEventReportPage() {
  const { clinic, fmt } = useSession();
  const today = clinic.today || '';
  const [from, setFrom] = useState(addMonths(today, -12));
  const [to, setTo] = useState(today);
  const [range, setRange] = useState({ from, to });
  const state = useAsync((signal) => api.get<AdverseEventReport>('/reports/adverse-events', range, signal), [range.from, range.to]);
  const errorFor = (f: string) => (state.error instanceof ApiError ? state.error.fieldMessage(f) : undefined);
  const max = (rows: { per_100_sessions: number }[]) => Math.max(1, ...rows.map((r) => r.per_100_sessions));

  return (
    <Card title="Side-effect report">
      <div class="stack">
        <form
          class="filters"
          onSubmit={(e) => {
            e.preventDefault();
            setRange({ from, to });
          }}
          aria-label="Report period"
        >
          <TextField label="From" name="from" type="date" value={from} onValue={setFrom} error={errorFor('from')} />
          <TextField label="To" name="to" type="date" value={to} onValue={setTo} error={errorFor('to')} />
          <div class="filters-actions">
            <Button type="submit" variant="secondary" busy={state.loading}>Show</Button>
          </div>
        </form>
        <Async state={state} loading="Counting sessions and side effects…">
          {(r) => (
            <div class="stack-lg" data-testid="ae-report">
              <p class="report-summary">
                {fmt.date(r.from)} – {fmt.date(r.to)}: <strong>{r.sessions} sessions</strong>, <strong>{r.events} side effects</strong>
                {r.sessions > 0 && <> ({rate((r.events / r.sessions) * 100)} per 100 sessions)</>}.
              </p>
              {r.events === 0 ? (
                <EmptyState title="No side effect in this period." />
              ) : (
                <>
                  <section aria-labelledby="by-type">
                    <h3 class="subheading" id="by-type">By type</h3>
                    <table class="table table--compact report-table" aria-label="Side effects by type">
                      <thead>
                        <tr><th scope="col">Type</th><th scope="col" class="num">Events</th><th scope="col" class="num">Sessions</th><th scope="col">Per 100 sessions</th></tr>
                      </thead>
                      <tbody>
                        {r.by_type.map((row) => (
                          <tr key={row.type} data-type={row.type}>
                            <td>{TYPE_LABELS[row.type] || row.type}</td>
                            <td class="num">{row.events}</td>
                            <td class="num">{row.sessions}</td>
                            <td><Bar value={row.per_100_sessions} max={max(r.by_type)} /></td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </section>
                  <section aria-labelledby="by-lot">
                    <h3 class="subheading" id="by-lot">By lot</h3>
                    {r.by_lot.length === 0 ? (
                      <p class="muted">No side effect in this period is linked to a lot.</p>
                    ) : (
                      <table class="table table--compact report-table" aria-label="Side effects by lot">
                        <thead>
                          <tr><th scope="col">Lot</th><th scope="col" class="num">Events</th><th scope="col" class="num">Sessions with the lot</th><th scope="col">Per 100 sessions</th></tr>
                        </thead>
                        <tbody>
                          {r.by_lot.map((row) => (
                            <tr key={row.lot_id} data-lot={row.lot_number}>
                              <td>
                                <span class="mono strong">{row.lot_number || row.lot_id}</span>
                                {row.product_name && <span class="muted"> · {row.product_name}</span>}{' '}
                                <a class="small" href={`/setup/recall?lot=${row.lot_id}`}>Recipients</a>
                              </td>
                              <td class="num">{row.events}</td>
                              <td class="num">{row.sessions}</td>
                              <td><Bar value={row.per_100_sessions} max={max(r.by_lot)} /></td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    )}
                  </section>
                </>
              )}
              <p class="muted small">A rate is the events of that type (or linked to that lot) per 100 sessions charted in the period (with that lot).</p>
            </div>
          )}
        </Async>
      </div>
    </Card>
  );
}

function Bar({ value, max }: { value: number; max: number }) {
  return (
    <span class="rate">
      <span class="rate-bar" aria-hidden="true"><span style={{ width: `${Math.min(100, (value / max) * 100)}%` }} /></span>
      <span class="rate-value">{rate(value)}</span>
    </span>
  );
}
