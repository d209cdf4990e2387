/** A reader that closes the pipe early (`softmax-lab blobs | head`) ends the command quietly, not with EPIPE. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('the command line on a closed pipe', () => {
  it('exits 0 without an EPIPE stack trace when stdout closes early', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/run.ts', 'blobs', '--n-samples', '200000', '--format', 'csv'],
      {
        cwd: new URL('../..', import.meta.url).pathname,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE/);
    expect(code).toBe(0);
  });
});
