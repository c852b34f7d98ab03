// One measure over time as a Chart.js line, with the baseline marked by a
// dashed line and the first session by a dotted one. The canvas has a
// spoken summary; the figures are also in a table under "Show the figures".
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Series } from '../api/types';
import { useSession } from '../session/session';
import { Button } from '../ui/Button';
import { Spinner } from '../ui/feedback';
import { ReasonDialog } from '../ui/ReasonDialog';
import type { SeriesChart } from './chart';
import { figure, signed, signedPercent } from './labels';

type ChartModule = typeof import('./chart');
let loading: Promise<ChartModule> | null = null;

function loadCharts(): Promise<ChartModule> {
  if (!loading) loading = import('./chart').catch((e) => { loading = null; throw e; });
  return loading;
}

export function MeasureChart(props: {
  kind: string;
  series: Series;
  firstSession: string | null;
  min?: number;
  max?: number;
  whole?: boolean;
  lowerIsBetter?: boolean;
  /** Given, a figure typed wrong can be marked entered in error. */
  onCorrected?: () => void;
}) {
  const { series: s } = props;
  const [correcting, setCorrecting] = useState<Series['points'][number] | null>(null);
  const { fmt } = useSession();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    let chart: { destroy(): void } | null = null;
    let live = true;
    const spec: SeriesChart = {
      label: s.label,
      unit: s.unit,
      points: s.points.filter((p) => p.compared).map((p) => ({ date: p.taken_on, value: p.value, byPatient: p.source === 'patient' })),
      elsewhere: s.points.filter((p) => !p.compared).map((p) => ({ date: p.taken_on, value: p.value, site: p.site || '' })),
      baseline: s.baseline,
      baselineOn: s.baseline_on,
      firstSession: props.firstSession,
      min: props.min,
      max: props.max,
      whole: props.whole,
    };
    loadCharts().then(
      (m) => {
        if (!live || !canvasRef.current) return;
        chart = m.drawSeries(canvasRef.current, spec);
        setState('ready');
      },
      () => live && setState('failed'),
    );
    return () => {
      live = false;
      chart?.destroy();
    };
  }, [s, props.firstSession]);

  // Ratings (-3..+3) are already relative to the start: no unit, no baseline.
  const rating = s.unit.includes('..');
  const summary = [
    rating ? `${s.label}, rated from −3 (much worse) to +3 (much better) against the start.` : `${s.label} (${s.unit}).`,
    s.baseline !== null ? `Baseline ${figure(s.baseline)} on ${fmt.date(s.baseline_on)}${s.site ? ` at ${s.site}` : ''}.` : 'No baseline: nothing recorded on or before the first session.',
    s.latest !== null ? `Latest ${figure(s.latest)} on ${fmt.date(s.latest_on)}.` : '',
    s.change !== null ? `Change ${signed(s.change)}${s.change_percent !== null ? ` (${signedPercent(s.change_percent)})` : ''}.` : '',
  ].filter(Boolean).join(' ');

  return (
    <figure class="measure" data-kind={props.kind} data-baseline={s.baseline ?? ''} data-points={s.points.length}>
      <figcaption class="measure-head">
        <span class="measure-title">{s.label}</span>
        <span class="measure-figures">
          {s.latest !== null && (
            <span class="measure-latest">
              {rating ? signed(s.latest) : figure(s.latest)} <span class="muted small">{rating ? 'of ±3' : s.unit}</span>
            </span>
          )}
          {s.change_percent !== null ? (
            <span class={`measure-change ${changeTone(s.change, props.lowerIsBetter)}`}>{signedPercent(s.change_percent)}</span>
          ) : s.change !== null ? (
            <span class={`measure-change ${changeTone(s.change, props.lowerIsBetter)}`}>{signed(s.change)}</span>
          ) : null}
        </span>
      </figcaption>
      <p class="measure-baseline small">
        {s.baseline !== null ? (
          <>
            <span class="baseline-key" aria-hidden="true" /> Baseline <strong>{figure(s.baseline)}</strong> ({fmt.date(s.baseline_on)}{s.site ? `, ${s.site}` : ''})
          </>
        ) : rating ? (
          <span class="muted">Rated against the start of the course: −3 much worse, 0 no change, +3 much better</span>
        ) : (
          <span class="muted">No baseline yet (none on or before the first session)</span>
        )}
        {s.points.some((p) => p.compared && p.source === 'patient') && <span class="muted"> · ▲ logged by the patient</span>}
      </p>
      <div class="measure-canvas">
        <canvas ref={canvasRef} role="img" aria-label={summary} />
        {state === 'loading' && <span class="measure-loading"><Spinner /> Drawing the chart…</span>}
        {state === 'failed' && <span class="measure-loading">The chart could not be drawn; the figures are below.</span>}
      </div>
      <details class="measure-table">
        <summary>Show the figures</summary>
        <table class="table table--compact">
          <thead>
            <tr>
              <th scope="col">Date</th><th scope="col" title={s.unit}>Value</th><th scope="col">Site, source</th>
              {props.onCorrected && <th scope="col"><span class="sr-only">Correct</span></th>}
            </tr>
          </thead>
          <tbody>
            {s.points.map((p, i) => (
              <tr key={i}>
                <td class="nowrap">{fmt.date(p.taken_on)}</td>
                <td>{figure(p.value, 2)}{p.taken_on === s.baseline_on && p.value === s.baseline ? ' (baseline)' : ''}</td>
                <td>
                  {p.site || '—'}
                  {!p.compared && <span class="small muted"> (not the baseline’s site: not compared)</span>}
                  <br /><span class="small muted">{p.source}</span>
                </td>
                {props.onCorrected && (
                  <td class="cell-actions">
                    {p.trichoscopy_id ? (
                      <span class="small muted">with its analysis</span>
                    ) : (
                      <Button small variant="ghost" onClick={() => setCorrecting(p)} aria-label={`Correct ${figure(p.value, 2)} on ${fmt.date(p.taken_on)} (entered in error)`}>
                        Correct…
                      </Button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {correcting && (
        <ReasonDialog
          title={`Mark ${figure(correcting.value, 2)} ${s.unit} of ${fmt.date(correcting.taken_on)} entered in error`}
          warning="The figure leaves this chart, the baseline and the evaluation; it stays on record, marked with your reason. Record the right value as a new measurement."
          placeholder="e.g. Typed 150 for 105."
          act="Mark entered in error"
          keep="Cancel"
          run={(reason) => api.post(`/measurements/${correcting.id}/entered-in-error`, { reason })}
          onDone={() => {
            setCorrecting(null);
            props.onCorrected?.();
          }}
          onClose={() => setCorrecting(null)}
        />
      )}
    </figure>
  );
}

function changeTone(change: number | null, lowerIsBetter?: boolean): string {
  if (change === null || change === 0) return '';
  return change > 0 !== !!lowerIsBetter ? 'is-better' : 'is-worse';
}
