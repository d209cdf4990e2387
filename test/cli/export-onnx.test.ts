import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { softmax } from '../../src/core/softmax.js';
import { loadModel } from '../../src/io/load-model.js';
import { readCsv } from '../../src/io/read-csv.js';
import { expectClose } from '../helpers/close.js';
import { runCli } from './cli-harness.js';
import { type TrainedDigits, trainDigits } from './model-fixture.js';

let trained: TrainedDigits;

beforeAll(async () => {
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.wasmPaths = new URL('../../node_modules/onnxruntime-web/dist/', import.meta.url).pathname;
  trained = await trainDigits(['--normalize']);
});

afterAll(async () => {
  await trained.cleanup();
});

describe('softmax-lab export-onnx', () => {
  it('writes an ONNX file that onnxruntime runs to the model probabilities (<= 1e-5)', async () => {
    const out = join(trained.dir, 'digits.onnx');
    const run = await runCli(['export-onnx', '--model', trained.model, '--out', out, '--probabilities']);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(
      /^Wrote .*digits\.onnx \(\d+ bytes, ONNX opset 13\): input "input" \[N, 64\] float32 -> output "output" \[N, 10\] \(probabilities\)\n$/,
    );
    const { X } = await readCsv(trained.testCsv, { labelColumn: 'label' });
    const session = await ort.InferenceSession.create(await readFile(out));
    const result = await session.run({
      input: new ort.Tensor('float32', Float32Array.from(X.data), [X.rows, X.cols]),
    });
    const model = await loadModel(trained.model);
    expectClose(result.output!.data as Float32Array, softmax(model.predict(X)).data, { atol: 1e-5 }, 'onnx');
  });

  it('needs --model and --out, and reports a broken model in one line', async () => {
    expect((await runCli(['export-onnx', '--model', trained.model])).err).toMatch(
      /--out FILE\.onnx is required/,
    );
    const broken = await runCli([
      'export-onnx',
      '--model',
      join(trained.dir, 'test.csv'),
      '--out',
      join(trained.dir, 'x.onnx'),
    ]);
    expect(broken.code).toBe(2);
    expect(broken.err.trimEnd().split('\n')).toHaveLength(1);
    expect((await runCli(['export-onnx', '--help'])).code).toBe(0);
  });
});
