import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argmax } from '../../src/core/argmax.js';
import { softmax } from '../../src/core/softmax.js';
import { loadModel } from '../../src/io/load-model.js';
import { readCsv } from '../../src/io/read-csv.js';
import { expectClose } from '../helpers/close.js';
import { runCli } from './cli-harness.js';
import { type TrainedDigits, trainDigits } from './model-fixture.js';

let trained: TrainedDigits;

beforeAll(async () => {
  trained = await trainDigits();
});

afterAll(async () => {
  await trained.cleanup();
});

function parse(csv: string): { header: string[]; rows: number[][] } {
  const [header, ...rows] = csv.trimEnd().split('\n');
  return { header: header!.split(','), rows: rows.map((r) => r.split(',').map(Number)) };
}

describe('softmax-lab predict', () => {
  it("writes the model's classes and softmax probabilities as CSV", async () => {
    const run = await runCli([
      'predict',
      '--model',
      trained.model,
      '--data',
      trained.testCsv,
      '--label-column',
      'label',
      '--probabilities',
    ]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const { header, rows } = parse(run.out);
    expect(header).toEqual(['predicted', 'p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9']);
    const model = await loadModel(trained.model);
    const { X } = await readCsv(trained.testCsv, { labelColumn: 'label' });
    const logits = model.predict(X);
    expect(rows.map((r) => r[0])).toEqual(Array.from(argmax(logits)));
    const probabilities = softmax(logits);
    // Printed as the shortest text that reads back as the same float32.
    expect(Float32Array.from(rows.flatMap((r) => r.slice(1)))).toEqual(probabilities.data);
    expectClose(
      rows.map((r) => r.slice(1).reduce((a, b) => a + b, 0)),
      new Array(rows.length).fill(1),
      { atol: 1e-5 },
    );
  });

  it('writes to a file with --out, only the predicted column without --probabilities', async () => {
    const out = join(trained.dir, 'predictions.csv');
    const run = await runCli([
      'predict',
      '--model',
      trained.model,
      '--data',
      trained.testCsv,
      '--label-column=-1',
      '--out',
      out,
    ]);
    expect(run.code).toBe(0);
    expect(run.out).toBe(`Wrote 360 predictions to ${out}\n`);
    const { header, rows } = parse(await readFile(out, 'utf8'));
    expect(header).toEqual(['predicted']);
    expect(rows).toHaveLength(360);
  });

  it('says how to drop a label column the model does not take, in one line, exit 2', async () => {
    const run = await runCli(['predict', '--model', trained.model, '--data', trained.testCsv]);
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      `softmax-lab predict: ${trained.testCsv}: expected 64 feature columns (the model's input width), got 65 columns. If one column holds the labels, name it with --label-column.\n`,
    );
  });

  it('reports a missing model and a missing flag in one line each, exit 2', async () => {
    const missing = await runCli([
      'predict',
      '--model',
      join(trained.dir, 'nope'),
      '--data',
      trained.testCsv,
    ]);
    expect(missing.code).toBe(2);
    expect(missing.err.trimEnd().split('\n')).toHaveLength(1);
    expect(missing.err).toMatch(/nope: expected a model directory with a model\.json/);
    const flag = await runCli(['predict', '--data', trained.testCsv]);
    expect(flag.code).toBe(2);
    expect(flag.err).toMatch(
      /^softmax-lab predict: --model DIR \(a saved model\) is required\. See softmax-lab predict --help\.\n$/,
    );
    expect((await runCli(['predict', '--help'])).out).toMatch(
      /^Usage: softmax-lab predict --model DIR --data FILE/,
    );
  });
});
