import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { readFixture } from '../helpers/fixtures.js';
import { xmlProblems } from '../helpers/xml.js';

function fakeIO(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: { write: (s: string) => out.push(s), isTTY: false },
    stderr: { write: (s: string) => err.push(s) },
    cwd,
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const dir = mkdtempSync(join(tmpdir(), 'softmax-lab-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('softmax-lab lab', () => {
  it('runs every part of the lab in order, both models reach >= 0.95, and writes the pictures', async () => {
    const { io, out, err } = fakeIO(dir);
    expect(await main(['lab', '--out', 'pictures'], io)).toBe(0);
    expect(err()).toBe('');
    const text = out();
    const headings = [...text.matchAll(/^(\d)\. .+$/gm)].map((m) => Number(m[1]));
    expect(headings).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // Part 3 prints the first labels of the data set: scikit-learn's, from the reference file.
    const blobs = readFixture<{ y: number[] }>('reference/blobs_lab.json');
    expect(text).toContain(`first 5 labels:  [${blobs.y.slice(0, 5).join(' ')}]`);
    expect(text).toContain('Total params: 529');
    expect(text).toMatch(/^Epoch 10\/10$/m);
    expect(text).toMatch(/^63\/63 \[=+\] - \d+s \d+(ms|us)\/step - loss: \d\.\d{4} - accuracy: \d\.\d{4}$/m);
    // The naive softmax overflows where the stable one does not.
    expect(text).toMatch(/naive {2}-> \[nan nan nan nan\]/);
    expect(text).toMatch(/stable -> \[0\.0321 0\.0871 0\.2369 0\.6439\]/);
    // Sparse and one-hot give the same cost.
    const costs = [...text.matchAll(/preferred model, \w+ on [\w -]+: +(\d\.\d+)/g)].map((m) => m[1]);
    expect(costs.length).toBe(2);
    expect(costs[0]).toBe(costs[1]);
    // Part 7: the clipped loss saturates at -log(1e-7).
    expect(text).toMatch(/^100 +\S+ +\d+\.\d{4} +16\.1181 +1\.4142 +0\.0000$/m);
    const accuracy = /training accuracy: obvious (\d\.\d+), preferred (\d\.\d+)/.exec(text)!;
    expect(Number(accuracy[1])).toBeGreaterThanOrEqual(0.95);
    expect(Number(accuracy[2])).toBeGreaterThanOrEqual(0.95);
    const files = readdirSync(join(dir, 'pictures')).sort();
    expect(files).toEqual(['data.svg', 'decision-regions.svg', 'loss.svg', 'report.html', 'softmax.svg']);
    for (const f of files.filter((n) => n.endsWith('.svg'))) {
      expect(xmlProblems(readFileSync(join(dir, 'pictures', f), 'utf8'))).toEqual([]);
    }
    const report = readFileSync(join(dir, 'pictures', 'report.html'), 'utf8');
    expect(report).toContain('<svg');
    expect(report).toContain('Total params: 529');
    expect(report).not.toMatch(/(src|href)="https?:/);
  });

  it('--no-plots writes no file; --epochs and --seed are honoured', async () => {
    const { io, out } = fakeIO(dir);
    expect(
      await main(['lab', '--no-plots', '--epochs', '2', '--seed', '7', '--out', 'nothing-here'], io),
    ).toBe(0);
    expect(out()).toMatch(/^Epoch 2\/2$/m);
    expect(out()).not.toMatch(/Epoch 3\//);
    expect(existsSync(join(dir, 'nothing-here'))).toBe(false);
  });

  it('bad flags exit with code 2 and one line that points to --help', async () => {
    for (const args of [['--epochs', '0'], ['--seed', '-1'], ['--seed', 'abc'], ['--bogus'], ['--plots']]) {
      const { io, err } = fakeIO(dir);
      expect(await main(['lab', ...args], io)).toBe(2);
      expect(err()).toMatch(/^softmax-lab lab: [^\n]+ See softmax-lab lab --help\.\n$/);
    }
  });
});
