/**
 * The sample in sample-data/small/ (its two exports, its denials file and its
 * inventory), emitted by Vite as static files of our own build (no network
 * beyond our origin) and fetched only on request. The demo loads all of it, so
 * every card, the capacity line and the Denials, Projects and Costs tabs show.
 */
const urls = import.meta.glob(['../../sample-data/small/allocations-*.csv', '../../sample-data/small/denials.csv'], {
  query: '?url',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export async function fetchSampleFiles(): Promise<File[]> {
  const entries = Object.entries(urls).sort(([a], [b]) => a.localeCompare(b));
  return Promise.all(
    entries.map(async ([path, url]) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`sample file ${url}: HTTP ${response.status}`);
      return new File([await response.blob()], path.split('/').pop()!, { type: 'text/csv' });
    }),
  );
}

const inventoryUrl = Object.values(
  import.meta.glob('../../sample-data/small/inventory.json', {
    query: '?url',
    import: 'default',
    eager: true,
  }) as Record<string, string>,
)[0];

/** The sample organisation's inventory file, as text (validated by the caller). */
export async function fetchSampleInventory(): Promise<string> {
  if (!inventoryUrl) throw new Error('no sample inventory in this build');
  const response = await fetch(inventoryUrl);
  if (!response.ok) throw new Error(`sample inventory: HTTP ${response.status}`);
  return response.text();
}
