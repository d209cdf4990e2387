/**
 * One training step: the shortcuts (the whole model in one wasm call, Adam's updates batched into one)
 * give the bits of the plain sequence of calls (each layer's forward, the loss, each layer's backward, the
 * backups, the optimizer, the finiteness check); a non-finite loss changes no weight, and an update that
 * makes a weight non-finite is undone; for Adam and for the other optimizers. A fit gives the same bits on
 * the kernels' shared memory (one wasm call per step) and on an ordinary memory (a page without
 * cross-origin isolation: layer by layer, batches and Adam in JS).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CategoricalCrossentropy, SparseCategoricalCrossentropy } from '../../src/core/losses/index.js';
import { logitsCrossEntropy } from '../../src/kernels/logits-loss.js';
import { allocFloat32 } from '../../src/kernels/wasm-memory.js';
import type { ActivationName } from '../../src/model/activations.js';
import { Dense } from '../../src/model/dense.js';
import { Adam } from '../../src/model/optimizers/adam.js';
import type { Optimizer } from '../../src/model/optimizers/optimizer.js';
import { RMSprop } from '../../src/model/optimizers/rmsprop.js';
import { Sequential } from '../../src/model/sequential.js';
import { TrainStep } from '../../src/model/train-step.js';
import { labX, labY, sameBits } from '../helpers/lab-model.js';

const ROWS = 32;
const x = Float32Array.from(labX.data.subarray(0, ROWS * 2));
const labels = Int32Array.from(labY.slice(0, ROWS));

function labModel(optimizer: Optimizer, hidden: ActivationName = 'relu', sparse = true): Sequential {
  const model = new Sequential(
    [
      new Dense({ units: 25, activation: hidden }),
      new Dense({ units: 15, activation: hidden }),
      new Dense({ units: 4 }),
    ],
    { seed: 5 },
  );
  model.compile({
    optimizer,
    loss: sparse
      ? new SparseCategoricalCrossentropy({ fromLogits: true })
      : new CategoricalCrossentropy({ fromLogits: true }),
  });
  model.build(2);
  return model;
}

/** The step written out as the plain sequence of calls. */
function plainStep(model: Sequential, t: Int32Array | Float32Array, sparse: boolean): number {
  const grad = allocFloat32(ROWS * 4);
  const out = model.forward(x, ROWS);
  const loss = Math.fround(logitsCrossEntropy(out, ROWS, 4, t, sparse, grad, 1 / ROWS) / ROWS);
  let g: Float32Array | null = grad;
  for (let l = model.layers.length - 1; l >= 0 && g; l--) g = model.layers[l]!.backward(g, ROWS, l > 0);
  model.compileConfig!.optimizer.apply(model.params());
  return loss;
}

const weightsOf = (model: Sequential) =>
  Float32Array.from(model.params().flatMap((p) => Array.from(p.value)));

