/**
 * Lab part 7: a measured reason to prefer the loss from logits. One trained example's logits are scaled up
 * (a more and more confident model) and scored against a wrong class. From probabilities, p is clipped to
 * [1e-7, 1 − 1e-7]: the loss stops at −log(1e-7) ≈ 16.12 and its gradient is exactly zero, so the example no
 * longer teaches anything. From logits, the loss keeps growing and the gradient keeps its size.
 *
 * @module
 */

import { argmax } from '../../core/argmax.js';
import { SparseCategoricalCrossentropy } from '../../core/losses/index.js';
import { Matrix } from '../../core/matrix.js';
import { softmax } from '../../core/softmax.js';
import { formatExp, formatFixed } from '../../format/python-number.js';
import type { Sequential } from '../../model/sequential.js';
import type { Transcript } from './transcript.js';

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));

/** dL/dz through the softmax, given dL/dp: dz_j = p_j (dp_j − Σ_k dp_k p_k). */
function throughSoftmax(p: Float32Array, dp: ArrayLike<number>): number[] {
  let dot = 0;
  for (let j = 0; j < p.length; j++) dot += dp[j]! * p[j]!;
  return Array.from(p, (pj, j) => pj * (dp[j]! - dot));
}

const fmt = (v: number) => (Math.abs(v) >= 1e-3 || v === 0 ? formatFixed(v, 4) : formatExp(v, 2));

/** Prints the table; returns its rows for tests. */
export function whyPreferredPart(t: Transcript, preferred: Sequential, X: Matrix): string[][] {
  t.section('7. Why "preferred": the probability path saturates');
  const logits = preferred.predict(X.sliceRows(0, 1));
  const z0 = logits.row(0);
  const wrong = argmax(Array.from(z0).map((v) => -v)); // the least likely class
  const fromLogits = new SparseCategoricalCrossentropy({ fromLogits: true });
  const fromProbs = new SparseCategoricalCrossentropy();
  t.line(`Example 0, scored against its least likely class (${wrong}), with its logits scaled by s:`);
  const header = [
    's',
    'p(wrong class)',
    'loss from logits',
    'loss from probs',
    '|dL/dz| logits',
    '|dL/dz| probs',
  ];
  const rows: string[][] = [];
  for (const s of [1, 3, 10, 30, 100]) {
    const z = new Matrix(
      1,
      z0.length,
      Float32Array.from(z0, (v) => v * s),
    );
    const p = softmax(z);
    const exact = fromLogits.call([wrong], z);
    const clipped = fromProbs.call([wrong], p);
    const gLogits = norm(fromLogits.gradient([wrong], z).data);
    const gProbs = norm(throughSoftmax(p.data, fromProbs.gradient([wrong], p).data));
    rows.push([String(s), fmt(p.data[wrong]!), fmt(exact), fmt(clipped), fmt(gLogits), fmt(gProbs)]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  t.line(line(header));
  for (const r of rows) t.line(line(r));
  t.line(
    'From probabilities the loss stops at -log(1e-7) = 16.1181 and the gradient is zero once p is clipped:',
  );
  t.line('the confidently wrong example stops teaching. From logits both keep their meaning at any scale.');
  return rows;
}
