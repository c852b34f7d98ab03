import type { Diagnosis, GradeSeverity } from '../api/types';

export const DIAGNOSES: { value: Diagnosis; label: string; code: string }[] = [
  { value: 'androgenetic_alopecia', label: 'Androgenetic alopecia', code: 'L64' },
  { value: 'telogen_effluvium', label: 'Telogen effluvium', code: 'L65.0' },
  { value: 'alopecia_areata', label: 'Alopecia areata', code: 'L63' },
  { value: 'scarring_alopecia', label: 'Scarring alopecia', code: 'L66' },
  { value: 'other', label: 'Other non-scarring hair loss', code: 'L65' },
];

export function diagnosisLabel(d: string): string {
  return DIAGNOSES.find((x) => x.value === d)?.label || d;
}

export const SEVERITY_LABELS: Record<GradeSeverity, string> = {
  mild: 'Mild',
  moderate: 'Moderate',
  advanced: 'Advanced',
};

export const SEVERITY_TONES: Record<GradeSeverity, 'success' | 'warning' | 'danger'> = {
  mild: 'success',
  moderate: 'warning',
  advanced: 'danger',
};
