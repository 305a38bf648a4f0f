/**
 * Builds the real site under a sub-path and serves dist as a static host
 * would; the tests get its URL. Built with Astro's own `build()`.
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { build } from 'astro';
import { startStaticServer } from '../../scripts/static-server.mjs';

export const BASE = '/vaultlens/';

export default async function setup(project: TestProject) {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const outDir = fileURLToPath(new URL('../../test-results/site/', import.meta.url));
  rmSync(outDir, { recursive: true, force: true });
  await build({ root, base: BASE, outDir, logLevel: 'warn' });
  const server = await startStaticServer({ root: outDir, base: BASE });
  project.provide('siteUrl', server.url);
  return async () => server.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
  }
}
