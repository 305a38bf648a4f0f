/**
 * The license-type view of usage. The export does not say which pool a
 * license came from, but the vault allocates prepaid licenses (regular, then
 * virtual) first and True-Up on top (docs/DOMAIN.md §4), so at any instant the
 * prepaid part is min(L, capacity) and the True-Up part max(0, L − capacity).
 * Both are monotone in L, so the peak of a part is the part of the peak.
 */
export const LICENSE_TYPES = ['all', 'prepaid', 'true-up'] as const;
export type LicenseTypeView = (typeof LICENSE_TYPES)[number];

export const LICENSE_TYPE_LABELS: Record<LicenseTypeView, string> = {
  all: 'All license types',
  prepaid: 'Prepaid (regular and virtual)',
  'true-up': 'True-Up',
};

export function peakOfType(peak: number, capacity: number | null, type: LicenseTypeView): number {
  if (type === 'all' || capacity === null) return type === 'true-up' ? 0 : peak;
  return type === 'prepaid' ? Math.min(peak, capacity) : Math.max(0, peak - capacity);
}
