// Chart.js, set up once for anagen's outcome charts: a time axis of
// calendar dates (Luxon adapter, read as UTC so a date never shifts with
// the browser's zone) and the annotation plugin for the baseline and the
// first session. Loaded on demand (it is the app's largest library).
import {
  CategoryScale,
  Chart,
  Filler,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  TimeScale,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import 'chartjs-adapter-luxon';
import annotationPlugin from 'chartjs-plugin-annotation';

Chart.register(LineController, LineElement, PointElement, LinearScale, TimeScale, CategoryScale, Tooltip, Filler, annotationPlugin);

export interface SeriesChart {
  label: string;
  unit: string;
  /** `byPatient`: logged by the patient in the portal (drawn as a triangle). */
  points: { date: string; value: number; byPatient?: boolean }[];
  /** Figures from another site: shown as hollow points, not joined to the line. */
  elsewhere?: { date: string; value: number; site: string }[];
  baseline: number | null;
  baselineOn: string | null;
  firstSession: string | null;
  min?: number;
  max?: number;
  whole?: boolean;
}

const TEAL = '#0f6b66';
const AMBER = '#9a5b00';
const SLATE = '#5d6b76';

export function utcDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

const dayLabel = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Draws one measure over time on `canvas`; returns the chart (destroy it when done). */
export function drawSeries(canvas: HTMLCanvasElement, s: SeriesChart): Chart {
  const data = s.points.map((p) => ({ x: utcDay(p.date), y: p.value }));
  const elsewhere = (s.elsewhere || []).map((p) => ({ x: utcDay(p.date), y: p.value, site: p.site }));
  const annotations: Record<string, object> = {};
  if (s.baseline !== null) {
    annotations.baseline = {
      type: 'line',
      yMin: s.baseline,
      yMax: s.baseline,
      borderColor: AMBER,
      borderWidth: 2,
      borderDash: [6, 4],
      label: {
        display: true,
        content: `Baseline ${formatValue(s.baseline)}`,
        // At the right end: the first session's label sits at the top left.
        position: 'end',
        backgroundColor: 'rgba(154, 91, 0, 0.9)',
        color: '#fff',
        font: { size: 11, weight: 600 },
        padding: { x: 6, y: 3 },
      },
    };
  }
  if (s.firstSession) {
    annotations.first = {
      type: 'line',
      xMin: utcDay(s.firstSession),
      xMax: utcDay(s.firstSession),
      borderColor: SLATE,
      borderWidth: 1,
      borderDash: [2, 3],
      label: {
        display: true,
        content: 'First session',
        position: 'end',
        backgroundColor: 'rgba(93, 107, 118, 0.85)',
        color: '#fff',
        font: { size: 10 },
        padding: { x: 4, y: 2 },
      },
    };
  }
  const xs = data.concat(elsewhere).map((d) => d.x).concat(s.firstSession ? [utcDay(s.firstSession)] : []);
  const pad = 4 * 86_400_000;
  const config: ChartConfiguration<'line', { x: number; y: number }[]> = {
    type: 'line',
    data: {
      datasets: [
        {
          label: s.label,
          data,
          borderColor: TEAL,
          backgroundColor: 'rgba(15, 107, 102, 0.08)',
          pointBackgroundColor: TEAL,
          pointStyle: s.points.map((p) => (p.byPatient ? 'triangle' : 'circle')),
          pointRadius: s.points.map((p) => (p.byPatient ? 5 : 4)),
          pointHoverRadius: 6,
          borderWidth: 2,
          // Straight between measurements: a curve would dip below the figures.
          tension: 0,
          fill: true,
        },
        {
          label: `${s.label}, another site`,
          data: elsewhere,
          showLine: false,
          borderColor: SLATE,
          pointBackgroundColor: '#fff',
          pointBorderWidth: 2,
          pointRadius: 4,
          pointHoverRadius: 6,
        },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      layout: { padding: { top: 6, right: 8 } },
      scales: {
        x: {
          type: 'time',
          adapters: { date: { zone: 'UTC', locale: 'en-GB' } },
          time: { unit: spanDays(xs) > 120 ? 'month' : 'week', displayFormats: { week: 'd LLL', month: 'LLL yy' }, tooltipFormat: 'd LLL yyyy' },
          min: xs.length ? Math.min(...xs) - pad : undefined,
          max: xs.length ? Math.max(...xs) + pad : undefined,
          grid: { display: false },
          ticks: { color: SLATE, maxRotation: 0, autoSkipPadding: 12, font: { size: 11 } },
        },
        y: {
          suggestedMin: s.min !== undefined && s.min < 0 ? s.min : undefined,
          suggestedMax: s.max !== undefined && s.max <= 3 ? s.max : undefined,
          grace: '10%',
          ticks: { color: SLATE, precision: s.whole ? 0 : undefined, font: { size: 11 } },
          title: { display: true, text: s.unit, color: SLATE, font: { size: 11 } },
          grid: { color: '#eef1f3' },
        },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? dayLabel.format(new Date(items[0].parsed.x as number)) : ''),
            label: (item) =>
              `${s.label}: ${formatValue(item.parsed.y as number)} ${s.unit}` +
              (item.datasetIndex === 1 ? ` at ${elsewhere[item.dataIndex]?.site} (another site: not compared)` : ''),
          },
        },
        annotation: { annotations },
      },
    },
  };
  return new Chart(canvas, config as ChartConfiguration);
}

function spanDays(xs: number[]): number {
  if (xs.length < 2) return 0;
  return (Math.max(...xs) - Math.min(...xs)) / 86_400_000;
}

function formatValue(v: number): string {
  return new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(v);
}
