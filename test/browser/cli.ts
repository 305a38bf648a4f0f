/** The CLI's report JSON for files, as the page must show it: the browser tests' independent reference. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { ReportSchema, type Report } from '../../src/lib/report/schema.ts';
import { LOAD_MS } from './chromium.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function cliReport(args: string[], files: string[]): Report {
  const out = join(mkdtempSync(join(tmpdir(), 'vaultlens-')), 'report.json');
  const run = spawnSync('npm', ['run', '-s', 'report', '--', '--json', out, ...args, ...files], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: LOAD_MS,
  });
  expect(run.status, run.stderr).toBe(0);
  return ReportSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
}
