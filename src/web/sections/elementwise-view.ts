/**
 * The side view: sigmoid and ReLU applied element-wise to the same inputs as softmax, and a count of how
 * many outputs the last change moved in each, to show that softmax couples all its outputs (moving one z
 * moves every a_i) while element-wise activations only move their own.
 *
 * @module
 */

import { getActivation } from '../../model/activations.js';
import { LAB_COLORS } from '../../render/palette.js';
import { BarPanel, niceCeil, niceTicks } from '../render/bars.js';
import { h } from '../render/dom.js';
import type { HoverLink } from '../state/hover-link.js';
import type { ExplorerValues } from './softmax-values.js';

function elementwise(name: 'sigmoid' | 'relu', u: Float32Array): Float32Array {
  const out = new Float32Array(u.length);
  getActivation(name).forward(u, out, 1, u.length);
  return out;
}

function countChanged(a: Float32Array | undefined, b: Float32Array): number {
  if (!a || a.length !== b.length) return b.length;
  let n = 0;
  for (let i = 0; i < b.length; i++) if (!Object.is(a[i], b[i])) n++;
  return n;
}

/** The sigmoid/ReLU panels and the coupling sentence. */
export class ElementwiseView {
  readonly element: HTMLElement;
  private readonly sigmoid: BarPanel;
  private readonly relu: BarPanel;
  private readonly note: HTMLElement;
  private last: { softmax: Float32Array; sigmoid: Float32Array; relu: Float32Array } | undefined;

  constructor(hover: HoverLink) {
    this.sigmoid = new BarPanel({
      title: 'sigmoid(z), element-wise',
      labelPrefix: 's',
      color: LAB_COLORS.dlorange,
      domain: [0, 1],
      ticks: [0, 0.5, 1],
      digits: 3,
    });
    this.relu = new BarPanel({
      title: 'ReLU(z), element-wise',
      labelPrefix: 'r',
      color: LAB_COLORS.dlpurple,
      domain: [0, 10],
      ticks: [0, 5, 10],
      digits: 2,
    });
    for (const p of [this.sigmoid, this.relu]) {
      p.onHover = (i) => hover.set(i);
      hover.subscribe((i) => p.highlight(i));
    }
    this.note = h('p', { class: 'coupling', 'data-testid': 'coupling-note' });
    this.element = h(
      'details',
      { class: 'side-view', open: true },
      h('summary', {}, 'Side view: element-wise activations on the same z'),
      h('div', { class: 'side-panels' }, this.sigmoid.element, this.relu.element),
      this.note,
    );
  }

  /** Redraws for new inputs; `softmax` is what the explorer shows. */
  update(v: ExplorerValues): void {
    const sigmoid = elementwise('sigmoid', v.inputs);
    const relu = elementwise('relu', v.inputs);
    let top = 10;
    for (const r of relu) if (Number.isFinite(r)) top = Math.max(top, r);
    const hi = niceCeil(top);
    this.relu.setDomain([0, hi], niceTicks(0, hi, 2));
    this.sigmoid.update(Array.from(sigmoid));
    this.relu.update(Array.from(relu));
    const k = v.inputs.length;
    if (this.last && this.last.softmax.length === k) {
      const a = countChanged(this.last.softmax, v.shown);
      const s = countChanged(this.last.sigmoid, sigmoid);
      const r = countChanged(this.last.relu, relu);
      if (a + s + r > 0) {
        this.note.textContent = `Your last change moved ${a} of ${k} softmax outputs, ${s} of ${k} sigmoid outputs and ${r} of ${k} ReLU outputs.`;
      }
    } else {
      this.note.textContent =
        'Move one slider: every softmax output moves (they share one denominator), but only one sigmoid and one ReLU output do.';
    }
    this.last = { softmax: v.shown, sigmoid, relu };
  }
}
