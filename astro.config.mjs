// @ts-check
import { defineConfig } from 'astro/config';
import react from '@astrojs/react';

/**
 * A static site. `BASE_PATH` sets the sub-path it will be served under
 * (e.g. `/tools/vaultlens/`); every URL in the build, the DuckDB files and the
 * sample data included, follows it.
 */
export default defineConfig({
  output: 'static',
  base: process.env.BASE_PATH ?? '/',
  integrations: [react()],
  build: { inlineStylesheets: 'always' },
  vite: {
    // DuckDB-WASM's ESM build is large and already optimised; keep it out of pre-bundling.
    optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
    build: { chunkSizeWarningLimit: 2048 },
  },
});
