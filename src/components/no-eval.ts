/**
 * The page runs under a Content-Security-Policy without 'unsafe-eval'
 * (astro.config.mjs). zod compiles object schemas with `new Function` unless
 * told not to, and even its probe for whether it may is reported as a
 * violation: in jitless mode it validates the same, without eval. Imported
 * first by the island, so it is set before any schema is used.
 */
import { z } from 'zod';

z.config({ jitless: true });
