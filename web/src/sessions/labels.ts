import type { Adjunct, ProductCategory, Technique, Zone } from '../api/types';

/** The scalp zones, front to back. */
export const ZONES: Zone[] = ['frontal', 'left_temporal', 'right_temporal', 'mid_scalp', 'left_parietal', 'right_parietal', 'vertex', 'occipital'];

export const ZONE_LABELS: Record<Zone, string> = {
  frontal: 'Frontal',
  mid_scalp: 'Mid-scalp',
  vertex: 'Vertex',
  left_temporal: 'Left temporal',
  right_temporal: 'Right temporal',
  left_parietal: 'Left parietal',
  right_parietal: 'Right parietal',
  occipital: 'Occipital',
};

export const TECHNIQUE_LABELS: Record<Technique, string> = {
  point_by_point: 'Point by point',
  nappage: 'Nappage',
  injector_gun: 'Injector gun',
};

export const ADJUNCT_LABELS: Record<Adjunct, string> = {
  shampoo: 'Shampoo',
  lotion: 'Lotion',
  massage: 'Scalp massage',
};

export const CATEGORY_LABELS: Record<ProductCategory, string> = {
  amino_acids: 'Amino acids',
  vitamins: 'Vitamins',
  trace_elements: 'Trace elements',
  vasodilators: 'Vasodilators',
  anaesthetic: 'Anaesthetic',
  other: 'Other',
};

export const PAIN_WORDS = ['No pain', 'Very mild', 'Mild', 'Mild', 'Moderate', 'Moderate', 'Moderate', 'Severe', 'Severe', 'Very severe', 'Worst possible'];

/** `0.5` -> `0.5 mL`. */
export function ml(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  return `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 }).format(v)} mL`;
}
