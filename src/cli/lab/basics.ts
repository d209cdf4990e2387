/**
 * Lab parts 1–3: the softmax function (stable and naive), the cross-entropy loss and cost, and the data set.
 *
 * @module
 */

import { oneHot } from '../../core/argmax.js';
import { CategoricalCrossentropy, SparseCategoricalCrossentropy } from '../../core/losses/index.js';
import { Matrix } from '../../core/matrix.js';
import { naiveSoftmax, softmax } from '../../core/softmax.js';
import { type Blobs, makeBlobs } from '../../data/make-blobs.js';
import { formatFixed } from '../../format/python-number.js';
import { formatIntegers, formatRows, formatVector } from './numpy-print.js';
import type { Transcript } from './transcript.js';

/** The lab's example vector. */
export const EXAMPLE_Z = [1, 2, 3, 4];

const sum = (v: ArrayLike<number>) => Array.from(v).reduce((a, b) => a + b, 0);

/** Part 1: what softmax does, and why the stable form exists. */
export function softmaxPart(t: Transcript): void {
  t.section('1. The softmax function');
  const a = softmax(EXAMPLE_Z);
  t.line('a_j = exp(z_j) / sum_k exp(z_k), computed stably as exp(z_j - max z) / sum_k exp(z_k - max z)');
  t.line(`z              = ${formatVector(EXAMPLE_Z)}`);
  t.line(`softmax(z)     = ${formatVector(a, 4)}   sum = ${formatFixed(sum(a), 6)}`);
  t.line(
    `naive form     = ${formatVector(naiveSoftmax(EXAMPLE_Z), 4)}   (same values: no overflow at this size)`,
  );
  t.line(`exp(z)         = ${formatVector(EXAMPLE_Z.map(Math.exp))}`);
  t.line('The exponential magnifies small differences: each +1 in z multiplies exp(z) by e = 2.718...');
  const bumped = [1, 2, 3, 5];
  t.line(`z with z3 + 1  = ${formatVector(bumped)} -> softmax = ${formatVector(softmax(bumped), 4)}`);
  t.line(
    'Softmax spans all outputs: raising z3 lowered a0, a1 and a2 too (ReLU or sigmoid act on one value at a time).',
  );
  t.line('');
  t.line('Large inputs: the naive form overflows, the stable one does not.');
  const z32 = Float32Array.from([100, 101, 102, 103]);
  t.line(`float32 z = ${formatVector(z32)}: exp(100) = ${Math.fround(Math.exp(100))} in float32`);
  t.line(`  naive  -> ${formatVector(naiveSoftmax(z32), 4)}`);
  t.line(`  stable -> ${formatVector(softmax(z32), 4)}`);
  const z64 = [1000, 1001, 1002, 1003];
  t.line(`float64 z = ${formatVector(z64)}: exp(1000) = ${Math.exp(1000)}`);
  t.line(`  naive  -> ${formatVector(naiveSoftmax(z64), 4)}`);
  t.line(`  stable -> ${formatVector(softmax(z64), 4)}`);
}

/** Part 2: the loss of one example and the cost of a batch, with sparse and one-hot targets. */
export function crossEntropyPart(t: Transcript): void {
  t.section('2. Cross-entropy: loss and cost');
  const a = softmax(EXAMPLE_Z);
  t.line('Loss of one example with target class y: L(a, y) = -log(a_y)');
  for (let j = 0; j < a.length; j++) {
    t.line(`  y = ${j}: a_y = ${formatFixed(a[j]!, 4)}  loss = ${formatFixed(-Math.log(a[j]!), 4)}`);
  }
  const logits = [
    [1, 2, 3, 4],
    [4, 1, 0.5, -1],
    [0.2, 3, -2, 1],
  ];
  const labels = [3, 0, 2];
  const probs = softmax(logits);
  const perExample = new SparseCategoricalCrossentropy({ fromLogits: true }).perExample(labels, logits);
  t.line('');
  t.line('Cost of a batch: J = (1/m) sum_i -log(a_{y_i}) over the m examples');
  t.line(`logits =\n${formatRows(logits)}`);
  t.line(`labels = ${formatIntegers(labels)}`);
  t.line(`softmax(logits) =\n${formatRows(probs.toArray(), 4)}`);
  t.line(`per-example losses = ${formatVector(perExample, 4)}`);
  const sparse = new SparseCategoricalCrossentropy({ fromLogits: true }).call(labels, logits);
  const categorical = new CategoricalCrossentropy({ fromLogits: true }).call(oneHot(labels, 4), logits);
  const fromProbs = new SparseCategoricalCrossentropy().call(labels, probs);
  t.line(`cost, sparse labels      (SparseCategoricalCrossentropy, fromLogits) = ${formatFixed(sparse, 6)}`);
  t.line(
    `cost, one-hot targets    (CategoricalCrossentropy, fromLogits)       = ${formatFixed(categorical, 6)}`,
  );
  t.line(
    `cost, from probabilities (SparseCategoricalCrossentropy())           = ${formatFixed(fromProbs, 6)}`,
  );
}

/** Part 3: the lab's data set, bit for bit scikit-learn's make_blobs. */
export function dataPart(t: Transcript): Blobs {
  t.section('3. The data set');
  const centers = [
    [-5, 2],
    [-2, -2],
    [1, 2],
    [5, -2],
  ];
  const blobs = makeBlobs({ nSamples: 2000, centers, clusterStd: 1.0, randomState: 30 });
  t.line(
    'makeBlobs({ nSamples: 2000, centers: [[-5,2],[-2,-2],[1,2],[5,-2]], clusterStd: 1.0, randomState: 30 })',
  );
  t.line("(the same float64 values, bit for bit, as scikit-learn's make_blobs with those arguments)");
  t.line(`X_train shape: (${blobs.X.rows}, ${blobs.X.cols}), y_train shape: (${blobs.y.length},)`);
  const counts = [0, 0, 0, 0];
  for (const c of blobs.y) counts[c]!++;
  t.line(`samples per class: ${formatIntegers(counts)}`);
  t.line(`first 5 rows of X:\n${formatRows(blobs.X.sliceRows(0, 5).toArray())}`);
  t.line(`first 5 labels:  ${formatIntegers(blobs.y.subarray(0, 5))}`);
  return blobs;
}

/** Float32 copy of the lab's X, as Keras trains on it. */
export function float32X(blobs: Blobs): Matrix<Float32Array> {
  return new Matrix(blobs.X.rows, blobs.X.cols, Float32Array.from(blobs.X.data));
}
