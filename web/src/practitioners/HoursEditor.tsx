// A practitioner's weekly working hours as an editable week: each day on or
// off, with one or more periods (a split shift has two). The value is the
// API's flat list; the server's messages for `working_hours[i].start` land
// next to that period.
import { useId } from 'preact/hooks';
import type { WorkingHours } from '../api/types';
import { WEEKDAYS, fromMinutes, toMinutes } from '../ui/dates';

const STEP_TIMES = Array.from({ length: 97 }, (_, i) => fromMinutes(i * 15));

function sortByDay(hours: WorkingHours[]): WorkingHours[] {
  return hours
    .map((h, i) => ({ h, i }))
    .sort((a, b) => a.h.weekday - b.h.weekday || a.i - b.i)
    .map((x) => x.h);
}

function TimeSelect(props: { label: string; value: string; onValue: (v: string) => void; invalid: boolean; describedBy?: string; name: string }) {
  const id = `${props.name.replace(/[^a-zA-Z0-9_-]/g, '-')}-${useId()}`;
  const options = STEP_TIMES.includes(props.value) ? STEP_TIMES : [...STEP_TIMES, props.value].sort();
  return (
    <>
      <label class="sr-only" for={id}>{props.label}</label>
      <select
        id={id}
        name={props.name}
        class="input select input--time"
        value={props.value}
        onChange={(e) => props.onValue((e.currentTarget as HTMLSelectElement).value)}
        aria-invalid={props.invalid ? true : undefined}
        aria-describedby={props.describedBy}
      >
        {options.map((t) => <option key={t} value={t}>{t}</option>)}
      </select>
    </>
  );
}

export function HoursEditor(props: {
  value: WorkingHours[];
  onValue: (v: WorkingHours[]) => void;
  errorFor: (field: string) => string | undefined;
}) {
  const hours = props.value;
  const set = (next: WorkingHours[]) => props.onValue(sortByDay(next));
  const baseId = useId();

  const toggleDay = (weekday: number, on: boolean) => {
    if (on) {
      // Copy the nearest earlier working day (else the next one).
      const days = [...hours.map((h) => h.weekday)];
      const before = days.filter((d) => d < weekday);
      const near = before.length ? Math.max(...before) : Math.min(...days);
      const template = hours.filter((h) => h.weekday === near);
      const periods = template.length ? template : [{ start: '09:00', end: '17:00' }];
      set([...hours, ...periods.map((h) => ({ weekday, start: h.start, end: h.end }))]);
    } else {
      set(hours.filter((h) => h.weekday !== weekday));
    }
  };
  const addPeriod = (weekday: number) => {
    const last = hours.filter((h) => h.weekday === weekday).pop();
    const start = last ? Math.min(toMinutes(last.end) + 60, 23 * 60) : 9 * 60;
    set([...hours, { weekday, start: fromMinutes(start), end: fromMinutes(Math.min(start + 4 * 60, 24 * 60)) }]);
  };
  const update = (index: number, change: Partial<WorkingHours>) => set(hours.map((h, i) => (i === index ? { ...h, ...change } : h)));
  const remove = (index: number) => set(hours.filter((_, i) => i !== index));
  const copyMonday = () => {
    const monday = hours.filter((h) => h.weekday === 1);
    const rest = hours.filter((h) => h.weekday < 2 || h.weekday > 5);
    set([...rest, ...[2, 3, 4, 5].flatMap((weekday) => monday.map((h) => ({ ...h, weekday })))]);
  };
  const overall = props.errorFor('working_hours');

  return (
    <fieldset class={`field hours-editor${overall ? ' field--invalid' : ''}`} data-field="working_hours">
      <legend class="field-label">Weekly working hours</legend>
      <table class="hours-table">
        <tbody>
          {WEEKDAYS.map((d) => {
            const periods = hours.map((h, i) => ({ h, i })).filter((x) => x.h.weekday === d.value);
            const on = periods.length > 0;
            const checkId = `${baseId}-day-${d.value}`;
            return (
              <tr key={d.value} class={on ? 'is-on' : 'is-off'} data-weekday={d.value}>
                <th scope="row">
                  <label class="check" for={checkId}>
                    <input id={checkId} type="checkbox" checked={on} onChange={(e) => toggleDay(d.value, (e.currentTarget as HTMLInputElement).checked)} />
                    <span>{d.long}</span>
                  </label>
                </th>
                <td>
                  {on ? (
                    <div class="periods">
                      {periods.map(({ h, i }, k) => {
                        const startError = props.errorFor(`working_hours[${i}].start`);
                        const endError = props.errorFor(`working_hours[${i}].end`) || props.errorFor(`working_hours[${i}]`);
                        const errId = `${baseId}-err-${i}`;
                        const suffix = periods.length > 1 ? ` (period ${k + 1})` : '';
                        return (
                          <div key={i} class="period" data-field={`working_hours[${i}]`}>
                            <TimeSelect name={`working_hours[${i}].start`} label={`${d.long} start${suffix}`} value={h.start} onValue={(v) => update(i, { start: v })} invalid={!!startError} describedBy={startError || endError ? errId : undefined} />
                            <span aria-hidden="true">to</span>
                            <TimeSelect name={`working_hours[${i}].end`} label={`${d.long} end${suffix}`} value={h.end} onValue={(v) => update(i, { end: v })} invalid={!!endError} describedBy={startError || endError ? errId : undefined} />
                            {periods.length > 1 && (
                              <button type="button" class="btn btn--ghost btn--small" onClick={() => remove(i)} aria-label={`Remove ${d.long} period ${k + 1}`}>Remove</button>
                            )}
                            {(startError || endError) && (
                              <p class="field-error" id={errId}>{[startError && `Start: ${startError}`, endError && `End: ${endError}`].filter(Boolean).join(' ')}</p>
                            )}
                          </div>
                        );
                      })}
                    </div>
                  ) : (
                    <span class="muted">Not working</span>
                  )}
                </td>
                <td class="cell-actions">
                  {on && (
                    <button type="button" class="btn btn--ghost btn--small" onClick={() => addPeriod(d.value)} aria-label={`Add a period on ${d.long}`}>
                      Add a period
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div class="hours-foot">
        <button type="button" class="btn btn--ghost btn--small" onClick={copyMonday} disabled={!hours.some((h) => h.weekday === 1)}>
          Copy Monday to Tuesday–Friday
        </button>
        <span class="field-hint">Clinic time. Two periods on a day make a split shift (e.g. 09:00–14:00 and 16:00–20:00).</span>
      </div>
      {overall && <p class="field-error">{overall}</p>}
    </fieldset>
  );
}

/** "Mon–Fri 09:00–17:00 · Sat 09:00–13:00". */
export function hoursSummary(hours: WorkingHours[]): string {
  const byDay = WEEKDAYS.map((d) => ({
    day: d,
    text: hours.filter((h) => h.weekday === d.value).map((h) => `${h.start}–${h.end}`).join(', '),
  }));
  const parts: string[] = [];
  let i = 0;
  while (i < byDay.length) {
    if (!byDay[i].text) {
      i += 1;
      continue;
    }
    let j = i;
    while (j + 1 < byDay.length && byDay[j + 1].text === byDay[i].text) j += 1;
    const days = j > i ? `${byDay[i].day.short}–${byDay[j].day.short}` : byDay[i].day.short;
    parts.push(`${days} ${byDay[i].text}`);
    i = j + 1;
  }
  return parts.join(' · ') || 'No hours';
}
