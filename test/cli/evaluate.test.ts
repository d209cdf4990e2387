import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatKerasMetric } from '../../src/format/python-number.js';
import { loadModel } from '../../src/io/load-model.js';
import { readCsv } from '../../src/io/read-csv.js';
import { runCli } from './cli-harness.js';
import { type TrainedDigits, trainDigits } from './model-fixture.js';

let trained: TrainedDigits;

beforeAll(async () => {
  trained = await trainDigits();
});

afterAll(async () => {
  await trained.cleanup();
});

describe('softmax-lab evaluate', () => {
  it("prints Keras' loss and accuracy line, then a confusion matrix that agrees with it", async () => {
    const run = await runCli([
      'evaluate',
      '--model',
      trained.model,
      '--data',
      trained.testCsv,
      '--label-column',
      'label',
    ]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const model = await loadModel(trained.model);
    const { X, y } = await readCsv(trained.testCsv, { labelColumn: 'label' });
    const logs = model.evaluate(X, y!, { returnDict: true });
    const lines = run.out.trimEnd().split('\n');
    expect(lines[0]).toBe(
      `loss: ${formatKerasMetric(logs.loss!)} - accuracy: ${formatKerasMetric(logs.accuracy!)}`,
    );
    expect(lines[1]).toBe('Confusion matrix (rows: true class, columns: predicted class):');
    expect(lines[2]!.trim().split(/\s+/)).toEqual([
      'true\\pred',
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
    ]);
    const counts = lines.slice(3).map((l) => l.trim().split(/\s+/).map(Number));
    expect(counts.map((r) => r[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const cells = counts.map((r) => r.slice(1));
    expect(cells.flat().reduce((a, b) => a + b, 0)).toBe(360);
    cells.forEach((row, t) => {
      expect(row.reduce((a, b) => a + b, 0)).toBe(y!.filter((v) => v === t).length);
    });
    const correct = cells.reduce((n, row, t) => n + row[t]!, 0);
    expect(formatKerasMetric(correct / 360)).toBe(formatKerasMetric(logs.accuracy!));
  });

  it('takes the last CSV column as labels by default', async () => {
    const run = await runCli(['evaluate', '--model', trained.model, '--data', trained.testCsv]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^loss: \d\.\d{4} - accuracy: 0\.\d{4}\n/);
  });

  it('refuses labels the model has no output for, in one line, exit 2', async () => {
    const run = await runCli([
      'evaluate',
      '--model',
      trained.model,
      '--data',
      trained.testCsv,
      '--label-column',
      'pixel_3_3',
    ]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(
      /^softmax-lab evaluate: .*expected labels 0\.\.9 \(the model has 10 outputs\), got \d+ \(at row \d+\)\.\n$/,
    );
    expect((await runCli(['evaluate', '--help'])).out).toMatch(
      /^Usage: softmax-lab evaluate --model DIR --data FILE/,
    );
  });
});
