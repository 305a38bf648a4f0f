/**
 * Times one step of the report as a `performance.measure` named
 * `report: <step>`: the benchmark reads them back to say where a first
 * report's time goes (in the page: which of the database, the sweep's worker
 * and the main thread).
 */
import { measured } from '../measured.ts';

export function reportStep<T>(step: string, work: () => Promise<T>): Promise<T> {
  return measured(`report: ${step}`, work);
}
