/**
 * Models from TF.js Layers artifacts: a model built and saved by TensorFlow.js 4.22 itself, our own
 * artifacts (bit for bit, Normalization and compile settings restored), and the errors for what we refuse.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelFormatError } from '../../../src/core/errors.js';
import { Normalization } from '../../../src/model/normalization.js';
import { Adam } from '../../../src/model/optimizers/adam.js';
import { RMSprop } from '../../../src/model/optimizers/rmsprop.js';
import { SGD } from '../../../src/model/optimizers/sgd.js';
import type { ModelArtifacts } from '../../../src/model/serialization/artifacts.js';
import { modelFromArtifacts } from '../../../src/model/serialization/from-artifacts.js';
import { modelToArtifacts } from '../../../src/model/serialization/to-artifacts.js';
import { expectClose } from '../../helpers/close.js';
import { labX, sameBits, trainedLabModel } from '../../helpers/lab-model.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function tfjsSaved(model: tf.LayersModel, includeOptimizer = false): Promise<ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
    { includeOptimizer },
  );
  return saved as ModelArtifacts;
}

function tfjsLabModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 8, activation: 'relu', inputShape: [2] }));
  model.add(tf.layers.dense({ units: 6, activation: 'tanh' }));
  model.add(tf.layers.dense({ units: 5, activation: 'sigmoid' }));
  model.add(tf.layers.dense({ units: 4, activation: 'softmax' }));
  return model;
}

function refusal(artifacts: ModelArtifacts): string {
  try {
    modelFromArtifacts(artifacts, 'm/model.json');
  } catch (e) {
    expect(e).toBeInstanceOf(ModelFormatError);
    return (e as Error).message;
  }
  return expect.fail('the artifacts were accepted');
}

describe('modelFromArtifacts', () => {
  it('loads a model TF.js built and saved, with the same predictions on the lab data', async () => {
    const theirs = tfjsLabModel();
    const ours = modelFromArtifacts(await tfjsSaved(theirs));
    const expected = (theirs.predict(tf.tensor2d(labX.toArray())) as tf.Tensor).dataSync();
    expectClose(ours.predict(labX).data, expected, { atol: 1e-6 }, 'ours vs tfjs');
    expect(ours.layers.map((l) => l.name)).toEqual(theirs.layers.map((l) => l.name));
  });

  it("compiles from TF.js' trainingConfig and skips its optimizer weights", async () => {
    const theirs = tfjsLabModel();
    theirs.compile({
      optimizer: tf.train.adam(0.005),
      loss: 'sparseCategoricalCrossentropy',
      metrics: ['accuracy'],
    });
    await theirs.fit(tf.tensor2d(labX.toArray().slice(0, 32)), tf.tensor1d(new Array(32).fill(1)), {
      epochs: 1,
      verbose: 0,
    });
    const artifacts = await tfjsSaved(theirs, true);
    expect(artifacts.weightSpecs!.some((s) => s.group === 'optimizer')).toBe(true);
    const ours = modelFromArtifacts(artifacts);
    const compiled = ours.compileConfig!;
    expect(compiled.loss.name).toBe('sparse_categorical_crossentropy');
    expect(compiled.loss.fromLogits).toBe(false);
    expect(compiled.optimizer).toBeInstanceOf(Adam);
    expect(compiled.optimizer.learningRate).toBeCloseTo(0.005, 9);
    expect(compiled.metrics).toEqual(['accuracy']);
  });

  it('gives back our saved model bit for bit, with its Normalization and compile settings', async () => {
    for (const normalize of [false, true]) {
      const model = await trainedLabModel({ normalize });
      const loaded = modelFromArtifacts(modelToArtifacts(model));
      expect(loaded.layers.map((l) => l.className)).toEqual(model.layers.map((l) => l.className));
      expect(loaded.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
      expect(sameBits(loaded.predict(labX).data, model.predict(labX).data)).toBe(true);
      for (const [i, p] of loaded.params().entries())
        expect(sameBits(p.value, model.params()[i]!.value)).toBe(true);
      expect(loaded.compileConfig!.loss.fromLogits).toBe(true);
      expect(loaded.compileConfig!.optimizer.getConfig()).toEqual(model.compileConfig!.optimizer.getConfig());
      if (normalize) expect(loaded.layers[0]).toBeInstanceOf(Normalization);
    }
  });

  it('keeps the folded form when the metadata no longer matches the weights', async () => {
    const model = await trainedLabModel({ normalize: true });
    const a = modelToArtifacts(model);
    const bytes = new Float32Array(a.weightData as ArrayBuffer);
    bytes[0] = bytes[0]! + 1;
    const loaded = modelFromArtifacts(a);
    expect(loaded.layers.map((l) => l.className)).toEqual(['Dense', 'Dense', 'Dense']);
  });

  it('restores RMSprop and SGD settings from our metadata', async () => {
    const model = await trainedLabModel();
    for (const optimizer of [
      new RMSprop({ learningRate: 0.01, rho: 0.8, momentum: 0.5, centered: true }),
      new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true }),
    ]) {
      model.compile({ loss: 'sparse_categorical_crossentropy', optimizer });
      const loaded = modelFromArtifacts(modelToArtifacts(model));
      expect(loaded.compileConfig!.optimizer.constructor).toBe(optimizer.constructor);
      expect(loaded.compileConfig!.optimizer.getConfig()).toEqual(optimizer.getConfig());
    }
  });

  const base = (): ModelArtifacts => {
    return {
      format: 'layers-model',
      modelTopology: {
        class_name: 'Sequential',
        config: {
          name: 's',
          layers: [{ class_name: 'Dense', config: { name: 'only', units: 2, batch_input_shape: [null, 3] } }],
        },
      },
      weightSpecs: [
        { name: 'only/kernel', shape: [3, 2], dtype: 'float32' },
        { name: 'only/bias', shape: [2], dtype: 'float32' },
      ],
      weightData: new Float32Array([1, 2, 3, 4, 5, 6, 0.5, -0.5]).buffer,
    };
  };

  it('reads a minimal config (TF.js fills defaults: linear, with bias)', () => {
    const m = modelFromArtifacts(base());
    expect(Array.from(m.predict([[1, 0, 0]]).data)).toEqual([1.5, 1.5]);
  });

  it('names an unsupported layer, an unsupported activation and a graph model', () => {
    const dropout = base();
    (dropout.modelTopology as { config: { layers: object[] } }).config.layers.push({
      class_name: 'Dropout',
      config: { name: 'drop', rate: 0.5 },
    });
    expect(refusal(dropout)).toBe(
      'm/model.json: layer "drop" (Dropout) is not supported: softmax-lab reads Sequential models of Dense and Normalization layers.',
    );
    const elu = base();
    (elu.modelTopology as { config: { layers: { config: Record<string, unknown> }[] } }).config
      .layers[0]!.config.activation = 'elu';
    expect(refusal(elu)).toMatch(
      /layer "only" \(Dense\): expected an activation among linear, relu, sigmoid, tanh, softmax, got activation "elu"/,
    );
    expect(refusal({ ...base(), format: 'graph-model' })).toMatch(/tf\.loadGraphModel/);
    expect(refusal({ ...base(), modelTopology: { class_name: 'Functional', config: {} } })).toMatch(
      /Sequential model, got class_name "Functional"/,
    );
  });

  it('names what is wrong with the weights: byte count, missing and left-over names, shapes, NaN', () => {
    expect(refusal({ ...base(), weightData: new ArrayBuffer(28) })).toMatch(
      /expected 32 bytes .* got 28 bytes.*truncated/,
    );
    const renamed = base();
    renamed.weightSpecs![1]!.name = 'other/bias';
    renamed.weightSpecs!.push({ name: 'x/y', shape: [1], dtype: 'float32' });
    renamed.weightData = new Float32Array(9).buffer;
    expect(refusal(renamed)).toMatch(
      /missing: only\/bias \[2\].*match no layer: other\/bias \[2\], x\/y \[1\]/,
    );
    const reshaped = base();
    reshaped.weightSpecs![0]!.shape = [2, 3];
    expect(refusal(reshaped)).toMatch(
      /"only\/kernel": expected shape \[3, 2\] for only\/kernel, got shape \[2, 3\]/,
    );
    const nan = base();
    new Float32Array(nan.weightData as ArrayBuffer)[7] = Number.NaN;
    expect(refusal(nan)).toMatch(/weight "only\/bias": expected finite values, got NaN \(at index 1\)/);
    const huge = base();
    huge.weightSpecs![0]!.shape = [1e6, 1e6];
    expect(refusal(huge)).toMatch(/at most 2147483647 values/);
  });

  // Found by fuzzing: `new Uint8Array(weightData)` threw a RangeError for -1, allocated a gigabyte for 1e9,
  // and a null manifest entry or a numeric name ended in a TypeError.
  it('refuses weight data and manifest entries of the wrong type before allocating', () => {
    for (const weightData of [-1, 1e9, 2 ** 32, 'bytes', [new ArrayBuffer(4), 'x'], { byteLength: 32 }]) {
      const before = process.memoryUsage().arrayBuffers;
      expect(refusal({ ...base(), weightData } as never)).toMatch(
        /m\/model\.json: weightData: expected an ArrayBuffer, or a list of ArrayBuffers/,
      );
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(2 ** 20);
    }
    for (const entry of [
      null,
      { name: 7, shape: [2], dtype: 'float32' },
      { name: 'b', shape: [2], dtype: 'float32', quantization: { dtype: 'uint8', scale: 'x' } },
    ]) {
      const broken = base();
      broken.weightSpecs![1] = entry as never;
      expect(refusal(broken)).toMatch(/weights manifest entry 1: expected \{"name": string/);
    }
    // A Node Buffer or a Float32Array view is read through its bytes.
    const view = base();
    view.weightData = new Float32Array([1, 2, 3, 4, 5, 6, 0.5, -0.5]) as never;
    expect(Array.from(modelFromArtifacts(view).predict([[1, 0, 0]]).data)).toEqual([1.5, 1.5]);
  });

  // Found by fuzzing: a dequantised q·scale + min (or a config statistic) that is a finite double but beyond
  // float32 became Infinity in the model.
  it('refuses values that overflow float32', () => {
    const quantized = base();
    quantized.weightSpecs![1] = {
      name: 'only/bias',
      shape: [2],
      dtype: 'float32',
      quantization: { dtype: 'uint8', scale: 1e300, min: 0 },
    };
    quantized.weightData = new Uint8Array([...new Uint8Array(new Float32Array(6).buffer), 0, 1]).buffer;
    expect(refusal(quantized)).toMatch(
      /weight "only\/bias": expected finite values, got 1e\+300 \(beyond the float32 range\) \(at index 1\)/,
    );
  });

  // Found by fuzzing: statistics given as scalars were broadcast to whatever width the topology claimed, so a
  // 200-byte model.json claiming 2^31 features allocated gigabytes and crashed the process.
  it('bounds the width a scalar Normalization statistic is broadcast to', () => {
    const normalization = (width: number): ModelArtifacts => ({
      modelTopology: {
        class_name: 'Sequential',
        config: {
          layers: [
            {
              class_name: 'Normalization',
              config: { name: 'n', mean: 0.5, variance: 4, batch_input_shape: [null, width] },
            },
          ],
        },
      },
    });
    expect(Array.from(modelFromArtifacts(normalization(3)).predict([[2.5, 0.5, -1.5]]).data)).toEqual([
      1, 0, -1,
    ]);
    const before = process.memoryUsage().arrayBuffers;
    expect(refusal(normalization(2 ** 31))).toMatch(
      /layer "n" \(Normalization\): expected at most 1048576 input features for statistics given as scalars, got an input width of 2147483648/,
    );
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(2 ** 20);
  });

  // Found by fuzzing: an initializer named "constructor" found Object.prototype.constructor in the lookup
  // table and ended in a DataError; a deeply nested value overflowed the stack inside JSON.stringify.
  it('ignores inherited names and describes deeply nested values without overflowing', () => {
    const inherited = base();
    const config = (inherited.modelTopology as { config: { layers: { config: Record<string, unknown> }[] } })
      .config.layers[0]!.config;
    config.kernel_initializer = { class_name: 'constructor' };
    config.bias_initializer = 'toString';
    expect(modelFromArtifacts(inherited).layers[0]!.getConfig().kernelInitializer).toBe('glorotUniform');
    let deep: unknown = 1;
    for (let i = 0; i < 100000; i++) deep = [deep];
    const nested = base();
    (nested.modelTopology as { config: { layers: unknown[] } }).config.layers.push(deep);
    expect(refusal(nested)).toMatch(
      /layer 1: expected \{"class_name": \.\.\., "config": \{\.\.\.\}\}, got \[\[\[\[\[\[\[\[…/,
    );
  });
});
