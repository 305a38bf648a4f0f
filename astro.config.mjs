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
  // A strict Content-Security-Policy in every page's <meta> (docs/DOMAIN.md §8.10): Astro hashes the inline
  // scripts it emits (the islands' hydration) into script-src, so no other inline script runs.
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        // data: for the colour ramps Observable Plot draws as data: images (a colour legend); such an image is
        // inline and sends nothing anywhere.
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
      ],
      // 'self' for our bundles and DuckDB's worker; 'wasm-unsafe-eval' lets WebAssembly compile, nothing else.
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      // Inline styles stay allowed: stylesheets are inlined into the page, React sets style attributes and
      // Observable Plot writes a <style> element into each chart. CSS cannot run script, and with every
      // other source limited to 'self' a hostile style could not send anything anywhere.
      styleDirective: { resources: ["'self'", "'unsafe-inline'"] },
    },
  },
  vite: {
    // DuckDB-WASM's ESM build is large and already optimised; keep it out of pre-bundling.
    optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
    // assetsInlineLimit 0: every asset stays a file of the build. Vite would inline a small one (the sample
    // inventory) as a data: URL, which the policy's connect-src 'self' rightly refuses to fetch.
    build: { chunkSizeWarningLimit: 2048, assetsInlineLimit: 0 },
    plugins: [stripSourceMapComments()],
  },
});
