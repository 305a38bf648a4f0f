/** The bundled sample organisation (sample-data/small) as the browser tests load it and hand it to the CLI. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SAMPLE = fileURLToPath(new URL('../../sample-data/small/', import.meta.url));

/** The sample's allocation exports, in name order. */
export const SAMPLE_EXPORTS: readonly string[] = readdirSync(SAMPLE)
  .filter((f) => /^allocations-.*\.csv$/.test(f))
  .sort();

export const samplePath = (name: string) => join(SAMPLE, name);

/** One sample file as a file input takes it. */
export const sampleFile = (name: string) => ({ name, mimeType: 'text/csv', buffer: readFileSync(samplePath(name)) });

/** The sample's exports as a file input takes them. */
export const sampleExportFiles = () => SAMPLE_EXPORTS.map(sampleFile);