describe('TrainStep', () => {
  const cases = [
    {
      name: 'Adam, relu, labels (the fused pass and the batched update)',
      opt: () => new Adam(0.01),
      act: 'relu' as const,
      sparse: true,
    },
    { name: 'Adam, relu, one-hot rows', opt: () => new Adam(0.01), act: 'relu' as const, sparse: false },
    {
      name: 'RMSprop, tanh (layer by layer)',
      opt: () => new RMSprop(0.01),
      act: 'tanh' as const,
      sparse: true,
    },
  ];
  it.each(cases)(
    '$name: gives the bits of the plain sequence of calls, step after step',
    ({ opt, act, sparse }) => {
      const fast = labModel(opt(), act, sparse);
      const plain = labModel(opt(), act, sparse);
      const t = sparse
        ? labels
        : Float32Array.from({ length: ROWS * 4 }, (_, i) => (labels[i >> 2] === i % 4 ? 1 : 0));
      const step = new TrainStep(
        fast.layers,
        fast.params(),
        fast.compileConfig!.loss,
        fast.compileConfig!.optimizer,
        4,
        ROWS,
      );
      for (let s = 0; s < 5; s++) {
        const loss = step.run(x, t, ROWS, true);
        expect(step.failure).toBeUndefined();
        expect(loss).toBe(plainStep(plain, t, sparse));
        expect(sameBits(weightsOf(fast), weightsOf(plain))).toBe(true);
      }
    },
  );

  it('keeps giving those bits after a larger forward pass (a validation batch) replaced the layers buffers', () => {
    const fast = labModel(new Adam(0.01));
    const plain = labModel(new Adam(0.01));
    const step = new TrainStep(
      fast.layers,
      fast.params(),
      fast.compileConfig!.loss,
      fast.compileConfig!.optimizer,
      4,
      ROWS,
    );
    expect(step.run(x, labels, ROWS, false)).toBe(plainStep(plain, labels, true));
    const wide = Float32Array.from(labX.data.subarray(0, 200 * 2));
    fast.forward(wide, 200);
    plain.forward(wide, 200);
    for (let s = 0; s < 3; s++) expect(step.run(x, labels, ROWS, false)).toBe(plainStep(plain, labels, true));
    expect(sameBits(weightsOf(fast), weightsOf(plain))).toBe(true);
  });

  it('counts the rows whose largest logit is the label', () => {
    const model = labModel(new Adam(0.01));
    const step = new TrainStep(
      model.layers,
      model.params(),
      model.compileConfig!.loss,
      model.compileConfig!.optimizer,
      4,
      ROWS,
    );
    const out = model.forward(x, ROWS);
    let want = 0;
    for (let r = 0; r < ROWS; r++) {
      const row = Array.from(out.subarray(r * 4, r * 4 + 4));
      if (row.indexOf(Math.max(...row)) === labels[r]) want++;
    }
    step.run(x, labels, ROWS, true);
    expect(step.correct).toBe(want);
  });

  it('changes no weight when the loss is not finite', () => {
    const model = labModel(new Adam(0.01));
    const step = new TrainStep(
      model.layers,
      model.params(),
      model.compileConfig!.loss,
      model.compileConfig!.optimizer,
      4,
      ROWS,
    );
    const before = weightsOf(model);
    const bad = x.slice();
    bad[5] = Number.POSITIVE_INFINITY;
    expect(Number.isFinite(step.run(bad, labels, ROWS, false))).toBe(false);
    expect(step.failure).toBe('non-finite loss');
    expect(sameBits(weightsOf(model), before)).toBe(true);
    expect(model.compileConfig!.optimizer.iterations).toBe(0);
  });

  it('undoes an update that makes a weight non-finite (an Adam step size beyond the float32 range)', () => {
    // α = lr·sqrt(1 − β2)/(1 − β1) = 3e38 · 0.0316 / 0.01 overflows float32: the new weights are ±Infinity or NaN.
    const model = labModel(new Adam({ learningRate: 3e38, beta1: 0.99 }));
    const step = new TrainStep(
      model.layers,
      model.params(),
      model.compileConfig!.loss,
      model.compileConfig!.optimizer,
      4,
      ROWS,
    );
    const before = weightsOf(model);
    step.run(x, labels, ROWS, false);
    expect(step.failure).toBe('non-finite weights');
    expect(sameBits(weightsOf(model), before)).toBe(true);
  });
});

describe('a fit on a shared and on an ordinary kernel memory', () => {
  it('gives the same weights and losses, bit for bit', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const script = [
      "import { SparseCategoricalCrossentropy } from './src/core/losses/index.ts';",
      "import { kernelInfo } from './src/kernels/index.ts';",
      "import { Dense } from './src/model/dense.ts';",
      "import { Adam } from './src/model/optimizers/adam.ts';",
      "import { Sequential } from './src/model/sequential.ts';",
      "import { labX, labY } from './test/helpers/lab-model.ts';",
      "const layers = [new Dense({ units: 25, activation: 'relu' }), new Dense({ units: 15, activation: 'relu' }), new Dense({ units: 4 })];",
      'const model = new Sequential(layers, { seed: 1234 });',
      'model.compile({ loss: new SparseCategoricalCrossentropy({ fromLogits: true }), optimizer: new Adam(0.003) });',
      'const h = await model.fit(labX, labY, { epochs: 2, batchSize: 32, verbose: 0 });',
      'const bits = model.params().flatMap((p) => Array.from(new Uint32Array(p.value.buffer, p.value.byteOffset, p.value.length)));',
      'console.log(JSON.stringify({ shared: kernelInfo().sharedMemory, loss: h.history.loss, bits }));',
      'process.exit(0);',
    ].join('\n');
    const run = (setting: string) => {
      const out = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, SOFTMAX_LAB_KERNELS: setting },
        timeout: 60_000,
      });
      expect(out.stderr).toBe('');
      return JSON.parse(out.stdout) as { shared: boolean; loss: number[]; bits: number[] };
    };
    const shared = run('');
    const ordinary = run('wasm-unshared');
    expect([shared.shared, ordinary.shared]).toEqual([true, false]);
    expect(ordinary.loss).toEqual(shared.loss);
    expect(ordinary.bits).toEqual(shared.bits);
  }, 60_000);
});
