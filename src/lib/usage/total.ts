/**
 * The key of "all items": the total `L(t)` over every license item
 * (docs/DOMAIN.md §3), reported with `"license": "*"` (§7). It is the one
 * place this marker is written; an item that is itself named `*` would be
 * indistinguishable from the total, so ingest refuses it (§2.4).
 */
export const TOTAL = '*';
