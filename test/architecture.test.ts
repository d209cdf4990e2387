/**
 * Imports point one way: cli and web use the library; in the library the model uses the core (and the kernels),
 * data and io use the core and the model; nothing in the library imports cli or web; the kernels import nothing.
 * Node built-ins stay where the code runs only in Node (io, cli, the CLI's renderers).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = resolve(new URL('../src', import.meta.url).pathname);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Top-level folder under src/ of a file (or 'index' for src/index.ts). */
function area(file: string): string {
  const parts = relative(src, file).split('/');
  return parts.length === 1 ? 'index' : parts[0]!;
}

const allowed: Record<string, string[]> = {
  kernels: [],
  core: [],
  format: ['core'],
  render: ['core'],
  model: ['core', 'kernels', 'format'],
  data: ['core', 'model'],
  io: ['core', 'model', 'data'],
  cli: ['core', 'kernels', 'format', 'render', 'model', 'data', 'io'],
  web: ['core', 'kernels', 'format', 'render', 'model', 'data'],
  index: ['core', 'kernels', 'format', 'render', 'model', 'data', 'io'],
};

const nodeBuiltinsAllowed = new Set(['io', 'cli', 'render', 'index']);

const imports = files(src).map((file) => {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'([^']+)'|import\('([^']+)'\)/g),
  ].map((m) => (m[1] ?? m[2])!);
  return { file, specifiers };
});

describe('the dependency direction', () => {
  it('every relative import goes to an allowed area', () => {
    const bad: string[] = [];
    for (const { file, specifiers } of imports) {
      const from = area(file);
      for (const s of specifiers.filter((x) => x.startsWith('.'))) {
        const to = area(resolve(join(file, '..'), s));
        if (to !== from && !allowed[from]!.includes(to))
          bad.push(`${relative(src, file)} imports ${s} (${from} -> ${to})`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('Node built-ins are imported only by io, cli and the file renderers', () => {
    const bad = imports
      .filter(
        ({ file, specifiers }) =>
          !nodeBuiltinsAllowed.has(area(file)) && specifiers.some((s) => s.startsWith('node:')),
      )
      .map(({ file }) => relative(src, file));
    expect(bad).toEqual([]);
  });

  it('the checker sees the imports (a sanity check on the pattern)', () => {
    const dense = imports.find(({ file }) => file.endsWith('model/dense.ts'))!;
    expect(dense.specifiers.some((s) => s.includes('core/'))).toBe(true);
  });
});
