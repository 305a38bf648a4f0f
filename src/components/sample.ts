/**
 * The sample exports in sample-data/small/, emitted by Vite as static files of our
 * own build (no network beyond our origin) and fetched only on request.
 */
const urls = import.meta.glob('../../sample-data/small/allocations-*.csv', {
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
