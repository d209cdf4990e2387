/**
 * Saving with `includeOptimizer`: training resumes exactly (optimizer slots, step count and the model's random
 * stream all come back), the file still loads in TensorFlow.js, and TF.js' optimizer receives the slots in
 * its own order and meaning when it compiles from the file.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { oneHot } from '../../../src/core/argmax.js';
import { DataError, ModelFormatError } from '../../../src/core/errors.js';
import { CategoricalCrossentropy, SparseCategoricalCrossentropy } from '../../../src/core/losses/index.js';
import { Dense } from '../../../src/model/dense.js';
import { Normalization } from '../../../src/model/normalization.js';
import { Adam } from '../../../src/model/optimizers/adam.js';
import type { Optimizer } from '../../../src/model/optimizers/optimizer.js';
import { RMSprop } from '../../../src/model/optimizers/rmsprop.js';
import { SGD } from '../../../src/model/optimizers/sgd.js';
import { Sequential } from '../../../src/model/sequential.js';
import { modelFromArtifacts } from '../../../src/model/serialization/from-artifacts.js';
import { modelToArtifacts } from '../../../src/model/serialization/to-artifacts.js';
import { expectClose } from '../../helpers/close.js';
import { labX, labY } from '../../helpers/lab-model.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Make = () => Optimizer;

function labModel(
  optimizer: Optimizer,
  options: { softmax?: boolean; normalize?: boolean } = {},
): Sequential {
  const layers = [
    new Dense({ units: 8, activation: 'tanh' }),
    new Dense({ units: 4, activation: options.softmax ? 'softmax' : 'linear' }),
  ];
  let norm: Normalization | undefined;
  if (options.normalize) {
    norm = new Normalization();
    norm.adapt(labX);
  }
  const model = new Sequential(norm ? [norm, ...layers] : layers, { seed: 77 });
  model.compile({
    loss: options.softmax
      ? new CategoricalCrossentropy()
      : new SparseCategoricalCrossentropy({ fromLogits: true }),
    optimizer,
    metrics: ['accuracy'],
  });
  return model;
}

function bits(model: Sequential): number[] {
  return model.params().flatMap((p) => Array.from(new Uint32Array(p.value.slice().buffer)));
}

const targets = (softmax: boolean) => (softmax ? oneHot(Int32Array.from(labY), 4) : labY);

/** Five epochs in one go, and two + save/load + three more: the weights after both. */
async function straightAndResumed(make: Make, options: { softmax?: boolean; normalize?: boolean } = {}) {
  const y = targets(options.softmax === true);
  const straight = labModel(make(), options);
  const history = await straight.fit(labX, y, { epochs: 5, verbose: 0 });
  const first = labModel(make(), options);
  await first.fit(labX, y, { epochs: 2, verbose: 0 });
  const artifacts = modelToArtifacts(first, { includeOptimizer: true });
  const resumed = modelFromArtifacts(artifacts, 'resume test');
  const rest = await resumed.fit(labX, y, { epochs: 5, initialEpoch: 2, verbose: 0 });
  return { straight, resumed, history, rest, artifacts };
}

