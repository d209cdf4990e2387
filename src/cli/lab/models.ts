/**
 * Lab parts 4–6: the "obvious" model (softmax output, loss from probabilities), the "preferred" model (linear
 * output, loss from logits), and sparse vs one-hot targets.
 *
 * @module
 */

import { argmax, oneHot } from '../../core/argmax.js';
import { CategoricalCrossentropy, SparseCategoricalCrossentropy } from '../../core/losses/index.js';
import { Matrix } from '../../core/matrix.js';
import { softmax } from '../../core/softmax.js';
import { formatFixed } from '../../format/python-number.js';
import { Dense } from '../../model/dense.js';
import type { History } from '../../model/history.js';
import { Adam } from '../../model/optimizers/adam.js';
import { Sequential } from '../../model/sequential.js';
import { formatRows, formatVector } from './numpy-print.js';
import type { Transcript } from './transcript.js';

/** What the lab trains. */
export interface LabSettings {
  seed: number;
  epochs: number;
}

/** A trained lab model with its history. */
export interface TrainedModel {
  model: Sequential;
  history: History;
}

function labModel(head: 'softmax' | 'linear', seed: number): Sequential {
  return new Sequential(
    [
      new Dense({ units: 25, activation: 'relu' }),
      new Dense({ units: 15, activation: 'relu' }),
      new Dense({ units: 4, activation: head }),
    ],
    { seed },
  );
}

function extremes(m: Matrix): string {
  let max = Number.NEGATIVE_INFINITY;
  let min = Number.POSITIVE_INFINITY;
  for (const v of m.data) {
    if (v > max) max = v;
    if (v < min) min = v;
  }
  return `largest value ${max} smallest value ${min}`;
}

async function train(
  t: Transcript,
  model: Sequential,
  X: Matrix,
  y: Int32Array,
  settings: LabSettings,
): Promise<History> {
  model.build(X.cols);
  t.record(model.summary({ output: t.stdout }));
  const history = await model.fit(X, y, { epochs: settings.epochs, output: t.stdout });
  const { loss, accuracy } = history.history;
  t.record(
    loss!
      .map(
        (l, e) =>
          `Epoch ${e + 1}/${settings.epochs} - loss: ${formatFixed(l, 4)} - accuracy: ${formatFixed(accuracy![e]!, 4)}`,
      )
      .join('\n'),
  );
  return history;
}

/** Part 4: Dense(4, softmax) trained with SparseCategoricalCrossentropy() on its probabilities. */
export async function obviousPart(
  t: Transcript,
  X: Matrix,
  y: Int32Array,
  settings: LabSettings,
): Promise<TrainedModel> {
  t.section('4. The "obvious" model: softmax in the last layer');
  t.line(
    'Dense(25, relu) -> Dense(15, relu) -> Dense(4, softmax); loss SparseCategoricalCrossentropy(); Adam(0.001)',
  );
  const model = labModel('softmax', settings.seed);
  model.compile({
    loss: new SparseCategoricalCrossentropy(),
    optimizer: new Adam(0.001),
    metrics: ['accuracy'],
  });
  const history = await train(t, model, X, y, settings);
  const p = model.predict(X);
  t.line('The output is already a probability vector per example. First two rows:');
  t.line(formatRows(p.sliceRows(0, 2).toArray()));
  t.line(extremes(p));
  return { model, history };
}

