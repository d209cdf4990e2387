/**
 * Where a W1 training step's time goes: the lab model's step timed whole and by part (forward, loss,
 * backward, Adam), each part repeated on the same batch after a warm-up. Not part of `npm run bench`; run
 * it with `npx tsx bench/w1-step-breakdown.ts` when tuning.
 *
 * @module
 */

import { SparseCategoricalCrossentropy } from '../src/core/losses/index.js';
import { allocFloat32 } from '../src/kernels/wasm-memory.js';
import { Dense } from '../src/model/dense.js';
import { Adam } from '../src/model/optimizers/adam.js';
import { Sequential } from '../src/model/sequential.js';
import { TrainStep } from '../src/model/train-step.js';
import { labData } from './workloads.js';

const STEPS_PER_FIT = 630;
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
const step = new TrainStep(model.layers, params, loss, optimizer, 4, 32);
const x = data.x.subarray(0, 64);
const y = data.y.subarray(0, 32);
const grad = allocFloat32(32 * 4); // in the kernels' memory, like TrainStep's

function time(name: string, body: () => void): void {
  for (let i = 0; i < 5000; i++) body();
  const reps = 20000;
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) body();
  const us = ((performance.now() - t0) / reps) * 1000;
  console.log(
    `${name.padEnd(10)} ${us.toFixed(2).padStart(6)} µs/step  ${((us * STEPS_PER_FIT) / 1000).toFixed(2)} ms/fit`,
  );
}

time('step', () => step.run(x, y, 32, false));
time('forward', () => model.forward(x, 32));
const out = model.forward(x, 32);
time('loss', () => loss.lossAndGradient(out, 32, 4, y, grad, 1 / 32));
time('backward', () => {
  let g: Float32Array | null = grad;
  for (let l = model.layers.length - 1; l >= 0 && g; l--) g = model.layers[l]!.backward(g, 32, l > 0);
});
time('adam', () => optimizer.apply(params));
