/** The example program stays runnable: it imports the package by name, as a user would. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('examples/softmax-lab.ts', () => {
  it('runs to the end and shows the same cost for sparse and one-hot targets', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/softmax-lab.ts'], {
      encoding: 'utf8',
      cwd: new URL('..', import.meta.url).pathname,
    });
    const [, sparse, oneHot] = /same cost both ways: (\S+) (\S+)/.exec(out) ?? [];
    expect(Number(sparse)).toBeGreaterThan(0);
    expect(sparse).toBe(oneHot);
    expect(out).toContain('category:');
  });
});
