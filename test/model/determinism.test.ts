/**
 * Determinism: the same seed, data and settings give bit-identical weights and histories on repeated runs,
 * for every optimizer, shuffling on and off, a validation split, tanh/sigmoid/relu, a softmax or a linear
 * head, a Normalization layer, a partial last batch, and products large enough to run on the kernel threads
 * (the same bits with the threads as without). Runs in separate processes are in
 * test/cli/train.reliability.test.ts; the page's worker in test/web/determinism.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { SparseCategoricalCrossentropy } from '../../src/core/losses/index.js';
import { Matrix } from '../../src/core/matrix.js';
import { readCsv } from '../../src/io/read-csv.js';
import { startKernelThreads, stopKernelThreads } from '../../src/kernels/index.js';
import type { ActivationName } from '../../src/model/activations.js';
import { Dense } from '../../src/model/dense.js';
import type { Layer } from '../../src/model/layer.js';
import { Normalization } from '../../src/model/normalization.js';
import { Adam } from '../../src/model/optimizers/adam.js';
import type { Optimizer } from '../../src/model/optimizers/optimizer.js';
import { RMSprop } from '../../src/model/optimizers/rmsprop.js';
import { SGD } from '../../src/model/optimizers/sgd.js';
import { Sequential } from '../../src/model/sequential.js';
import { labX, labY, sameBits } from '../helpers/lab-model.js';

interface Config {
  name: string;
  optimizer: () => Optimizer;
  activation?: ActivationName;
  head?: 'linear' | 'softmax';
  hidden?: number[];
  normalize?: boolean;
  fit: { epochs: number; batchSize?: number; shuffle?: boolean; validationSplit?: number };
}

const configs: Config[] = [
  { name: 'Adam, relu, shuffled (the lab)', optimizer: () => new Adam(0.001), fit: { epochs: 3 } },
  { name: 'Adam, no shuffle', optimizer: () => new Adam(0.001), fit: { epochs: 2, shuffle: false } },
  {
    name: 'Adam with amsgrad, validationSplit 0.2, batch 33 (a partial last batch)',
    optimizer: () => new Adam({ learningRate: 0.003, amsgrad: true }),
    fit: { epochs: 2, batchSize: 33, validationSplit: 0.2 },
  },
  {
    name: 'SGD with Nesterov momentum, tanh',
    optimizer: () => new SGD({ learningRate: 0.05, momentum: 0.9, nesterov: true }),
    activation: 'tanh',
    fit: { epochs: 2 },
  },
  {
    name: 'RMSprop centered, sigmoid, softmax head, Normalization',
    optimizer: () => new RMSprop({ learningRate: 0.01, centered: true, momentum: 0.5 }),
    activation: 'sigmoid',
    head: 'softmax',
    normalize: true,
    fit: { epochs: 2, validationSplit: 0.1 },
  },
];

async function train(config: Config, X: Matrix, y: Int32Array | number[], seed: number) {
  const classes = Math.max(...y) + 1;
  const layers: Layer[] = [];
  if (config.normalize) {
    const norm = new Normalization();
    norm.adapt(X);
    layers.push(norm);
  }
  for (const units of config.hidden ?? [25, 15]) {
    layers.push(new Dense({ units, activation: config.activation ?? 'relu' }));
  }
  layers.push(new Dense({ units: classes, activation: config.head ?? 'linear' }));
  const model = new Sequential(layers, { seed });
  model.compile({
    optimizer: config.optimizer(),
    loss: new SparseCategoricalCrossentropy({ fromLogits: (config.head ?? 'linear') === 'linear' }),
    metrics: ['accuracy'],
  });
  const history = await model.fit(X, y, { verbose: 0, ...config.fit });
  return { weights: model.getWeights(), history: history.history };
}

function expectSameBits(
  a: Awaited<ReturnType<typeof train>>,
  b: Awaited<ReturnType<typeof train>>,
  what: string,
): void {
  expect(b.weights).toHaveLength(a.weights.length);
  a.weights.forEach((w, i) => {
    const x = w instanceof Matrix ? (w.data as Float32Array) : w;
    const v = b.weights[i]!;
    const y = v instanceof Matrix ? (v.data as Float32Array) : v;
    expect(sameBits(x, y), `${what}: weight ${i}`).toBe(true);
  });
  // Object.is per value: NaN and -0 would be told apart, as bits are.
  expect(b.history, what).toStrictEqual(a.history);
}

describe('fit is deterministic', () => {
  it.each(configs)('$name: two runs with seed 7 give the same bits', async (config) => {
    const first = await train(config, labX, labY, 7);
    const second = await train(config, labX, labY, 7);
    expectSameBits(first, second, config.name);
    // And the seed matters: another seed starts elsewhere (otherwise this test could not fail).
    const other = await train(config, labX, labY, 8);
    const bits = (w: Matrix | Float32Array) => (w instanceof Matrix ? (w.data as Float32Array) : w);
    const differs = other.weights.some((w, i) => !sameBits(bits(w), bits(first.weights[i]!)));
    expect(differs).toBe(true);
  });

  it('gives the same bits with the products on worker threads as on one thread', async () => {
    const digits = await readCsv(new URL('../../data/digits.csv', import.meta.url).pathname, {
      labelColumn: 'label',
    });
    // 256 rows x 64 inputs x 512 units is over 2^20 multiply-adds: large enough for the thread pool.
    const config: Config = {
      name: 'digits, 512 relu units, batch 256',
      optimizer: () => new Adam(0.001),
      hidden: [512],
      fit: { epochs: 2, batchSize: 256 },
    };
    await stopKernelThreads();
    const single = await train(config, digits.X, digits.y!, 3);
    const threads = await startKernelThreads(2);
    expect(threads).toBe(2);
    try {
      const pooled = await train(config, digits.X, digits.y!, 3);
      expectSameBits(single, pooled, `${threads} threads vs 1`);
    } finally {
      await stopKernelThreads();
    }
  });
});
