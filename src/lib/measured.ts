/**
 * Times a piece of work as a `performance.measure` of the given name, failed
 * or not: the benchmarks read the measures back to say where a load's or a
 * report's time goes (`ingest: …`, `report: …`).
 */
export async function measured<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    performance.measure(name, { start, end: performance.now() });
  }
}
