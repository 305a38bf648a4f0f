// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/**
 * One lint configuration for the whole repository: typescript-eslint's
 * recommended rules, React's rules of hooks for the islands, and Prettier's
 * off-switches so formatting is Prettier's job alone (`npm run format`).
 */
export default tseslint.config(
  { ignores: ['dist/', '.astro/', 'node_modules/', 'test-results/', 'bench-data/', 'sample-data/', 'public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/components/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      // useQuery (src/components/useQuery.ts) takes deps like useEffect: its callers' deps are checked too.
      'react-hooks/exhaustive-deps': ['error', { additionalHooks: '^useQuery$' }],
    },
  },
  {
    // The page runs under a Content-Security-Policy without 'unsafe-eval' (docs/DOMAIN.md §8.10): these build
    // functions from text at run time and fail there, so src/ builds Arrow data with src/lib/arrow-vectors.ts.
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'apache-arrow',
              importNames: ['vectorFromArray', 'tableFromArrays', 'tableFromJSON', 'builderThroughIterable'],
              message: 'It evaluates code, which the page’s CSP refuses: use src/lib/arrow-vectors.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // Unused names are mistakes, but `_name` says "deliberately unused" (e.g. a destructured rest).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  prettier,
);
