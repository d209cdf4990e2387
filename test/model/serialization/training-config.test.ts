/**
 * Training configurations: the TF.js form is written only when TF.js has the same loss and optimizer, with
 * the class and key names TF.js' deserializer expects; reading maps TF.js and Keras forms back onto ours.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { SparseCategoricalCrossentropy } from '../../../src/core/losses/index.js';
import { Dense } from '../../../src/model/dense.js';
import { Adam } from '../../../src/model/optimizers/adam.js';
import { RMSprop } from '../../../src/model/optimizers/rmsprop.js';
import { SGD } from '../../../src/model/optimizers/sgd.js';
import { Sequential } from '../../../src/model/sequential.js';
import { modelToArtifacts } from '../../../src/model/serialization/to-artifacts.js';
import { compileOptionsFrom, tfjsTrainingConfig } from '../../../src/model/serialization/training-config.js';

const probs = new SparseCategoricalCrossentropy();

describe('tfjsTrainingConfig', () => {
  it("names optimizers as TF.js registers them, with hyper-parameters TF.js' fromConfig reads", async () => {
    await tf.setBackend('cpu');
    const cases: [InstanceType<typeof Adam | typeof SGD | typeof RMSprop>, string, Record<string, number>][] =
      [
        [new Adam({ learningRate: 0.01, beta1: 0.8 }), 'Adam', { learningRate: 0.01, beta1: 0.8 }],
        [new SGD(0.1), 'SGD', { learningRate: 0.1 }],
        [new SGD({ learningRate: 0.1, momentum: 0.9 }), 'Momentum', { learningRate: 0.1, momentum: 0.9 }],
        [new RMSprop({ learningRate: 0.002, rho: 0.8 }), 'RMSProp', { learningRate: 0.002, decay: 0.8 }],
      ];
    for (const [optimizer, className, expected] of cases) {
      const model = new Sequential([new Dense({ units: 2, activation: 'softmax', inputDim: 3 })], {
        seed: 1,
      });
      model.build(3);
      model.compile({ loss: probs, optimizer, metrics: ['accuracy'] });
      const artifacts = modelToArtifacts(model);
      expect((artifacts.trainingConfig!.optimizer_config as { class_name: string }).class_name).toBe(
        className,
      );
      // TF.js itself compiles the loaded model from it.
      const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts as tf.io.ModelArtifacts));
      expect(loaded.optimizer.getClassName()).toBe(className);
      expect(loaded.optimizer.getConfig()).toMatchObject(expected);
    }
  });

  it('writes nothing TF.js would misuse: logits losses and amsgrad', () => {
    const logits = new SparseCategoricalCrossentropy({ fromLogits: true });
    expect(tfjsTrainingConfig({ loss: logits, optimizer: new Adam(), metrics: [] })).toBeUndefined();
    expect(
      tfjsTrainingConfig({ loss: probs, optimizer: new Adam({ amsgrad: true }), metrics: [] }),
    ).toBeUndefined();
  });
});

describe('compileOptionsFrom', () => {
  it('prefers our metadata, then TF.js trainingConfig, then the Keras training_config', () => {
    const ours = {
      loss: 'sparse_categorical_crossentropy',
      fromLogits: true,
      metrics: ['accuracy'],
      optimizer: { name: 'sgd', learning_rate: 0.5 },
    };
    const fromOurs = compileOptionsFrom(
      ours,
      { loss: 'categoricalCrossentropy', optimizer_config: { class_name: 'Adam', config: {} } },
      undefined,
    )!;
    expect(fromOurs.loss.fromLogits).toBe(true);
    expect(fromOurs.optimizer).toBeInstanceOf(SGD);
    const fromTfjs = compileOptionsFrom(
      undefined,
      {
        loss: 'categoricalCrossentropy',
        metrics: ['acc'],
        optimizer_config: { class_name: 'RMSProp', config: { learning_rate: 0.01, decay: 0.8 } },
      },
      undefined,
    )!;
    expect(fromTfjs.loss.name).toBe('categorical_crossentropy');
    expect((fromTfjs.optimizer as RMSprop).rho).toBe(0.8);
    expect(fromTfjs.metrics).toEqual(['acc']);
    const keras = {
      loss: { class_name: 'SparseCategoricalCrossentropy', config: { from_logits: true } },
      optimizer_config: { class_name: 'Custom>Adam', config: { learning_rate: 0.003 } },
    };
    const fromKeras = compileOptionsFrom(undefined, undefined, keras)!;
    expect(fromKeras.loss.fromLogits).toBe(true);
    expect(fromKeras.optimizer.learningRate).toBe(0.003);
  });

  it('leaves the model uncompiled for losses and optimizers we do not have', () => {
    expect(
      compileOptionsFrom(
        undefined,
        { loss: 'meanSquaredError', optimizer_config: { class_name: 'Adam', config: {} } },
        undefined,
      ),
    ).toBeUndefined();
    expect(
      compileOptionsFrom(
        undefined,
        { loss: 'categoricalCrossentropy', optimizer_config: { class_name: 'Adagrad', config: {} } },
        undefined,
      ),
    ).toBeUndefined();
    expect(compileOptionsFrom(undefined, undefined, undefined)).toBeUndefined();
  });

  // Found by fuzzing: String() of a 100,000-deep array given as a class name overflowed the stack.
  it('treats class names that are not strings as unknown', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100000; i++) deep = [deep];
    const config = { loss: { class_name: deep }, optimizer_config: { class_name: deep, config: {} } };
    expect(
      compileOptionsFrom(
        { loss: 'sparse_categorical_crossentropy', optimizer: { name: deep } },
        config,
        config,
      ),
    ).toBeUndefined();
    expect(
      compileOptionsFrom(
        undefined,
        { loss: 'categorical_crossentropy', optimizer_config: { class_name: ['Adam'] } },
        undefined,
      ),
    ).toBeUndefined();
  });
});
