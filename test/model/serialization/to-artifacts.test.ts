/**
 * Our TF.js Layers artifacts, read by TensorFlow.js 4.22 itself: `tf.loadLayersModel` must load them and
 * predict what our model predicts on the lab data (<= 1e-6), folded Normalization included.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelFormatError, ShapeError } from '../../../src/core/errors.js';
import { Dense } from '../../../src/model/dense.js';
import { Normalization } from '../../../src/model/normalization.js';
import { Sequential } from '../../../src/model/sequential.js';
import type { ModelArtifacts } from '../../../src/model/serialization/artifacts.js';
import { modelToArtifacts } from '../../../src/model/serialization/to-artifacts.js';
import { expectClose } from '../../helpers/close.js';
import { labX, labY, trainedLabModel } from '../../helpers/lab-model.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function tfjsPredict(artifacts: ModelArtifacts, X: number[][]): Promise<Float32Array> {
  const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts as tf.io.ModelArtifacts));
  const out = model.predict(tf.tensor2d(X)) as tf.Tensor;
  return out.dataSync() as Float32Array;
}

describe('modelToArtifacts', () => {
  it('writes the Keras-2 dialect TF.js reads: batch_input_shape, <layer>/kernel names, float32 little-endian', async () => {
    const model = await trainedLabModel();
    const a = modelToArtifacts(model);
    const topology = a.modelTopology as {
      class_name: string;
      config: { layers: { config: Record<string, unknown> }[] };
    };
    expect(topology.class_name).toBe('Sequential');
    expect(topology.config.layers[0]!.config.batch_input_shape).toEqual([null, 2]);
    expect(topology.config.layers.map((l) => l.config.activation)).toEqual(['relu', 'relu', 'linear']);
    const names = model.layers.flatMap((l) => [`${l.name}/kernel`, `${l.name}/bias`]);
    expect(a.weightSpecs!.map((s) => s.name)).toEqual(names);
    expect(a.weightSpecs!.map((s) => s.shape)).toEqual([[2, 25], [25], [25, 15], [15], [15, 4], [4]]);
    const expected = new Float32Array(model.params().flatMap((p) => Array.from(p.value)));
    expect(new Float32Array(a.weightData as ArrayBuffer)).toEqual(expected);
  });

  it('loads in tf.loadLayersModel and predicts the lab data like our model (<= 1e-6)', async () => {
    const model = await trainedLabModel();
    const ours = model.predict(labX).data;
    const theirs = await tfjsPredict(modelToArtifacts(model), labX.toArray());
    expectClose(theirs, ours, { atol: 1e-6 }, 'tfjs vs ours');
  });

  it("saves through TF.js' own withSaveHandler, with no file-system handler registered", async () => {
    const model = await trainedLabModel();
    let saved: tf.io.ModelArtifacts | undefined;
    const result = await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    expect(result.modelArtifactsInfo.modelTopologyType).toBe('JSON');
    const theirs = await tfjsPredict(saved as ModelArtifacts, labX.toArray());
    expectClose(theirs, model.predict(labX).data, { atol: 1e-6 }, 'withSaveHandler');
    await expect(model.save('models/nowhere')).rejects.toThrow(/No handler is registered/);
  });

  it('folds a Normalization layer into the first Dense, so TF.js predicts the same (<= 1e-6)', async () => {
    const model = await trainedLabModel({ normalize: true });
    const a = modelToArtifacts(model);
    const layers = (a.modelTopology as { config: { layers: { class_name: string }[] } }).config.layers;
    expect(layers.map((l) => l.class_name)).toEqual(['Dense', 'Dense', 'Dense']);
    const theirs = await tfjsPredict(a, labX.toArray());
    expectClose(theirs, model.predict(labX).data, { atol: 1e-6 }, 'folded');
  });

  it('writes a trainingConfig TF.js compiles from only when TF.js has the same loss', async () => {
    const logits = await trainedLabModel();
    expect(modelToArtifacts(logits).trainingConfig).toBeUndefined();
    const probs = new Sequential([new Dense({ units: 3, activation: 'softmax', inputDim: 2 })], { seed: 1 });
    probs.compile({ loss: 'sparse_categorical_crossentropy', optimizer: 'rmsprop', metrics: ['accuracy'] });
    probs.build(2);
    const a = modelToArtifacts(probs);
    expect(a.trainingConfig).toMatchObject({
      loss: 'sparse_categorical_crossentropy',
      metrics: ['accuracy'],
    });
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(a as tf.io.ModelArtifacts));
    expect(loaded.optimizer.getClassName()).toBe('RMSProp');
    const fit = await loaded.fit(
      tf.tensor2d(labX.toArray().slice(0, 8)),
      tf.tensor1d(labY.slice(0, 8).map((v) => v % 3)),
      {
        epochs: 1,
        verbose: 0,
      },
    );
    expect(Number.isFinite(fit.history.loss![0] as number)).toBe(true);
  });

  it('keeps the exact training setup in userDefinedMetadata', async () => {
    const a = modelToArtifacts(await trainedLabModel());
    expect(a.userDefinedMetadata).toMatchObject({
      softmaxLab: {
        version: 1,
        training: {
          loss: 'sparse_categorical_crossentropy',
          fromLogits: true,
          metrics: ['accuracy'],
          optimizer: { name: 'adam', learning_rate: 0.001 },
        },
      },
    });
  });

  it('refuses unbuilt models and Normalization layers it cannot fold, naming them', () => {
    expect(() => modelToArtifacts(new Sequential([new Dense({ units: 2 })]))).toThrow(ShapeError);
    const last = new Sequential([
      new Dense({ units: 2, inputDim: 3 }),
      new Normalization({ name: 'norm_last' }),
    ]);
    last.build(3);
    expect(() => modelToArtifacts(last)).toThrow(ModelFormatError);
    expect(() => modelToArtifacts(last)).toThrow(/Layer "norm_last" \(Normalization\)/);
  });
});
