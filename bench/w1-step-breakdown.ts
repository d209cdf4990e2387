/**
 * Where a W1 training step's time goes: the lab model's step timed whole and by part, each part repeated on
 * the same batch after a warm-up. Not part of `npm run bench`; run it with `npx tsx bench/w1-step-breakdown.ts`
 * when tuning. Each figure is the best of several rounds: a floor, not what a fit gets on a busy machine.
 *
 * - `step`: `TrainStep.run` (the fused pass, then Adam's batched update);
 * - `fused pass`: forward, loss and backward in one wasm call (`MlpTrainingPass.run`);
 * - `adam`: one optimizer step through `AdamStepBatch` (updates, backups, finiteness check);
 * - `forward`, `loss`, `backward`: the same work layer by layer (the path models that do not qualify for
 *   the fused pass take), for comparison;
 * - `shuffle`: one epoch's permutation (`RandomState.permutation`), spread over the epoch's steps.
 *
 * @module
 */

import { SparseCategoricalCrossentropy } from '../src/core/losses/index.js';
import { AdamStepBatch } from '../src/kernels/adam-update.js';
import { logitsCrossEntropy } from '../src/kernels/logits-loss.js';
import { MlpTrainingPass } from '../src/kernels/mlp-kernels.js';
import { allocFloat32, allocInt32 } from '../src/kernels/wasm-memory.js';
import { Dense } from '../src/model/dense.js';
import { Adam } from '../src/model/optimizers/adam.js';
import { Sequential } from '../src/model/sequential.js';
import { TrainStep } from '../src/model/train-step.js';
import { labData } from './workloads.js';

const STEPS_PER_FIT = 630;
const ROWS = 32;
const data = labData();
const model = new Sequential(
  [
    new Dense({ units: 25, activation: 'relu' }),
    new Dense({ units: 15, activation: 'relu' }),
    new Dense({ units: 4, activation: 'linear' }),
  ],
  { seed: 1234 },
);
const loss = new SparseCategoricalCrossentropy({ fromLogits: true });
const optimizer = new Adam(0.001);
model.compile({ loss, optimizer });
model.build(2);
const params = model.params();
const step = new TrainStep(model.layers, params, loss, optimizer, 4, ROWS);
// The batch in the kernels' memory, as fit gathers it.
const x = allocFloat32(ROWS * 2);
x.set(data.x.subarray(0, ROWS * 2));
const y = allocInt32(ROWS);
y.set(data.y.subarray(0, ROWS));
const grad = allocFloat32(ROWS * 4);
const layers = model.layers as Dense[];
const pass = MlpTrainingPass.create(
  layers.map((l, i) => l.fusedTrainingArrays(ROWS, i > 0)!),
  ROWS,
  true,
  grad,
);
const backups = params.map((p) => allocFloat32(p.value.length));
const batch = new AdamStepBatch(
  params.map((p) => p.value),
  backups,
);

/**
 * Prints the time per step of `body`, which does 1/`perStep` of a step's worth of work per call: the best of
 * 7 rounds after a warm-up (other processes on a shared machine only ever add time).
 */
function time(name: string, body: () => void, perStep = 1): void {
  for (let i = 0; i < 5000 / perStep; i++) body();
  const reps = Math.ceil(4000 / perStep);
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 7; round++) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) body();
    best = Math.min(best, (performance.now() - t0) / reps / perStep);
  }
  const us = best * 1000;
  console.log(
    `${name.padEnd(10)} ${us.toFixed(2).padStart(6)} µs/step  ${((us * STEPS_PER_FIT) / 1000).toFixed(2)} ms/fit`,
  );
}

time('step', () => step.run(x, y, ROWS, false));
if (pass) time('fused pass', () => pass.run(x, ROWS, y, 1 / ROWS));
time('adam', () => {
  batch.begin();
  optimizer.apply(params);
  batch.stop();
  batch.end();
});
time('forward', () => model.forward(x, ROWS));
const out = model.forward(x, ROWS);
time('loss', () => logitsCrossEntropy(out, ROWS, 4, y, true, grad, 1 / ROWS));
time('backward', () => {
  let g: Float32Array | null = grad;
  for (let l = model.layers.length - 1; l >= 0 && g; l--) g = model.layers[l]!.backward(g, ROWS, l > 0);
});
const stepsPerEpoch = Math.ceil(data.rows / ROWS);
time('shuffle', () => model.randomState.permutation(data.rows), stepsPerEpoch);
