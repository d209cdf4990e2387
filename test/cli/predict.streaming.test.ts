/**
 * `softmax-lab predict` streams: a large CSV or .npy is read, predicted and written a block at a time with
 * the same output as predicting the whole file at once, errors deep in the file name the right line or row,
 * and an existing --out file is left exactly as it was when predicting fails midway.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { float32Text } from '../../src/cli/commands/model-inputs.js';
import { argmax } from '../../src/core/argmax.js';
import { Matrix } from '../../src/core/matrix.js';
import { softmax } from '../../src/core/softmax.js';
import '../../src/io/register-file-handlers.js';
import { probeRows, saveLoopModel } from '../helpers/save-loop-models.js';
import { runCli } from './cli-harness.js';

const ROWS = 120_000; // about 2.6 MB of CSV: several 1 MiB blocks
let dir = '';
let modelDir = '';
let csvPath = '';
let X: Matrix;

/** The expected CSV, computed on the whole input at once with the library. */
function expectedCsv(rows: Matrix, probabilities: boolean): string {
  const logits = saveLoopModel('A').predict(rows);
  const classes = argmax(logits);
  const p = softmax(logits);
  const lines = [probabilities ? 'predicted,p0,p1,p2' : 'predicted'];
  for (let i = 0; i < rows.rows; i++) {
    lines.push(
      probabilities ? [classes[i], ...Array.from(p.row(i), float32Text)].join(',') : String(classes[i]),
    );
  }
  return `${lines.join('\n')}\n`;
}

function npyBytes(m: Matrix, descr: '<f8' | '<f4'): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${m.rows}, ${m.cols}), }`;
  header = `${header.padEnd(Math.ceil((header.length + 11) / 64) * 64 - 11)}\n`;
  const data = descr === '<f8' ? Float64Array.from(m.data) : Float32Array.from(m.data);
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  out.set(new TextEncoder().encode(header), 10);
  out.set(new Uint8Array(data.buffer), 10 + header.length);
  return out;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'softmax-lab-predict-stream-'));
  modelDir = join(dir, 'model');
  await saveLoopModel('A').save(modelDir);
  const values: number[][] = [];
  for (let i = 0; i < ROWS; i++)
    values.push([((i * 7919) % 2000) / 100 - 10, ((i * 104729) % 1300) / 100 - 6.5]);
  X = Matrix.from(values);
  csvPath = join(dir, 'rows.csv');
  await writeFile(csvPath, `x0,x1\n${values.map((r) => r.join(',')).join('\n')}\n`);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('softmax-lab predict on a large file', () => {
  it('writes what predicting the whole file at once gives, from CSV and from .npy (float64 and float32)', async () => {
    const out = join(dir, 'from-csv.csv');
    const run = await runCli([
      'predict',
      '--model',
      modelDir,
      '--data',
      csvPath,
      '--probabilities',
      '--out',
      out,
    ]);
    expect(run.err).toBe('');
    expect(run.out).toBe(`Wrote ${ROWS} predictions to ${out}\n`);
    const expected = expectedCsv(X, true);
    expect(await readFile(out, 'utf8')).toBe(expected);
    for (const descr of ['<f8', '<f4'] as const) {
      const npy = join(dir, `rows${descr.slice(1)}.npy`);
      await writeFile(npy, npyBytes(X, descr));
      const viaNpy = await runCli(['predict', '--model', modelDir, '--data', npy, '--probabilities']);
      expect(viaNpy.err).toBe('');
      const rows = descr === '<f8' ? X : Matrix.from(X.toArray(), 'float32');
      expect(viaNpy.out).toBe(expectedCsv(rows, true));
    }
  });

  it('leaves an existing --out file untouched, and no temporary file, when a row far down is bad', async () => {
    const lines = (await readFile(csvPath, 'utf8')).split('\n');
    lines[100_001] = '1.5,oops';
    const bad = join(dir, 'bad.csv');
    await writeFile(bad, lines.join('\n'));
    const out = join(dir, 'predictions.csv');
    await writeFile(out, 'predicted\n3\n1\n');
    const before = (await readdir(dir)).sort();
    const run = await runCli(['predict', '--model', modelDir, '--data', bad, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      `softmax-lab predict: ${bad}: expected a number, got "oops" (at line 100002, column 2 (x1)).\n`,
    );
    expect(run.out).toBe('');
    expect(await readFile(out, 'utf8')).toBe('predicted\n3\n1\n');
    expect((await readdir(dir)).sort()).toEqual(before);
  });

  it('on stdout, stops at the bad block with one error line: every row printed before it is right', async () => {
    const lines = (await readFile(csvPath, 'utf8')).split('\n');
    lines[110_001] = '1.5';
    const bad = join(dir, 'ragged.csv');
    await writeFile(bad, lines.join('\n'));
    const run = await runCli(['predict', '--model', modelDir, '--data', bad]);
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      `softmax-lab predict: ${bad}: expected 2 fields per row (as the header), got 1 fields (at line 110002).\n`,
    );
    const printed = run.out.split('\n').slice(0, -1);
    expect(printed.length).toBeGreaterThan(1);
    expect(printed.length - 1).toBeLessThan(110_000);
    expect(run.out).toBe(`${expectedCsv(X, false).split('\n').slice(0, printed.length).join('\n')}\n`);
  });

  it('names the row of the whole file for a NaN far down a .npy', async () => {
    const values = X.toArray();
    values[98_765]![1] = Number.NaN;
    const npy = join(dir, 'nan.npy');
    await writeFile(npy, npyBytes(Matrix.from(values), '<f8'));
    const run = await runCli(['predict', '--model', modelDir, '--data', npy, '--out', join(dir, 'nan.csv')]);
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      'softmax-lab predict: X: expected finite numbers, got NaN (at row 98765, column 1). Remove or impute missing values before training.\n',
    );
    expect((await readdir(dir)).filter((f) => f.startsWith('nan.csv') || f.startsWith('.nan.csv'))).toEqual(
      [],
    );
  });

  it('predicts a tiny file the same way (one block), and the probe rows match the library', async () => {
    const small = join(dir, 'probe.csv');
    await writeFile(
      small,
      `a,b\n${probeRows
        .toArray()
        .map((r) => r.join(','))
        .join('\n')}\n`,
    );
    const run = await runCli(['predict', '--model', modelDir, '--data', small, '--probabilities']);
    expect(run.out).toBe(expectedCsv(probeRows, true));
  });
});
