/**
 * Horizontal bar panels in the lab's `plt_softmax` style (one bar per class, fixed axis, pale thick frame, no
 * tick marks), drawn with plain DOM boxes so their rows line up with the slider rows beside them.
 * Takes plain arrays: `panel.update([0.03, 0.09, 0.24, 0.64])`.
 *
 * @module
 */

import { fixed, h } from './dom.js';

/** Options of a {@link BarPanel}. */
export interface BarPanelOptions {
  /** Title over the panel, e.g. "softmax(z)". */
  title: string;
  /** Row label prefix: row i is labelled `${prefix}${i}` (e.g. "a" → a0, a1, …). */
  labelPrefix: string;
  /** Bar colour (CSS), or one colour per row. */
  color: string | readonly string[];
  /** Axis range [min, max]; 0 is the bars' base when inside it. */
  domain: readonly [number, number];
  /** Axis labels to print under the bars. */
  ticks: readonly number[];
  /** Decimals of the printed values (default 4); `null` hides the value column. */
  digits?: number | null;
  /** `data-testid` prefix of the value cells: row i gets `${prefix}-${i}`. */
  valueTestId?: string;
  /** Accessible description of the whole panel. */
  ariaLabel?: string;
}

/** A bar panel; `element` goes into the page, `update` redraws the bars. */
export class BarPanel {
  readonly element: HTMLElement;
  private readonly rowsBox: HTMLElement;
  private readonly axis: HTMLElement;
  private readonly options: BarPanelOptions;
  private domain: readonly [number, number];
  private rows: { row: HTMLElement; bar: HTMLElement; value: HTMLElement | undefined }[] = [];
  /** Called with a row index when the pointer enters a row, and with null when it leaves. */
  onHover: ((index: number | null) => void) | undefined;

  constructor(options: BarPanelOptions) {
    this.options = options;
    this.domain = options.domain;
    this.rowsBox = h('div', { class: 'bar-rows' });
    this.axis = h('div', { class: 'bar-axis', 'aria-hidden': 'true' });
    this.element = h(
      'figure',
      { class: 'bar-panel', role: 'group', 'aria-label': options.ariaLabel ?? options.title },
      h('figcaption', { class: 'panel-title' }, options.title),
      this.rowsBox,
      h('div', { class: 'bar-axis-row' }, h('span', { class: 'bar-label' }), this.axis, this.valueSpacer()),
    );
    this.element.addEventListener('pointerleave', () => this.onHover?.(null));
    this.drawAxis();
  }

  private valueSpacer(): HTMLElement {
    return h('span', { class: this.options.digits === null ? 'bar-value none' : 'bar-value' });
  }

  /** Changes the axis range (e.g. when logits leave the default range). */
  setDomain(domain: readonly [number, number], ticks: readonly number[]): void {
    if (domain[0] === this.domain[0] && domain[1] === this.domain[1]) return;
    this.domain = domain;
    this.options.ticks = ticks;
    this.drawAxis();
  }

  private drawAxis(): void {
    const [lo, hi] = this.domain;
    this.axis.replaceChildren(
      ...this.options.ticks.map((t) =>
        h('span', { class: 'tick', style: `left:${((t - lo) / (hi - lo)) * 100}%` }, String(t)),
      ),
    );
  }

  private ensureRows(n: number): void {
    while (this.rows.length < n) {
      const i = this.rows.length;
      const bar = h('div', { class: 'bar' });
      const value =
        this.options.digits === null
          ? undefined
          : h('span', {
              class: 'bar-value',
              'data-testid': this.options.valueTestId ? `${this.options.valueTestId}-${i}` : undefined,
            });
      const track = h('div', { class: 'bar-track' }, h('div', { class: 'bar-zero' }), bar);
      const row = h(
        'div',
        { class: 'bar-row' },
        h('span', { class: 'bar-label' }, `${this.options.labelPrefix}${i}`),
        track,
      );
      if (value) row.append(value);
      else row.append(this.valueSpacer());
      row.addEventListener('pointerenter', () => this.onHover?.(i));
      this.rowsBox.append(row);
      this.rows.push({ row, bar, value });
    }
    while (this.rows.length > n) this.rows.pop()!.row.remove();
  }

  /**
   * Draws one bar per value. A bar starts at 0 (or the nearer axis end); values beyond the axis are cut at
   * the edge and marked, +/−Infinity fill to the edge and NaN draws no bar, the printed value says which.
   */
  update(values: readonly number[]): void {
    this.ensureRows(values.length);
    const [lo, hi] = this.domain;
    const toPct = (v: number) => ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * 100;
    const base = toPct(0);
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      const { row, bar, value } = this.rows[i]!;
      const end = Number.isNaN(v) ? base : toPct(v);
      const color = typeof this.options.color === 'string' ? this.options.color : this.options.color[i]!;
      bar.style.left = `${Math.min(base, end)}%`;
      bar.style.width = `${Math.abs(end - base)}%`;
      bar.style.background = color;
      bar.classList.toggle('clipped-hi', v > hi);
      bar.classList.toggle('clipped-lo', v < lo);
      row.classList.toggle('bad', !Number.isFinite(v));
      row.style.setProperty('--zero', `${base}%`);
      if (value) value.textContent = fixed(v, this.options.digits ?? 4);
    }
  }

  /** Emphasises one row (the class the pointer is on elsewhere), or none. */
  highlight(index: number | null): void {
    this.rows.forEach((r, i) => {
      r.row.classList.toggle('hot', i === index);
    });
  }
}

/** Evenly spaced "nice" axis labels covering [lo, hi] (steps of 1, 2, 2.5 or 5 × 10^k), about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((st) => st >= raw * (1 - 1e-9)) ?? 10 * mag;
  const out: number[] = [];
  // The 1e-9 slack keeps an end that is a multiple of the step despite rounding (−0.3 / 0.1 = −2.9999…).
  for (let n = Math.ceil(lo / step - 1e-9); n * step <= hi + step * 1e-9; n++) {
    out.push(Number((n * step).toPrecision(12)) + 0);
  }
  return out;
}

/** The smallest of 1, 2, 5 × 10^k that is ≥ v (v > 0), for axis ends: 10 → 10, 12 → 20, 89 → 100. */
export function niceCeil(v: number): number {
  const mag = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * mag).find((c) => c >= v * (1 - 1e-12)) ?? 10 * mag;
}
