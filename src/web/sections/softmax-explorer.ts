/**
 * Section 1, the softmax explorer: the lab's `plt_softmax` picture (logit sliders, "z input to softmax" bars
 * in dlblue, "softmax(z)" bars in dldarkred on a 0–1 axis) plus what the lab leaves out: negative logits,
 * printed probabilities and their sum, 2–10 classes, a temperature, a shift c added to every logit, the naive
 * vs stable switch, the live formula and the element-wise side view.
 *
 * @module
 */

import { LAB_COLORS } from '../../render/palette.js';
import { type Control, checkboxField, numberField, sliderField } from '../controls.js';
import { BarPanel, niceCeil, niceTicks } from '../render/bars.js';
import { fixed, h } from '../render/dom.js';
import type { HoverLink } from '../state/hover-link.js';
import { defaultState, type LabState, LIMITS } from '../state/lab-state.js';
import type { Store } from '../state/store.js';
import { ElementwiseView } from './elementwise-view.js';
import { SoftmaxFormula } from './softmax-formula.js';
import { explorerValues } from './softmax-values.js';

interface LogitRow {
  element: HTMLElement;
  slider: Control<number>;
  box: Control<number>;
}

/** Mounts the explorer into `root`; it follows the store from then on. */
export function mountSoftmaxExplorer(root: HTMLElement, store: Store, hover: HoverLink): void {
  const setZ = (i: number, v: number) => {
    const z = [...store.get().z];
    z[i] = v;
    store.set({ z });
  };
  const setCount = (k: number) => {
    const { z, target } = store.get();
    const next = z.slice(0, k);
    while (next.length < k) next.push(0);
    store.set({ z: next, target: Math.min(target, k - 1) });
  };

  const rowsBox = h('div', { class: 'logit-rows' });
  const rows: LogitRow[] = [];
  const ensureRows = (k: number) => {
    while (rows.length < k) {
      const i = rows.length;
      const v = store.get().z[i] ?? 0;
      const slider = sliderField({
        label: `z${i}`,
        range: LIMITS.logitSlider,
        step: 0.1,
        value: v,
        testId: `softmax-slider-${i}`,
        format: (x) => x.toFixed(1),
        onChange: (x) => setZ(i, x),
      });
      slider.element.querySelector('output')?.remove();
      const box = numberField({
        label: '',
        ariaLabel: `z${i} exact value`,
        range: LIMITS.logit,
        step: 0.1,
        value: v,
        testId: `softmax-z-${i}`,
        onChange: (x) => setZ(i, x),
      });
      box.element.querySelector('label')?.remove();
      const element = h('div', { class: 'logit-row' }, slider.element, box.element);
      element.addEventListener('pointerenter', () => hover.set(i));
      element.addEventListener('focusin', () => hover.set(i));
      rowsBox.append(element);
      rows.push({ element, slider, box });
    }
    while (rows.length > k) rows.pop()!.element.remove();
  };

  const count = numberField({
    label: 'classes',
    range: LIMITS.classes,
    step: 1,
    value: store.get().z.length,
    testId: 'class-count',
    onChange: setCount,
  });
  const minus = h(
    'button',
    { type: 'button', 'aria-label': 'remove a class', 'data-testid': 'class-remove' },
    '−',
  );
  const plus = h('button', { type: 'button', 'aria-label': 'add a class', 'data-testid': 'class-add' }, '+');
  minus.addEventListener('click', () => setCount(Math.max(LIMITS.classes.min, store.get().z.length - 1)));
  plus.addEventListener('click', () => setCount(Math.min(LIMITS.classes.max, store.get().z.length + 1)));
  count.element.append(minus, plus);

  const temperature = sliderField({
    label: 'temperature T',
    range: LIMITS.temperature,
    step: 0.1,
    value: store.get().temperature,
    testId: 'temperature',
    format: (x) => x.toFixed(1),
    onChange: (x) => store.set({ temperature: x }),
  });
  const shift = sliderField({
    label: 'add c to every z',
    range: LIMITS.shift,
    step: 1,
    value: store.get().shift,
    testId: 'shift',
    format: (x) => (x > 0 ? `+${x}` : String(x)),
    onChange: (x) => store.set({ shift: x }),
  });
  const naive = checkboxField({
    label: 'naive exp(z)/Σexp(z) (float32, no max shift)',
    value: store.get().naive,
    testId: 'naive-toggle',
    onChange: (x) => store.set({ naive: x }),
  });
  const resetButton = h(
    'button',
    { type: 'button', 'data-testid': 'softmax-reset' },
    "Lab's start (1, 2, 3, 4)",
  );
  resetButton.addEventListener('click', () => {
    const d = defaultState();
    store.set({ z: d.z, shift: d.shift, temperature: d.temperature, naive: d.naive, target: d.target });
  });

  const zPanel = new BarPanel({
    title: 'z input to softmax',
    labelPrefix: 'z',
    color: LAB_COLORS.dlblue,
    domain: [-10, 10],
    ticks: [-10, -5, 0, 5, 10],
    digits: 2,
  });
  const aPanel = new BarPanel({
    title: 'softmax(z)',
    labelPrefix: 'a',
    color: LAB_COLORS.dldarkred,
    domain: [0, 1],
    ticks: [0, 0.25, 0.5, 0.75, 1],
    digits: 4,
    valueTestId: 'softmax-prob',
  });
  for (const p of [zPanel, aPanel]) {
    p.onHover = (i) => hover.set(i);
    hover.subscribe((i) => p.highlight(i));
  }
  hover.subscribe((i) => {
    for (const [j, r] of rows.entries()) r.element.classList.toggle('hot', j === i);
  });

  const sum = h('strong', { 'data-testid': 'softmax-sum' });
  const note = h('p', { class: 'naive-note', 'data-testid': 'naive-note', role: 'status' });
  const formula = new SoftmaxFormula(hover);
  const side = new ElementwiseView(hover);

  root.append(
    h(
      'div',
      { class: 'toolbar' },
      count.element,
      temperature.element,
      shift.element,
      naive.element,
      resetButton,
    ),
    h(
      'div',
      { class: 'explorer-grid' },
      h(
        'div',
        { class: 'slider-panel', role: 'group', 'aria-label': 'logits' },
        h('div', { class: 'panel-title' }, 'logits z (slider −10…10, box −1000…1000)'),
        rowsBox,
      ),
      zPanel.element,
      aPanel.element,
    ),
    h('p', { class: 'sum-line' }, 'Σ aᵢ = ', sum),
    note,
    formula.element,
    side.element,
  );

  const render = (s: Readonly<LabState>) => {
    const k = s.z.length;
    ensureRows(k);
    rows.forEach((r, i) => {
      r.slider.set(Math.min(LIMITS.logitSlider.max, Math.max(LIMITS.logitSlider.min, s.z[i]!)));
      r.box.set(s.z[i]!);
    });
    count.set(k);
    minus.disabled = k <= LIMITS.classes.min;
    plus.disabled = k >= LIMITS.classes.max;
    temperature.set(s.temperature);
    shift.set(s.shift);
    naive.set(s.naive);

    const v = explorerValues(s);
    let big = 10;
    for (const u of v.inputs) if (Number.isFinite(u)) big = Math.max(big, Math.abs(u));
    const d = niceCeil(big);
    zPanel.setDomain([-d, d], niceTicks(-d, d, 4));
    const plain = s.shift === 0 && s.temperature === 1;
    zPanel.element.querySelector('.panel-title')!.textContent = plain
      ? 'z input to softmax'
      : 'u = (z + c) / T, input to softmax';
    aPanel.element.querySelector('.panel-title')!.textContent = plain ? 'softmax(z)' : 'softmax(u)';
    zPanel.update(Array.from(v.inputs));
    aPanel.update(Array.from(v.shown));
    let total = 0;
    for (const p of v.shown) total += p;
    sum.textContent = fixed(total, 4);
    formula.update(v, s.naive, plain);
    side.update(v);

    const naiveBroken = v.naive.some((p) => !Number.isFinite(p));
    const stableText = Array.from(v.stable, (p) => p.toFixed(4)).join(', ');
    if (s.naive && naiveBroken) {
      note.className = 'naive-note bad';
      note.textContent = `The naive form broke: exp(u) overflows float32 above u ≈ 88.72 (or every term underflows below ≈ −103), and Infinity / Infinity is NaN. The stable form subtracts max u first and stays right: ${stableText}.`;
    } else if (naiveBroken) {
      note.className = 'naive-note';
      note.textContent =
        'Here the naive exp(z)/Σexp(z) would give NaN in float32; the stable form shown is exact. Tick "naive" to see it break.';
    } else {
      note.className = 'naive-note';
      note.textContent = s.naive
        ? 'Naive and stable agree here. Push a logit (or c) past 88.7 to see float32 overflow.'
        : 'Softmax is unchanged when the same c is added to every z; the naive form is not, once exp(z + c) overflows.';
    }
  };
  hover.subscribe(() => {
    const s = store.get();
    formula.update(explorerValues(s), s.naive, s.shift === 0 && s.temperature === 1);
  });
  store.subscribe((s, changed) => {
    if (changed.has('z') || changed.has('shift') || changed.has('temperature') || changed.has('naive'))
      render(s);
  });
  render(store.get());
}