/** Part 5: Dense(4, linear) trained with SparseCategoricalCrossentropy({ fromLogits: true }). */
export async function preferredPart(
  t: Transcript,
  X: Matrix,
  y: Int32Array,
  settings: LabSettings,
): Promise<TrainedModel> {
  t.section('5. The "preferred" model: linear last layer, loss from logits');
  t.line(
    'Dense(25, relu) -> Dense(15, relu) -> Dense(4, linear); SparseCategoricalCrossentropy({ fromLogits: true })',
  );
  const model = labModel('linear', settings.seed);
  model.compile({
    loss: new SparseCategoricalCrossentropy({ fromLogits: true }),
    optimizer: new Adam(0.001),
    metrics: ['accuracy'],
  });
  const history = await train(t, model, X, y, settings);
  t.line(
    'Same seed, so the same initial weights as the obvious model. While no probability is clipped, both losses',
  );
  t.line(
    'give the same gradients, so the two runs agree to float32 rounding (Keras on TensorFlow even computes the',
  );
  t.line("obvious model's loss from its logits). Part 7 shows where the two part.");
  const logits = model.predict(X);
  t.line('The outputs are logits, not probabilities. First two rows:');
  t.line(formatRows(logits.sliceRows(0, 2).toArray()));
  t.line(extremes(logits));
  const probs = softmax(logits);
  t.line('softmax(logits) turns them into probabilities:');
  t.line(formatRows(probs.sliceRows(0, 2).toArray()));
  t.line(extremes(probs));
  t.line('The category is the argmax (of logits or probabilities alike):');
  const categories = argmax(logits.sliceRows(0, 5));
  for (let i = 0; i < 5; i++) t.line(`${formatVector(logits.row(i))}, category: ${categories[i]}`);
  return { model, history };
}

/** Part 6: the same weights give the same loss with sparse labels and with one-hot rows. */
export async function targetsPart(
  t: Transcript,
  preferred: Sequential,
  X: Matrix,
  y: Int32Array,
): Promise<void> {
  t.section('6. Sparse labels vs one-hot targets');
  const targets = oneHot(y, 4);
  t.line(`sparse labels y[:3] = [${Array.from(y.subarray(0, 3)).join(' ')}]   one-hot rows:`);
  t.line(formatRows(targets.sliceRows(0, 3).toArray(), 0));
  const logits = preferred.predict(X);
  const sparse = new SparseCategoricalCrossentropy({ fromLogits: true }).call(y, logits);
  const categorical = new CategoricalCrossentropy({ fromLogits: true }).call(targets, logits);
  t.line(`preferred model, SparseCategoricalCrossentropy on labels:   ${formatFixed(sparse, 8)}`);
  t.line(`preferred model, CategoricalCrossentropy on one-hot rows:   ${formatFixed(categorical, 8)}`);
  // One more epoch from the same weights, each way: the updates are identical.
  const bySparse = new Sequential(
    [
      new Dense({ units: 25, activation: 'relu' }),
      new Dense({ units: 15, activation: 'relu' }),
      new Dense({ units: 4 }),
    ],
    { seed: 0 },
  );
  const byOneHot = new Sequential(
    [
      new Dense({ units: 25, activation: 'relu' }),
      new Dense({ units: 15, activation: 'relu' }),
      new Dense({ units: 4 }),
    ],
    { seed: 0 },
  );
  bySparse.setWeights(preferred.getWeights());
  byOneHot.setWeights(preferred.getWeights());
  bySparse.compile({
    loss: new SparseCategoricalCrossentropy({ fromLogits: true }),
    optimizer: new Adam(0.001),
  });
  byOneHot.compile({ loss: new CategoricalCrossentropy({ fromLogits: true }), optimizer: new Adam(0.001) });
  const a = await bySparse.fit(X, y, { epochs: 1, shuffle: false, verbose: 0 });
  const b = await byOneHot.fit(X, targets, { epochs: 1, shuffle: false, verbose: 0 });
  const wa = bySparse.getWeights().flatMap((w) => Array.from(w instanceof Matrix ? w.data : w));
  const wb = byOneHot.getWeights().flatMap((w) => Array.from(w instanceof Matrix ? w.data : w));
  const maxDiff = wa.reduce((m, v, i) => Math.max(m, Math.abs(v - wb[i]!)), 0);
  t.line(
    `one more epoch each way: loss ${formatFixed(a.history.loss![0]!, 8)} vs ${formatFixed(b.history.loss![0]!, 8)}, largest weight difference ${maxDiff}`,
  );
}
