/**
 * The shape of src/lib: no module imports itself through others (a cycle
 * makes the load order matter and the parts impossible to read alone), and
 * nothing in it reaches into src/components (the library has no UI).
 * Type-only imports count too: they tie the modules together all the same.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const LIB = join(ROOT, 'src/lib');
const COMPONENTS = join(ROOT, 'src/components');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** The relative modules a file imports or re-exports, statically or dynamically, as absolute paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/gm),
    ...text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]!);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s));
}

/** The first cycle found in an import graph (module → modules it imports), closed on its first module, or null. */
function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | null {
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (file: string): string[] | null => {
    if (onPath.has(file)) return [...path.slice(path.indexOf(file)), file];
    if (done.has(file)) return null;
    path.push(file);
    onPath.add(file);
    for (const to of graph.get(file) ?? []) {
      const cycle = visit(to);
      if (cycle) return cycle;
    }
    path.pop();
    onPath.delete(file);
    done.add(file);
    return null;
  };
  for (const f of graph.keys()) {
    const cycle = visit(f);
    if (cycle) return cycle;
  }
  return null;
}

describe('src/lib', () => {
  const files = sourceFiles(LIB);

  it('is read: the walk finds the modules and their imports', () => {
    // Guards the checks below against passing on an empty or unparsed tree.
    expect(files.length).toBeGreaterThan(20);
    expect(importsOf(join(LIB, 'usage/engine.ts')).length).toBeGreaterThan(2);
  });

  it('has no import cycle', () => {
    const graph = new Map(files.map((f) => [f, importsOf(f).filter((to) => to.startsWith(LIB))]));
    expect(findCycle(graph)?.map((p) => relative(ROOT, p)) ?? null).toBeNull();
  });

  it('would see a cycle: the detector finds one through three modules, and none in a chain', () => {
    const cyclic = new Map([
      ['a', ['b']],
      ['b', ['c', 'd']],
      ['c', ['a']],
      ['d', []],
    ]);
    expect(findCycle(cyclic)).toEqual(['a', 'b', 'c', 'a']);
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', []],
        ]),
      ),
    ).toBeNull();
  });

  it('imports nothing from src/components', () => {
    const offending = files.flatMap((f) =>
      importsOf(f)
        .filter((to) => to.startsWith(COMPONENTS))
        .map((to) => `${relative(ROOT, f)} → ${relative(ROOT, to)}`),
    );
    expect(offending).toEqual([]);
  });
});
