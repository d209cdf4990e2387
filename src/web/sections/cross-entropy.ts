/**
 * Section 2, cross-entropy: pick the target class y; the loss −log a_y and its gradient a − onehot(y) with
 * respect to the softmax input update live. The loss is computed by the library three ways, to show why the
 * lab prefers `from_logits=True`: −log of the shown probability, Keras' loss on probabilities (clipped at
 * ε = 1e-7) and Keras' loss on logits (log-softmax, exact even when a_y underflows).
 *
 * @module
 */

import { SparseCategoricalCrossentropy } from '../../core/losses/index.js';
import { Matrix } from '../../core/matrix.js';
import { LAB_COLORS } from '../../render/palette.js';
import { BarPanel } from '../render/bars.js';
import { fixed, h } from '../render/dom.js';
import { NegLogCurve } from '../render/neg-log-curve.js';
import type { HoverLink } from '../state/hover-link.js';
import type { LabState } from '../state/lab-state.js';
import type { Store } from '../state/store.js';
import { explorerValues } from './softmax-values.js';

const fromLogits = new SparseCategoricalCrossentropy({ fromLogits: true });
const fromProbabilities = new SparseCategoricalCrossentropy();

/** Mounts the cross-entropy section into `root`. */
export function mountCrossEntropy(root: HTMLElement, store: Store, hover: HoverLink): void {
  const picker = h('div', { class: 'segmented', role: 'radiogroup', 'aria-label': 'target class y' });
  const aPanel = new BarPanel({
    title: 'a = softmax(z)',
    labelPrefix: 'a',
    color: LAB_COLORS.dldarkred,
    domain: [0, 1],
    ticks: [0, 0.5, 1],
    digits: 4,
  });
  const yPanel = new BarPanel({
    title: 'onehot(y)',
    labelPrefix: 'y',
    color: '#7f7f7f',
    domain: [0, 1],
    ticks: [0, 0.5, 1],
    digits: 0,
  });
  const gPanel = new BarPanel({
    title: '∂L/∂z = a − onehot(y)',
    labelPrefix: 'g',
    color: LAB_COLORS.dlpurple,
    domain: [-1, 1],
    ticks: [-1, -0.5, 0, 0.5, 1],
    digits: 4,
    valueTestId: 'ce-grad',
  });
  for (const p of [aPanel, yPanel, gPanel]) {
    p.onHover = (i) => hover.set(i);
    hover.subscribe((i) => p.highlight(i));
  }
  const curve = new NegLogCurve(LAB_COLORS.dldarkred);
  const lossLogits = h('strong', { 'data-testid': 'ce-loss' });
  const lossPlain = h('span', { 'data-testid': 'ce-loss-neglog' });
  const lossProbs = h('span', { 'data-testid': 'ce-loss-probabilities' });
  const formula = h('p', { class: 'ce-formula' });

  root.append(
    h(
      'div',
      { class: 'toolbar' },
      h('span', { class: 'field-label', id: 'target-label' }, 'target class y'),
      picker,
    ),
    h(
      'div',
      { class: 'ce-grid' },
      h('div', { class: 'ce-bars' }, aPanel.element, yPanel.element, gPanel.element),
      curve.element,
    ),
    formula,
    h(
      'dl',
      { class: 'loss-list' },
      h(
        'div',
        {},
        h('dt', {}, 'from logits (fromLogits: true; the preferred model)'),
        h('dd', {}, lossLogits),
      ),
      h('div', {}, h('dt', {}, '−log aᵧ of the probability shown'), h('dd', {}, lossPlain)),
      h(
        'div',
        {},
        h('dt', {}, 'from probabilities clipped to [1e-7, 1 − 1e-7] (the obvious model)'),
        h('dd', {}, lossProbs),
      ),
    ),
  );
  picker.setAttribute('aria-labelledby', 'target-label');

  const render = (s: Readonly<LabState>) => {
    const k = s.z.length;
    if (picker.childElementCount !== k) {
      picker.replaceChildren(
        ...Array.from({ length: k }, (_, i) => {
          const b = h(
            'button',
            {
              type: 'button',
              role: 'radio',
              'data-testid': `target-${i}`,
              'aria-label': `target class ${i}`,
            },
            `y = ${i}`,
          );
          b.addEventListener('click', () => store.set({ target: i }));
          b.addEventListener('pointerenter', () => hover.set(i));
          return b;
        }),
      );
    }
    picker.querySelectorAll('button').forEach((b, i) => {
      b.setAttribute('aria-checked', String(i === s.target));
      b.tabIndex = i === s.target ? 0 : -1;
    });
    const v = explorerValues(s);
    const y = s.target;
    const logits = new Matrix(1, k, v.inputs);
    const grad = fromLogits.gradient([y], logits).data;
    const onehot = Array.from({ length: k }, (_, i) => (i === y ? 1 : 0));
    const shownGrad = s.naive ? Array.from(v.shown, (a, i) => a - onehot[i]!) : Array.from(grad);
    // With a shift or a temperature the softmax input is u = (z + c) / T, and the gradient is with respect to u.
    const plain = s.shift === 0 && s.temperature === 1;
    aPanel.element.querySelector('.panel-title')!.textContent = plain ? 'a = softmax(z)' : 'a = softmax(u)';
    gPanel.element.querySelector('.panel-title')!.textContent = plain
      ? '∂L/∂z = a − onehot(y)'
      : '∂L/∂u = a − onehot(y)';
    aPanel.update(Array.from(v.shown));
    yPanel.update(onehot);
    gPanel.update(shownGrad);
    const ay = v.shown[y]!;
    curve.update(ay);
    lossLogits.textContent = fixed(fromLogits.call([y], logits), 4);
    lossPlain.textContent = fixed(-Math.log(ay), 4);
    lossProbs.textContent = fixed(fromProbabilities.call([y], new Matrix(1, k, v.shown)), 4);
    formula.textContent = `L = −log a${y} = −log ${fixed(ay, 4)} = ${fixed(-Math.log(ay), 4)}`;
  };
  picker.addEventListener('keydown', (e) => {
    const { target, z } = store.get();
    const delta =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? 1
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? -1
          : 0;
    if (delta === 0) return;
    e.preventDefault();
    const next = (target + delta + z.length) % z.length;
    store.set({ target: next });
    (picker.children[next] as HTMLElement | undefined)?.focus();
  });
  store.subscribe((s, changed) => {
    if (['z', 'shift', 'temperature', 'naive', 'target'].some((key) => changed.has(key as keyof LabState)))
      render(s);
  });
  render(store.get());
}
