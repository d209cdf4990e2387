/**
 * The valid models the model fuzzers mutate: the converter fixtures of test/fixtures/models (Keras 2 and 3
 * dialects, sharded mid-weight, quantised), models of ours saved by `modelToArtifacts` (with and without a
 * folded Normalization, compiled with each optimizer, without a bias, a checkpoint with optimizer state), and
 * a Keras-style Normalization-only model whose statistics are scalars in its config. Each comes with inputs and the predictions a correct
 * loader reproduces.
 *
 * @module
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CategoricalCrossentropy, SparseCategoricalCrossentropy } from '../../src/core/losses/index.js';
import { Dense } from '../../src/model/dense.js';
import { Normalization } from '../../src/model/normalization.js';
import { Adam } from '../../src/model/optimizers/adam.js';
import { RMSprop } from '../../src/model/optimizers/rmsprop.js';
import { SGD } from '../../src/model/optimizers/sgd.js';
import { Sequential } from '../../src/model/sequential.js';
import type { ModelArtifacts, WeightsManifestGroup } from '../../src/model/serialization/artifacts.js';
import { modelToArtifacts } from '../../src/model/serialization/to-artifacts.js';
import { fixturePath } from './scratch.js';

/** A valid model as files: the model.json document and the bytes of each weights file. */
export interface ModelBase {
  name: string;
  json: Record<string, unknown>;
  shards: Map<string, Uint8Array>;
  /** Whether every stored weight is float32 (so a NaN written into the bytes must be refused). */
  float32: boolean;
  X: number[][];
  predictions: ArrayLike<number>;
  /** 0 for models of ours (bit for bit), else the tolerance against numpy's forward pass. */
  tolerance: number;
}

/** The names of the bases, in a fixed order (the arbitraries pick among them before they are built). */
export const BASE_NAMES = [
  'keras2-converter',
  'keras3-converter',
  'keras3-numbered',
  'quantized',
  'ours-relu-adam',
  'ours-normalized-sgd',
  'ours-no-bias',
  'ours-middle-normalization-rmsprop',
  'keras-normalization-only',
  'ours-checkpoint-rmsprop',
] as const;

function fixture(name: string): ModelBase {
  const dir = fixturePath(`models/${name}`);
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as Record<string, unknown>;
  const shards = new Map<string, Uint8Array>();
  for (const group of json.weightsManifest as WeightsManifestGroup[]) {
    for (const p of group.paths) shards.set(p, new Uint8Array(readFileSync(join(dir, p))));
  }
  const expected = JSON.parse(readFileSync(fixturePath('models/expected.json'), 'utf8')) as Record<
    string,
    number[][]
  >;
  return {
    name,
    json,
    shards,
    float32: name !== 'quantized',
    X: expected.X!,
    predictions: expected[name]!.flat(),
    tolerance: 1e-5,
  };
}

/** model.json and weights files as our file handler writes them, the bytes cut into `shardCount` files. */
function files(
  artifacts: ModelArtifacts,
  shardCount: number,
): { json: Record<string, unknown>; shards: Map<string, Uint8Array> } {
  const data = new Uint8Array(artifacts.weightData as ArrayBuffer);
  const shards = new Map<string, Uint8Array>();
  const paths: string[] = [];
  for (let k = 0; k < shardCount; k++) {
    const path = `weights.shard${k + 1}of${shardCount}.bin`;
    paths.push(path);
    shards.set(
      path,
      data.slice(
        Math.floor((data.length * k) / shardCount),
        Math.floor((data.length * (k + 1)) / shardCount),
      ),
    );
  }
  const json: Record<string, unknown> = {
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths, weights: artifacts.weightSpecs }],
    ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
    ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
  };
  return { json: JSON.parse(JSON.stringify(json)), shards };
}

function inputs(width: number): number[][] {
  return [0, 1, 2].map((r) => Array.from({ length: width }, (_, c) => Math.sin(1 + r * 7 + c * 3) * 3));
}

function ours(
  name: string,
  model: Sequential,
  width: number,
  shardCount: number,
  includeOptimizer = false,
): ModelBase {
  model.build(width);
  const X = inputs(width);
  return {
    name,
    ...files(modelToArtifacts(model, { includeOptimizer }), shardCount),
    // The optimizer's step count is stored as int32, where a NaN pattern is just a number.
    float32: !includeOptimizer,
    X,
    predictions: model.predict(X).data,
    tolerance: 0,
  };
}

