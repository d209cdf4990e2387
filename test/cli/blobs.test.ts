import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

interface Captured {
  io: CliIO;
  out: () => string;
  err: () => string;
  writes: () => number;
}

function fakeIO(): Captured {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: { write: (chunk: string) => out.push(chunk) },
      stderr: { write: (chunk: string) => err.push(chunk) },
      cwd: process.cwd(),
    },
    out: () => out.join(''),
    err: () => err.join(''),
    writes: () => out.length,
  };
}

async function run(args: string[]): Promise<{ code: number } & Captured> {
  const captured = fakeIO();
  const code = await main(args, captured.io);
  return { code, ...captured };
}

/** blobs_lab.json: scikit-learn 1.2.1 make_blobs(2000, centers=[[-5,2],[-2,-2],[1,2],[5,-2]], random_state=30). */
const lab = JSON.parse(
  readFileSync(new URL('../fixtures/reference/blobs_lab.json', import.meta.url), 'utf8'),
) as { X: number[][]; y: number[] };

const LAB_ARGS = [
  'blobs',
  '--centers',
  '[[-5,2],[-2,-2],[1,2],[5,-2]]',
  '--n-samples',
  '2000',
  '--random-state',
  '30',
];

describe('softmax-lab blobs', () => {
  it("writes the lab's data set as JSON that parses back to the reference floats bit for bit", async () => {
    const { code, out, err, writes } = await run([...LAB_ARGS, '--format', 'json']);
    expect(err()).toBe('');
    expect(code).toBe(0);
    expect(out().startsWith('{"X": [[')).toBe(true);
    const parsed = JSON.parse(out()) as { X: number[][]; y: number[] };
    expect(Object.keys(parsed)).toEqual(['X', 'y']);
    expect(parsed.y).toEqual(lab.y);
    expect(parsed.X).toHaveLength(2000);
    for (let i = 0; i < 2000; i++) {
      for (let j = 0; j < 2; j++) {
        if (!Object.is(parsed.X[i]![j], lab.X[i]![j]))
          expect.fail(`X[${i}][${j}]: ${parsed.X[i]![j]} vs ${lab.X[i]![j]}`);
      }
    }
    // ~90 KB of output goes out in a few large chunks, not one write per number.
    expect(writes()).toBeLessThan(10);
  });

  it('writes CSV with a header and one row per sample, the same values as JSON', async () => {
    const { code, out } = await run([...LAB_ARGS, '--format', 'csv']);
    expect(code).toBe(0);
    const lines = out().trimEnd().split('\n');
    expect(lines[0]).toBe('x0,x1,y');
    expect(lines).toHaveLength(2001);
    const first = lines[1]!.split(',').map(Number);
    expect(first).toEqual([lab.X[0]![0], lab.X[0]![1], lab.y[0]]);
    const last = lines[2000]!.split(',').map(Number);
    expect(last).toEqual([lab.X[1999]![0], lab.X[1999]![1], lab.y[1999]]);
  });

  it('takes counts per centre, std lists, the centre box and --no-shuffle', async () => {
    const { code, out } = await run([
      'blobs',
      '--n-samples-list',
      '2,3',
      '--n-features',
      '3',
      '--cluster-std',
      '0.5,0',
      '--center-box=-3,3',
      '--no-shuffle',
      '--random-state',
      '1',
      '--format',
      'csv',
    ]);
    expect(code).toBe(0);
    const lines = out().trimEnd().split('\n');
    expect(lines[0]).toBe('x0,x1,x2,y');
    expect(lines.slice(1).map((l) => l.split(',').at(-1))).toEqual(['0', '0', '1', '1', '1']);
    // Cluster 1 has std 0: its rows are all its centre, which lies in the box.
    const rows = lines.slice(3).map((l) => l.split(',').slice(0, 3).map(Number));
    expect(rows[1]).toEqual(rows[0]);
    for (const v of rows[0]!) expect(Math.abs(v)).toBeLessThanOrEqual(3);
  });

  it('prints its usage for --help', async () => {
    const { code, out } = await run(['blobs', '--help']);
    expect(code).toBe(0);
    expect(out()).toMatch(/^Usage: softmax-lab blobs /);
    expect(out()).toContain('--random-state S');
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--n-samples', 'ten'], /--n-samples expects an integer/],
    [['--n-samples', '10', '--n-samples-list', '5,5'], /either --n-samples or --n-samples-list/],
    [['--centers', '[[1,2],'], /--centers expects a JSON list of rows/],
    [['--centers', '[[1,"a"]]'], /non-empty JSON list of rows of numbers/],
    [['--centers', '0'], /--centers expects an integer from 1/],
    [['--cluster-std=-1'], /--cluster-std expects a number >= 0/],
    [['--cluster-std', '-1'], /--cluster-std got "-1", which looks like another flag; .* --cluster-std=-1/],
    [['--center-box=1,2,3'], /--center-box expects two numbers/],
    [['--random-state', '4294967296'], /--random-state expects an integer from 0 to 4294967295/],
    [['--format', 'xml'], /--format expects json or csv/],
    [['--n-samples-list', '5,5', '--centers', '3'], /centers: expected the centres as rows/],
    [['--cluster-std', '1,2', '--centers', '3'], /clusterStd: expected 3 values/],
    [['--n-samples', '200000000'], /expected at most 100000000 values/],
  ])('exits 2 with the message and a pointer to --help, in one line, for %j', async (flags, message) => {
    const { code, out, err } = await run(['blobs', ...flags]);
    expect(code).toBe(2);
    expect(out()).toBe('');
    expect(err()).toMatch(message);
    expect(err()).toMatch(/^softmax-lab blobs: [^\n]+ See softmax-lab blobs --help\.\n$/);
  });
});
