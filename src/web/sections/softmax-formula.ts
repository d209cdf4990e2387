/**
 * The live formula under the explorer: a_i = e^{u_i} / Σ_k e^{u_k} written out with the current numbers for
 * the class under the pointer (or the most likely one). In stable mode it shows the max-shifted form the
 * library computes; in naive mode the float32 terms, so an overflowing e^{u} reads "Infinity" on screen.
 * Each term is linked: pointing at it highlights its class in every panel.
 *
 * @module
 */

import { h } from '../render/dom.js';
import type { HoverLink } from '../state/hover-link.js';
import { type ExplorerValues, maxOf } from './softmax-values.js';

function num(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e5 || a < 1e-3)
    ? v.toExponential(2)
    : v.toFixed(digits).replace(/\.?0+$/, '') || '0';
}

/** Renders and updates the formula line. */
export class SoftmaxFormula {
  readonly element: HTMLElement;
  private readonly hover: HoverLink;

  constructor(hover: HoverLink) {
    this.hover = hover;
    this.element = h('div', { class: 'formula', 'aria-live': 'off' });
    this.element.addEventListener('pointerover', (e) => {
      const cls = (e.target as HTMLElement).closest('[data-class]')?.getAttribute('data-class');
      if (cls != null) hover.set(Number(cls));
    });
    this.element.addEventListener('pointerleave', () => hover.set(null));
  }

  /** Redraws for the current values; `naive` picks which form is written out, `plain` means u = z (c = 0, T = 1). */
  update(v: ExplorerValues, naive: boolean, plain: boolean): void {
    const k = v.inputs.length;
    const hovered = this.hover.get();
    const i = hovered !== null && hovered < k ? hovered : v.stable.indexOf(maxOf(v.stable));
    const m = naive ? 0 : maxOf(v.inputs);
    // Terms in float32 for the naive form (where e^u overflows at u ≈ 88.7), else float64 after the shift.
    const term = (u: number) => (naive ? Math.fround(Math.exp(u)) : Math.exp(u - m));
    const terms = Array.from(v.inputs, term);
    let sum = 0;
    for (const t of terms) sum = naive ? Math.fround(sum + t) : sum + t;
    const power = (j: number) => {
      const u = v.inputs[j]!;
      const exponent = naive ? num(u, 2) : `${num(u, 2)} − ${num(m, 2)}`;
      return h(
        'span',
        { class: j === i ? 'term hot' : 'term', 'data-class': j },
        'e',
        h('sup', {}, exponent),
      );
    };
    const denominator: (Node | string)[] = [];
    for (let j = 0; j < k; j++) {
      if (j > 0) denominator.push(' + ');
      denominator.push(power(j));
    }
    const sub = (base: string, index: string, power: string) =>
      h('span', {}, 'e', h('sup', {}, base, h('sub', {}, index), power));
    this.element.replaceChildren(
      h(
        'div',
        { class: 'formula-general' },
        h('var', {}, 'a', h('sub', {}, 'i')),
        ' = ',
        sub('u', 'i', naive ? '' : ' − m'),
        ' / Σ',
        h('sub', {}, 'k'),
        ' ',
        sub('u', 'k', naive ? '' : ' − m'),
        naive ? '' : ',  m = max u',
        plain ? ',  u = z' : ',  u = (z + c) / T',
        naive
          ? '   (naive: no shift, every step in float32)'
          : '   (stable: the library subtracts m first, so no term exceeds 1)',
      ),
      h(
        'div',
        { class: 'formula-live' },
        h('var', {}, 'a', h('sub', {}, String(i))),
        ' = ',
        power(i),
        ' / (',
        ...denominator,
        ') = ',
        h('span', { class: 'num' }, num(terms[i]!)),
        ' / ',
        h('span', { class: 'num' }, num(sum)),
        ' = ',
        h('strong', { class: 'num' }, num(v.shown[i]!)),
      ),
    );
  }
}
