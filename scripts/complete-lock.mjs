/**
 * Completes package-lock.json with entries for optional platform packages
 * that a registry mirror may not serve (e.g. Astro's compiler
 * bindings for macOS and Windows). npm install leaves them out of the lock,
 * and npm ci then refuses the lock as out of sync. The entries carry os/cpu
 * so npm ci skips them on platforms they do not fit, as it would skip the real ones.
 *
 *   node scripts/complete-lock.mjs   (after any npm install that rewrites the lock)
 */
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
const OS = new Set(['darwin', 'linux', 'win32', 'android', 'freebsd']);
let added = 0;
for (const meta of Object.values(packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (packages[key]) continue;
    const parts = name.split('/').pop().split('-');
    const entry = { version, optional: true };
    const at = parts.findIndex((p) => OS.has(p) || p === 'wasm32');
    if (at >= 0 && parts[at] === 'wasm32') entry.cpu = ['wasm32'];
    else if (at >= 0) {
      entry.os = [parts[at]];
      if (parts[at + 1]) entry.cpu = [parts[at + 1]];
      const libc = parts.at(-1);
      if (libc === 'gnu' || libc === 'musl') entry.libc = [libc === 'gnu' ? 'glibc' : 'musl'];
    }
    packages[key] = entry;
    added++;
  }
}
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} missing optional platform entries added`);
