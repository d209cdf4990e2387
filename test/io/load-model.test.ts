/**
 * loadModel on files in the dialects TF.js and tensorflowjs_converter write (test/fixtures/models, made by
 * make_fixtures.py with numpy): predictions must equal numpy's float64 forward pass of the same weights.
 * TF.js 4.22 loads the Keras-2 converter fixture too, as a check that the fixture is realistic.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelFormatError } from '../../src/core/errors.js';
import { loadModel } from '../../src/io/load-model.js';
import { Adam } from '../../src/model/optimizers/adam.js';
import type { ModelArtifacts } from '../../src/model/serialization/artifacts.js';
import { expectClose } from '../helpers/close.js';
import { readFixture } from '../helpers/fixtures.js';
import { labX, labY, trainedLabModel } from '../helpers/lab-model.js';

const models = new URL('../fixtures/models/', import.meta.url).pathname;
const expected = readFixture<Record<string, number[][]> & { X: number[][] }>('models/expected.json');

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The custom TF.js file handler of docs/formats.md (tfjs has no file:// handler without tfjs-node). */
function tfjsFileHandler(path: string): tf.io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(await readFile(path, 'utf8'));
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const buffers: ArrayBuffer[] = [];
        for (const group of manifest) {
          for (const p of group.paths) {
            const b = await readFile(join(dirname(path), p));
            buffers.push(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
          }
        }
        return [manifest.flatMap((g) => g.weights), buffers];
      });
    },
  };
}

describe('loadModel', () => {
  for (const name of ['keras2-converter', 'keras3-converter', 'keras3-numbered', 'quantized']) {
    it(`reads the ${name} fixture and predicts like numpy's forward pass`, async () => {
      const model = await loadModel(`${models}${name}`);
      expectClose(model.predict(expected.X).data, expected[name]!, { atol: 1e-6, rtol: 1e-5 }, name);
    });
  }

  it('keeps the layer names and compiles from the Keras training_config of a converted file', async () => {
    const model = await loadModel(`${models}keras2-converter/model.json`);
    expect(model.layers.map((l) => l.name)).toEqual(['dense', 'dense_1']);
    expect(model.compileConfig?.optimizer).toBeInstanceOf(Adam);
    expect(model.compileConfig?.optimizer.learningRate).toBe(0.002);
    expect(model.compileConfig?.loss.name).toBe('sparse_categorical_crossentropy');
    expect((await loadModel(`${models}keras3-numbered`)).layers.map((l) => l.name)).toEqual([
      'hidden',
      'probs',
    ]);
  });

  it('agrees with TF.js on the Keras-2 converter fixture (sharded, split mid-weight)', async () => {
    const theirs = await tf.loadLayersModel(tfjsFileHandler(`${models}keras2-converter/model.json`));
    const ours = await loadModel(`${models}keras2-converter`);
    const p = (theirs.predict(tf.tensor2d(expected.X)) as tf.Tensor).dataSync();
    expectClose(ours.predict(expected.X).data, p, { atol: 1e-6 }, 'ours vs tfjs');
  });

  it('writes directories that tf.loadLayersModel reads through a file handler, with the same predictions', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'softmax-lab-tfjs-'));
    try {
      const model = await trainedLabModel({ normalize: true });
      await model.save(join(dir, 'lab'));
      const theirs = await tf.loadLayersModel(tfjsFileHandler(join(dir, 'lab', 'model.json')));
      const p = (theirs.predict(tf.tensor2d(labX.toArray())) as tf.Tensor).dataSync();
      expectClose(p, model.predict(labX).data, { atol: 1e-6 }, 'tfjs from files');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('saves a checkpoint with includeOptimizer to a folder; training resumes from it bit for bit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'softmax-lab-checkpoint-'));
    try {
      const straight = await trainedLabModel();
      await straight.fit(labX, labY, { epochs: 4, initialEpoch: 2, verbose: 0 });
      const model = await trainedLabModel();
      await model.save(join(dir, 'epoch-2'), { includeOptimizer: true });
      const resumed = await loadModel(join(dir, 'epoch-2'));
      await resumed.fit(labX, labY, { epochs: 4, initialEpoch: 2, verbose: 0 });
      expect(resumed.params().map((p) => Array.from(p.value))).toEqual(
        straight.params().map((p) => Array.from(p.value)),
      );
      const theirs = await tf.loadLayersModel(tfjsFileHandler(join(dir, 'epoch-2', 'model.json')));
      expect(theirs.layers.length).toBe(3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('accepts file:// URLs and TF.js-style handler objects', async () => {
    const url = new URL('../fixtures/models/keras3-converter', import.meta.url).href;
    expect((await loadModel(url)).layers).toHaveLength(2);
    const artifacts: ModelArtifacts = {
      modelTopology: {
        class_name: 'Sequential',
        config: {
          layers: [
            {
              class_name: 'Dense',
              config: { name: 'd', units: 1, use_bias: false, batch_input_shape: [null, 2] },
            },
          ],
        },
      },
      weightSpecs: [{ name: 'd/kernel', shape: [2, 1], dtype: 'float32' }],
      weightData: new Float32Array([2, 3]).buffer,
    };
    const model = await loadModel(tf.io.fromMemory(artifacts as tf.io.ModelArtifacts));
    expect(Array.from(model.predict([[1, 1]]).data)).toEqual([5]);
  });

  it('says which path has no model, and refuses URLs no handler knows', async () => {
    await expect(loadModel(`${models}nowhere`)).rejects.toThrow(ModelFormatError);
    await expect(loadModel(`${models}nowhere`)).rejects.toThrow(
      /nowhere: expected a model directory with a model\.json.*got no file/,
    );
    await expect(loadModel('indexeddb://my-model')).rejects.toThrow(/"indexeddb:\/\/my-model"/);
  });
});

/** A Normalization-only model (no weights) whose manifest lists `paths`. */
function scalerJson(paths: unknown[]): string {
  return JSON.stringify({
    format: 'layers-model',
    modelTopology: {
      class_name: 'Sequential',
      config: {
        layers: [
          {
            class_name: 'Normalization',
            config: { name: 'n', mean: 0, variance: 1, batch_input_shape: [null, 2] },
          },
        ],
      },
    },
    weightsManifest: [{ paths, weights: [] }],
  });
}

/** Rejects when `promise` has not settled within `ms` (a hang fails the test instead of stalling it). */
function within<T>(promise: Promise<T>, ms = 5000): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms)),
  ]);
}

