/**
 * What license items exist and which products each covers: an IDE's own
 * license covers that IDE, a pack covers many (docs/DOMAIN.md §4: a regular
 * license for the product first, then a pack that covers it).
 */
import type { LicenseKind } from '../inventory/schema.ts';

export interface CatalogItem {
  /** The license item's name, as `allocated_license` in the export. */
  name: string;
  kind: LicenseKind;
  /** Products (`user_product`) this license lets a user run. */
  covers: readonly string[];
}

export const ALL_PRODUCTS = [
  'IntelliJ IDEA Ultimate',
  'PyCharm',
  'WebStorm',
  'GoLand',
  'DataGrip',
  'Rider',
  'CLion',
  'ReSharper',
] as const;

/** A catalog like JetBrains': product licenses, the All Products Pack, and .NET tools. */
export const DEFAULT_CATALOG: readonly CatalogItem[] = [
  { name: 'All Products Pack', kind: 'pack', covers: ALL_PRODUCTS },
  { name: 'IntelliJ IDEA Ultimate', kind: 'ide', covers: ['IntelliJ IDEA Ultimate'] },
  { name: 'PyCharm Professional', kind: 'ide', covers: ['PyCharm'] },
  { name: 'GoLand', kind: 'ide', covers: ['GoLand'] },
  { name: 'dotUltimate', kind: 'pack', covers: ['Rider', 'ReSharper'] },
  { name: 'ReSharper', kind: 'dotnet-tool', covers: ['ReSharper'] },
];

/**
 * Items that cover `product`: its own licenses first (catalog order), then the
 * packs, the narrowest first (fewest products covered; catalog order among
 * equals). The vault prefers a product's own license to a pack; among packs we
 * choose the narrowest, so the All Products Pack stays free for products only
 * it covers (docs/DOMAIN.md §8.3).
 */
export function candidatesFor(catalog: readonly CatalogItem[], product: string): CatalogItem[] {
  const covering = catalog.filter((i) => i.covers.includes(product));
  const packs = covering.filter((i) => i.kind === 'pack').sort((a, b) => a.covers.length - b.covers.length);
  return [...covering.filter((i) => i.kind !== 'pack'), ...packs];
}

/** The pack a trial gives free licenses of (docs/DOMAIN.md §4). */
export const TRIAL_PACK = 'All Products Pack';

/**
 * The catalog with the trial's pack in it: a catalog read from an export may
 * lack it, and then it covers every product the catalog (or the vault) knows.
 */
export function withTrialPack(catalog: readonly CatalogItem[]): readonly CatalogItem[] {
  if (catalog.some((i) => i.name === TRIAL_PACK)) return catalog;
  const covers = new Set<string>(ALL_PRODUCTS);
  for (const item of catalog) for (const product of item.covers) covers.add(product);
  return [...catalog, { name: TRIAL_PACK, kind: 'pack', covers: [...covers].sort() }];
}

/**
 * The licenses of the small organisation the bundled sample and the Simulate
 * page's generated demand describe: one list for the sample generator, the page
 * and its tests.
 */
export const SMALL_ORGANISATION_CAPACITY: Readonly<Record<string, number>> = {
  'All Products Pack': 10,
  'IntelliJ IDEA Ultimate': 10,
  'PyCharm Professional': 6,
  GoLand: 3,
  dotUltimate: 4,
  ReSharper: 3,
};