describe('save with includeOptimizer', () => {
  it.each<[string, Make]>([
    ['Adam', () => new Adam(0.01)],
    ['Adam amsgrad', () => new Adam({ learningRate: 0.01, amsgrad: true })],
    ['SGD Nesterov', () => new SGD({ learningRate: 0.05, momentum: 0.9, nesterov: true })],
    ['SGD plain', () => new SGD(0.1)],
    [
      'RMSprop centered with momentum',
      () => new RMSprop({ learningRate: 0.003, momentum: 0.5, centered: true }),
    ],
    ['RMSprop', () => new RMSprop(0.003)],
  ])('%s: two epochs, save, load, three more = five epochs in one go, bit for bit', async (_name, make) => {
    const { straight, resumed, history, rest } = await straightAndResumed(make);
    expect(bits(resumed)).toEqual(bits(straight));
    expect(rest.history.loss).toEqual(history.history.loss!.slice(2));
    expect(resumed.compileConfig!.optimizer.iterations).toBe(straight.compileConfig!.optimizer.iterations);
    expect([straight.completedEpochs, resumed.completedEpochs]).toEqual([5, 5]);
  });

  it('resumes exactly through a folded Normalization too', async () => {
    const { straight, resumed } = await straightAndResumed(() => new Adam(0.01), { normalize: true });
    expect(resumed.layers[0]).toBeInstanceOf(Normalization);
    expect(bits(resumed)).toEqual(bits(straight));
  });

  it('without it, the loaded model starts a fresh optimizer (and so does not continue exactly)', async () => {
    const y = labY;
    const straight = labModel(new Adam(0.01));
    await straight.fit(labX, y, { epochs: 3, verbose: 0 });
    const first = labModel(new Adam(0.01));
    await first.fit(labX, y, { epochs: 2, verbose: 0 });
    const artifacts = modelToArtifacts(first);
    expect(artifacts.weightSpecs!.some((s) => s.group === 'optimizer')).toBe(false);
    const loaded = modelFromArtifacts(artifacts);
    expect(loaded.compileConfig!.optimizer.iterations).toBe(0);
    await loaded.fit(labX, y, { epochs: 3, initialEpoch: 2, verbose: 0 });
    expect(bits(loaded)).not.toEqual(bits(straight));
  });

  it("writes TF.js' layout: iter (int32) first, then each slot kind for every trainable weight", async () => {
    const model = labModel(new Adam(0.01));
    await model.fit(labX, labY, { epochs: 1, verbose: 0 });
    const a = modelToArtifacts(model, { includeOptimizer: true });
    const optimizerSpecs = a.weightSpecs!.filter((s) => s.group === 'optimizer');
    const weights = model.layers.flatMap((l) => [`${l.name}/kernel`, `${l.name}/bias`]);
    expect(optimizerSpecs.map((s) => s.name)).toEqual([
      'iter',
      ...weights.map((w) => `${w}/m`),
      ...weights.map((w) => `${w}/v`),
    ]);
    expect(optimizerSpecs[0]).toMatchObject({ shape: [], dtype: 'int32' });
    const modelBytes = model.countParams() * 4;
    expect(new DataView(a.weightData as ArrayBuffer).getInt32(modelBytes, true)).toBe(63);
  });

  it('still loads in tf.loadLayersModel with the same predictions (TF.js ignores the slots of an uncompiled model)', async () => {
    const model = labModel(new Adam(0.01));
    await model.fit(labX, labY, { epochs: 1, verbose: 0 });
    const a = modelToArtifacts(model, { includeOptimizer: true });
    const theirs = await tf.loadLayersModel(tf.io.fromMemory(a as tf.io.ModelArtifacts));
    const out = (theirs.predict(tf.tensor2d(labX.toArray())) as tf.Tensor).dataSync() as Float32Array;
    expectClose(out, model.predict(labX).data, { atol: 1e-6 }, 'tfjs vs ours');
  });

  it("hands TF.js' Adam our m and v and step count when TF.js compiles from the file", async () => {
    const model = labModel(new Adam(0.01), { softmax: true });
    await model.fit(labX, targets(true), { epochs: 1, verbose: 0 });
    const a = modelToArtifacts(model, { includeOptimizer: true });
    expect(a.trainingConfig).toBeDefined();
    const theirs = await tf.loadLayersModel(tf.io.fromMemory(a as tf.io.ModelArtifacts));
    const got = await theirs.optimizer.getWeights();
    const trainable = model.params().filter((p) => p.trainable);
    const state = model.compileConfig!.optimizer.getState(trainable);
    expect(got.map((w) => w.name)).toEqual(
      a.weightSpecs!.filter((s) => s.group === 'optimizer').map((s) => s.name),
    );
    expect(got[0]!.tensor.dataSync()[0]).toBe(63);
    const values = got.slice(1).map((w) => Array.from(w.tensor.dataSync()));
    expect(values).toEqual([...state.slots.m!, ...state.slots.v!].map((s) => Array.from(s)));
  });

  it("gives TF.js' momentum optimizer its accumulations a = −m / lr, and reads them back as m", async () => {
    const lr = 0.05;
    const { straight, resumed, artifacts } = await straightAndResumed(
      () => new SGD({ learningRate: lr, momentum: 0.9 }),
      { softmax: true },
    );
    // TF.js reads the slots as its own accumulations.
    const theirs = await tf.loadLayersModel(tf.io.fromMemory(artifacts as tf.io.ModelArtifacts));
    const got = await theirs.optimizer.getWeights();
    const first = labModel(new SGD({ learningRate: lr, momentum: 0.9 }), { softmax: true });
    await first.fit(labX, targets(true), { epochs: 2, verbose: 0 });
    const m = first.compileConfig!.optimizer.getState(first.params().filter((p) => p.trainable)).slots
      .momentum!;
    expectClose(
      Array.from(got[1]!.tensor.dataSync()),
      Array.from(m[0]!, (v) => -v / lr),
      { rtol: 1e-6, atol: 1e-7 },
      'accumulation',
    );
    // Through float32 a = −m/lr and back, the resumed weights agree to rounding (not bit for bit).
    expectClose(
      resumed.params().flatMap((p) => Array.from(p.value)),
      straight.params().flatMap((p) => Array.from(p.value)),
      { atol: 1e-5 },
      'resumed weights',
    );
  });

  it('refuses includeOptimizer on a model that is not compiled, and unknown options', () => {
    const model = new Sequential([new Dense({ units: 2 })]);
    model.build(3);
    expect(() => modelToArtifacts(model, { includeOptimizer: true })).toThrow(DataError);
    expect(() => modelToArtifacts(model, { includeOptimizer: true })).toThrow(/expected a compiled model/);
    expect(() => modelToArtifacts(model, { includeOptimiser: true } as never)).toThrow(/includeOptimiser/);
    expect(() => modelToArtifacts(model, { includeOptimizer: 'yes' } as never)).toThrow(DataError);
  });

  it('refuses a step count or a slot of the wrong size, naming the weight', async () => {
    const model = labModel(new Adam(0.01));
    await model.fit(labX, labY, { epochs: 1, verbose: 0 });
    const a = modelToArtifacts(model, { includeOptimizer: true });
    const modelBytes = model.countParams() * 4;
    const negative = a.weightData!.slice(0) as ArrayBuffer;
    new DataView(negative).setInt32(modelBytes, -3, true);
    expect(() => modelFromArtifacts({ ...a, weightData: negative }, 'm.json')).toThrow(ModelFormatError);
    expect(() => modelFromArtifacts({ ...a, weightData: negative }, 'm.json')).toThrow(
      /m.json: optimizer weight "iter": expected one whole number >= 0 \(the step count\), got -3/,
    );
    // The last slot (the output bias's v) one value short, with the bytes to match.
    const specs = a.weightSpecs!.map((s) => ({ ...s }));
    const last = specs[specs.length - 1]!;
    expect(last.name).toBe(`${model.layers[1]!.name}/bias/v`);
    specs[specs.length - 1] = { ...last, shape: [last.shape[0]! - 1] };
    const short = (a.weightData as ArrayBuffer).slice(0, (a.weightData as ArrayBuffer).byteLength - 4);
    expect(() => modelFromArtifacts({ ...a, weightSpecs: specs, weightData: short }, 'm.json')).toThrow(
      /m.json: optimizer weight ".*\/bias\/v": expected 4 values \(the size of .*\/bias\), got 3 values/,
    );
  });

  it('restores completedEpochs, and refuses a random state that is not numpy’s or a fractional epoch', async () => {
    const model = labModel(new Adam(0.01));
    await model.fit(labX, labY, { epochs: 1, verbose: 0 });
    const a = modelToArtifacts(model, { includeOptimizer: true });
    const meta = structuredClone(a.userDefinedMetadata) as {
      softmaxLab: { trainingState: { randomState: { pos: number; key: string } } };
    };
    const epochs = structuredClone(a.userDefinedMetadata) as { softmaxLab: { trainingState: object } };
    epochs.softmaxLab.trainingState = { ...epochs.softmaxLab.trainingState, completedEpochs: 1.5 };
    expect(() => modelFromArtifacts({ ...a, userDefinedMetadata: epochs }, 'm.json')).toThrow(
      /trainingState.completedEpochs: expected a whole number >= 0, got 1.5/,
    );
    expect(modelFromArtifacts(a).completedEpochs).toBe(1);
    meta.softmaxLab.trainingState.randomState.pos = 9999;
    expect(() => modelFromArtifacts({ ...a, userDefinedMetadata: meta }, 'm.json')).toThrow(ModelFormatError);
    meta.softmaxLab.trainingState.randomState.pos = 0;
    meta.softmaxLab.trainingState.randomState.key = 'AAAA';
    expect(() => modelFromArtifacts({ ...a, userDefinedMetadata: meta }, 'm.json')).toThrow(
      /randomState.key: expected base64 of 624 float32 values/,
    );
  });
});