function build(name: (typeof BASE_NAMES)[number]): ModelBase {
  switch (name) {
    case 'ours-relu-adam': {
      const m = new Sequential(
        [new Dense({ units: 3, activation: 'relu', name: 'hidden' }), new Dense({ units: 2, name: 'out' })],
        {
          seed: 1,
        },
      );
      m.compile({
        loss: new SparseCategoricalCrossentropy({ fromLogits: true }),
        optimizer: new Adam(0.01),
        metrics: ['accuracy'],
      });
      return ours(name, m, 2, 1);
    }
    case 'ours-normalized-sgd': {
      const m = new Sequential(
        [
          new Normalization({ mean: [1, 2, 3], variance: [4, 1, 0.25] }),
          new Dense({ units: 4, activation: 'softmax' }),
        ],
        { seed: 2 },
      );
      m.compile({
        loss: new CategoricalCrossentropy(),
        optimizer: new SGD({ learningRate: 0.1, momentum: 0.9 }),
      });
      return ours(name, m, 3, 2);
    }
    case 'ours-no-bias':
      return ours(
        name,
        new Sequential([new Dense({ units: 1, activation: 'sigmoid', useBias: false })], { seed: 3 }),
        4,
        3,
      );
    case 'ours-middle-normalization-rmsprop': {
      const m = new Sequential(
        [
          new Dense({ units: 5, activation: 'tanh' }),
          new Normalization({ mean: [0.1, -0.2, 0.3, 0, 0.5], variance: [1, 2, 0.5, 1e-9, 3] }),
          new Dense({ units: 3 }),
        ],
        { seed: 4 },
      );
      m.compile({
        loss: new SparseCategoricalCrossentropy(),
        optimizer: new RMSprop(0.002),
        metrics: ['accuracy'],
      });
      return ours(name, m, 2, 2);
    }
    case 'ours-checkpoint-rmsprop': {
      // A checkpoint (optimizer slots, step count, random stream) after one real step, so the slots are not zero.
      const m = new Sequential(
        [new Dense({ units: 4, activation: 'relu' }), new Dense({ units: 3, activation: 'softmax' })],
        { seed: 5 },
      );
      m.compile({
        loss: new SparseCategoricalCrossentropy(),
        optimizer: new RMSprop({ learningRate: 0.01, momentum: 0.5, centered: true }),
      });
      m.trainOnBatch(inputs(2), [0, 2, 1]);
      return ours(name, m, 2, 2, true);
    }
    case 'keras-normalization-only': {
      // Keras 3 writes statistics given as scalars into the config; the loader broadcasts them to the width.
      const reference = new Sequential([new Normalization({ mean: [0.5, 0.5, 0.5], variance: [4, 4, 4] })]);
      reference.build(3);
      const X = inputs(3);
      return {
        name,
        json: {
          format: 'layers-model',
          modelTopology: {
            class_name: 'Sequential',
            config: {
              name: 'scaler',
              layers: [
                {
                  class_name: 'Normalization',
                  config: { name: 'norm', mean: 0.5, variance: 4, batch_input_shape: [null, 3] },
                },
              ],
            },
          },
          weightsManifest: [],
        },
        shards: new Map(),
        float32: true,
        X,
        predictions: reference.predict(X).data,
        tolerance: 0,
      };
    }
    default:
      return fixture(name);
  }
}

let cache: Map<string, ModelBase> | undefined;

/** Every base, built once per process. */
export function modelBases(): Map<string, ModelBase> {
  cache ??= new Map(BASE_NAMES.map((n) => [n, build(n)]));
  return cache;
}

/** The in-memory artifacts of a model.json document and its weights (what a file handler's `load` returns). */
export function artifactsOf(json: Record<string, unknown>, shards: Map<string, Uint8Array>): ModelArtifacts {
  const groups = (json.weightsManifest ?? []) as WeightsManifestGroup[];
  const buffers = groups.flatMap((g) => g.paths.map((p) => shards.get(p)!));
  const total = buffers.reduce((n, b) => n + b.length, 0);
  const data = new Uint8Array(total);
  let at = 0;
  for (const b of buffers) {
    data.set(b, at);
    at += b.length;
  }
  const { weightsManifest: _, ...rest } = json;
  return {
    ...rest,
    weightSpecs: groups.flatMap((g) => g.weights),
    weightData: data.buffer,
  } as ModelArtifacts;
}