describe('loadModel on hostile folders (regressions found by fuzzing)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'softmax-lab-hostile-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function folder(name: string, json: string): Promise<string> {
    const path = join(dir, name);
    await mkdir(path, { recursive: true });
    await writeFile(join(path, 'model.json'), json);
    return path;
  }

  // String(path) on a 100,000-deep array overflowed the stack before the path was checked.
  it('refuses a weights path that is not a string, however deeply nested', async () => {
    const deep = `${'['.repeat(100000)}${']'.repeat(100000)}`;
    const path = await folder('deep', scalerJson([]).replace('"paths":[]', `"paths":[${deep}]`));
    await expect(loadModel(path)).rejects.toThrow(/weightsManifest paths: expected file names, got \[\[\[\[/);
  });

  // A pipe in the folder (as model.json, or as a weights file whose size matches an empty manifest) made the
  // read wait forever.
  it('refuses pipes and directories instead of waiting on them', async () => {
    const pipe = await folder('pipe', scalerJson(['weights.bin']));
    execFileSync('mkfifo', [join(pipe, 'weights.bin')]);
    await expect(within(loadModel(pipe))).rejects.toThrow(
      /weights file "weights\.bin": expected a file next to model\.json, got not a regular file/,
    );
    const sub = await folder('sub', scalerJson(['sub']));
    await mkdir(join(sub, 'sub'));
    await expect(within(loadModel(sub))).rejects.toThrow(/weights file "sub": .* got a directory/);
    const json = join(dir, 'pipe-json');
    await mkdir(json);
    execFileSync('mkfifo', [join(json, 'model.json')]);
    await expect(within(loadModel(json))).rejects.toThrow(
      /model\.json: expected a model\.json file, got not a regular file/,
    );
  });

  // The file system's message repeated a 100,000-character path from the manifest, and a path with control
  // characters went into the message raw.
  it('keeps messages about weights paths short and on one line', async () => {
    const long = await folder('long', scalerJson(['a'.repeat(100000)]));
    const error = await loadModel(long).catch((e: Error) => e);
    expect(error).toBeInstanceOf(ModelFormatError);
    expect((error as Error).message.length).toBeLessThan(400);
    expect((error as Error).message).toMatch(/got an unreadable file \(ENAMETOOLONG\)/);
    const odd = await folder('odd', scalerJson(['x\u001b[2J\n.bin']));
    await expect(loadModel(odd)).rejects.toThrow(/weights file "x\\u001b\[2J\\n\.bin": .* got no such file/);
  });
});
