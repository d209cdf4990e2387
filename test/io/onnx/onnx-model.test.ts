/**
 * ONNX export, run by onnxruntime-web 1.30 (wasm backend, one thread): the exported graph must output what
 * model.predict outputs (<= 1e-5), for every activation, a Normalization layer, a layer without bias, and with
 * a softmax appended to a logits model.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { softmax } from '../../../src/core/softmax.js';
import { encodeOnnx, ONNX_OPSET } from '../../../src/io/onnx/onnx-model.js';
import { Dense } from '../../../src/model/dense.js';
import { Normalization } from '../../../src/model/normalization.js';
import { Sequential } from '../../../src/model/sequential.js';
import { toInferenceGraph } from '../../../src/model/serialization/inference-graph.js';
import '../../../src/io/register-file-handlers.js';
import { expectClose } from '../../helpers/close.js';
import { labX, trainedLabModel } from '../../helpers/lab-model.js';

let dir: string;

beforeAll(async () => {
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.wasmPaths = new URL('../../../node_modules/onnxruntime-web/dist/', import.meta.url).pathname;
  dir = await mkdtemp(join(tmpdir(), 'softmax-lab-onnx-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(bytes: Uint8Array, X: Float32Array, rows: number, cols: number): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  const out = await session.run({ input: new ort.Tensor('float32', X, [rows, cols]) });
  expect(session.outputNames).toEqual(['output']);
  return out.output!.data as Float32Array;
}

describe('ONNX export', () => {
  it('runs the lab model in onnxruntime with the same logits, and probabilities with appendSoftmax', async () => {
    const model = await trainedLabModel();
    const X = Float32Array.from(labX.data);
    const logits = model.predict(labX);
    expectClose(
      await run(encodeOnnx(toInferenceGraph(model)), X, 2000, 2),
      logits.data,
      { atol: 1e-5 },
      'logits',
    );
    const probabilities = await run(encodeOnnx(toInferenceGraph(model, { appendSoftmax: true })), X, 2000, 2);
    expectClose(probabilities, softmax(logits).data, { atol: 1e-5 }, 'probabilities');
  });

  it('exports Normalization, sigmoid, tanh, softmax and a layer without bias', async () => {
    const norm = new Normalization();
    norm.adapt(labX);
    const model = new Sequential(
      [
        norm,
        new Dense({ units: 6, activation: 'sigmoid' }),
        new Dense({ units: 5, activation: 'tanh', useBias: false }),
        new Dense({ units: 4, activation: 'softmax' }),
      ],
      { seed: 5 },
    );
    const expected = model.predict(labX).data;
    const got = await run(encodeOnnx(toInferenceGraph(model)), Float32Array.from(labX.data), 2000, 2);
    expectClose(got, expected, { atol: 1e-5 }, 'mixed');
  });

  it('writes the file through model.exportOnnx(path), atomically, with opset 13', async () => {
    const model = await trainedLabModel({ normalize: true });
    const path = join(dir, 'sub', 'lab.onnx');
    const result = await model.exportOnnx(path, { appendSoftmax: true });
    const bytes = await readFile(path);
    expect(result.bytes).toBe(bytes.length);
    const session = await ort.InferenceSession.create(bytes);
    expect(session.inputNames).toEqual(['input']);
    const out = await session.run({
      input: new ort.Tensor('float32', Float32Array.from(labX.data), [2000, 2]),
    });
    expectClose(out.output!.data as Float32Array, softmax(model.predict(labX)).data, { atol: 1e-5 }, 'file');
    expect(ONNX_OPSET).toBe(13);
  });

  it('accepts a handler object without any registration', async () => {
    const model = await trainedLabModel();
    let steps = 0;
    await model.exportOnnx({
      exportOnnx: async (graph) => {
        steps = graph.steps.length;
        return { bytes: encodeOnnx(graph).length };
      },
    });
    expect(steps).toBe(3);
  });
});
