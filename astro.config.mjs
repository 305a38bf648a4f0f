// @ts-check
import { defineConfig } from 'astro/config';
import react from '@astrojs/react';

/**
 * Files copied into the build as they are (DuckDB's workers, through `?url`)
 * end with a `sourceMappingURL` naming a .map that is not copied: a browser with
 * its developer tools open asks for it and logs a 404. The comment goes.
 * @returns {import('vite').Plugin}
 */
function stripSourceMapComments() {
  const comment = /\n?\/\/# sourceMappingURL=\S+\s*$/;
  return {
    name: 'vaultlens:strip-source-map-comments',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !file.fileName.endsWith('.js')) continue;
        const text = typeof file.source === 'string' ? file.source : new TextDecoder().decode(file.source);
        if (comment.test(text)) file.source = text.replace(comment, '\n');
      }
    },
  };
}

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
    plugins: [stripSourceMapComments()],
  },
});
