// The scalp seen from above (the face at the top, the patient's left on the
// left), in eight zones. Clicking a zone (or Enter/Space on it) picks it;
// picked zones show their points. Read-only without `onPick`.
import { useId } from 'preact/hooks';
import type { Zone } from '../api/types';
import { ZONES, ZONE_LABELS } from './labels';
import { decimal } from '../ui/format';

interface ZoneShape {
  rect: [number, number, number, number];
  label: [number, number];
  lines: string[];
}

// Rectangles clipped to the head's outline; label centres inside the visible part.
const SHAPES: Record<Zone, ZoneShape> = {
  frontal: { rect: [88, 0, 124, 100], label: [150, 62], lines: ['Frontal'] },
  left_temporal: { rect: [0, 0, 88, 160], label: [64, 112], lines: ['Left', 'temporal'] },
  right_temporal: { rect: [212, 0, 88, 160], label: [236, 112], lines: ['Right', 'temporal'] },
  mid_scalp: { rect: [88, 100, 124, 90], label: [150, 142], lines: ['Mid-scalp'] },
  left_parietal: { rect: [0, 160, 88, 98], label: [60, 206], lines: ['Left', 'parietal'] },
  right_parietal: { rect: [212, 160, 88, 98], label: [240, 206], lines: ['Right', 'parietal'] },
  vertex: { rect: [88, 190, 124, 68], label: [150, 222], lines: ['Vertex'] },
  occipital: { rect: [0, 258, 300, 92], label: [150, 296], lines: ['Occipital'] },
};

export interface ZoneMark {
  points?: number | string;
  volume?: number | string;
}

export function ScalpMap(props: {
  marks: Partial<Record<Zone, ZoneMark>>;
  onPick?: (zone: Zone) => void;
  /** The zone being edited (outlined). */
  active?: Zone | null;
  label?: string;
  small?: boolean;
}) {
  const interactive = !!props.onPick;
  const clip = `scalp-head-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  return (
    <svg
      class={`scalp-map${interactive ? ' is-interactive' : ''}${props.small ? ' scalp-map--small' : ''}`}
      viewBox="0 -14 300 364"
      role="group"
      aria-label={props.label || 'Scalp map, seen from above, face at the top'}
    >
      <defs>
        <clipPath id={clip}>
          <ellipse cx="150" cy="180" rx="128" ry="156" />
        </clipPath>
      </defs>
      <path class="scalp-nose" d="M136 27 L150 -8 L164 27 Z" aria-hidden="true" />
      <ellipse class="scalp-ear" cx="22" cy="178" rx="11" ry="26" aria-hidden="true" />
      <ellipse class="scalp-ear" cx="278" cy="178" rx="11" ry="26" aria-hidden="true" />
      {ZONES.map((z) => {
        const s = SHAPES[z];
        const mark = props.marks[z];
        const picked = mark !== undefined;
        const points = mark?.points !== undefined && mark.points !== '' ? decimal(String(mark.points)) : null;
        const volume = mark?.volume !== undefined && mark.volume !== '' ? decimal(String(mark.volume)) : null;
        const spoken = `${ZONE_LABELS[z]} zone${picked ? `: ${points ?? 'no'} points${volume !== null ? `, ${volume} mL` : ''}` : interactive ? ', not treated' : ''}`;
        const pick = () => props.onPick?.(z);
        return (
          <g
            key={z}
            class={`scalp-zone${picked ? ' is-picked' : ''}${props.active === z ? ' is-active' : ''}`}
            data-zone={z}
            role={interactive ? 'button' : 'img'}
            tabIndex={interactive ? 0 : undefined}
            aria-pressed={interactive ? picked : undefined}
            aria-label={spoken}
            onClick={pick}
            onKeyDown={(e) => {
              if (interactive && (e.key === 'Enter' || e.key === ' ')) {
                e.preventDefault();
                pick();
              }
            }}
          >
            <rect x={s.rect[0]} y={s.rect[1]} width={s.rect[2]} height={s.rect[3]} clip-path={`url(#${clip})`} />
            <text x={s.label[0]} y={s.label[1] - (s.lines.length - 1) * 7 - (picked ? 6 : 0)} text-anchor="middle" class="scalp-zone-label">
              {s.lines.map((l, i) => (
                <tspan key={i} x={s.label[0]} dy={i === 0 ? 0 : 14}>{i < s.lines.length - 1 ? `${l} ` : l}</tspan>
              ))}
            </text>
            {picked && (
              <text x={s.label[0]} y={s.label[1] + (s.lines.length - 1) * 7 + 10} text-anchor="middle" class="scalp-zone-count">
                {points !== null ? `${points} pts` : '—'}
              </text>
            )}
          </g>
        );
      })}
      <ellipse class="scalp-outline" cx="150" cy="180" rx="128" ry="156" aria-hidden="true" />
    </svg>
  );
}
