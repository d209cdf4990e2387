/**
 * Section 5, targets: the same examples written as sparse labels (SparseCategoricalCrossentropy takes y = 2)
 * and as one-hot rows (CategoricalCrossentropy takes [0, 0, 1, 0]), with the loss of the preferred model's
 * current logits computed both ways by the library: the values agree.
 *
 * @module
 */

import { oneHot } from '../../core/argmax.js';
import { CategoricalCrossentropy, SparseCategoricalCrossentropy } from '../../core/losses/index.js';
import { Matrix } from '../../core/matrix.js';
import { softmax } from '../../core/softmax.js';
import { CLASS_COLORS_DARK } from '../../render/palette.js';
import { h } from '../render/dom.js';
import type { TrainClient } from '../worker/train-client.js';

const sparse = new SparseCategoricalCrossentropy({ fromLogits: true });
const dense = new CategoricalCrossentropy({ fromLogits: true });

/** Mounts the targets section into `root`. */
export function mountTargets(root: HTMLElement, client: TrainClient): void {
  const table = h('table', { class: 'targets', 'data-testid': 'targets-table' });
  const sparseOut = h('strong', { 'data-testid': 'targets-loss-sparse' }, '–');
  const denseOut = h('strong', { 'data-testid': 'targets-loss-onehot' }, '–');
  const epochNote = h('span', {});
  root.append(
    h('div', { class: 'table-scroll' }, table),
    h(
      'p',
      { class: 'targets-loss' },
      'Mean loss of these rows, preferred model ',
      epochNote,
      ': SparseCategoricalCrossentropy({ fromLogits: true }) on the labels = ',
      sparseOut,
      '; CategoricalCrossentropy({ fromLogits: true }) on the one-hot rows = ',
      denseOut,
      '.',
    ),
  );

  let rows: { x: Float64Array; y: Int32Array; k: number } | undefined;
  client.listen({
    onData: (d) => {
      const n = Math.min(5, d.y.length);
      rows = { x: d.x.slice(0, 2 * n), y: d.y.slice(0, n), k: d.classes };
    },
    onEpoch: (m) => {
      if (!rows || 'failed' in m.preferred) return;
      const { x, y, k } = rows;
      const logits = new Matrix(y.length, k, m.preferred.firstOutputs);
      const targets = oneHot(y, k);
      const perSparse = sparse.perExample(y, logits);
      const perDense = dense.perExample(targets, logits);
      const probs = softmax(logits);
      const cell = (text: string, cls?: string) => h('td', { class: cls }, text);
      table.replaceChildren(
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...[
              'row',
              'x0, x1',
              'sparse label y',
              'one-hot row',
              'logits z',
              'softmax(z)',
              'loss (label)',
              'loss (one-hot)',
            ].map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        h(
          'tbody',
          {},
          ...Array.from(y, (label, r) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, String(r)),
              cell(`${x[2 * r]!.toFixed(2)}, ${x[2 * r + 1]!.toFixed(2)}`),
              h(
                'td',
                {},
                h('span', {
                  class: 'dot',
                  style: `--c:${CLASS_COLORS_DARK[label % CLASS_COLORS_DARK.length]}`,
                }),
                String(label),
              ),
              cell(`[${Array.from(targets.data.subarray(r * k, (r + 1) * k)).join(', ')}]`, 'mono'),
              cell(
                `[${Array.from(logits.data.subarray(r * k, (r + 1) * k), (v) => v.toFixed(2)).join(', ')}]`,
                'mono',
              ),
              cell(
                `[${Array.from(probs.data.subarray(r * k, (r + 1) * k), (p) => p.toFixed(3)).join(', ')}]`,
                'mono',
              ),
              cell(perSparse[r]!.toFixed(4), 'num'),
              cell(perDense[r]!.toFixed(4), 'num'),
            ),
          ),
        ),
      );
      sparseOut.textContent = sparse.call(y, logits).toFixed(6);
      denseOut.textContent = dense.call(targets, logits).toFixed(6);
      epochNote.textContent = `(after epoch ${m.epoch})`;
    },
  });
}
