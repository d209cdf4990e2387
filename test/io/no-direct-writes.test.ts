/**
 * Every file the library, the command line and the benchmark write goes through the atomic writers
 * (`writeFileAtomic`, `writeFileAtomicSync`, `openAtomicFile`), so no interrupted run can leave a truncated
 * file where a complete one was. This scans the sources for Node's direct file writes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
/** The atomic writers themselves: the only places allowed to write a file directly. */
const WRITERS = new Set(['src/io/atomic-write.ts', 'src/io/atomic-stream.ts']);
const DIRECT =
  /\b(writeFileSync|writeFile|appendFileSync|appendFile|createWriteStream|writeSync|truncateSync|truncate)\s*\(/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

describe('file writes', () => {
  it('are all atomic in src/, bin/ and bench/ (comments aside)', () => {
    const offenders: string[] = [];
    for (const file of ['src', 'bin', 'bench'].flatMap((d) => sources(join(ROOT, d)))) {
      const name = relative(ROOT, file);
      if (WRITERS.has(name)) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const code = line.trim();
          if (code.startsWith('*') || code.startsWith('//') || code.startsWith('/*')) return;
          if (DIRECT.test(code)) offenders.push(`${name}:${i + 1}: ${code}`);
        });
    }
    expect(offenders).toEqual([]);
  });
});
