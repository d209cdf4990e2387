/**
 * A small SVG line chart for training curves: one polyline per series over epochs 0…n, axis numbers without
 * tick marks, a legend, and a hover readout of every series at the epoch under the pointer.
 * Takes plain arrays: `chart.update(epochs, [[…], […]])`.
 *
 * @module
 */

import { niceTicks } from './bars.js';
import { fixed, h, s } from './dom.js';

/** One curve. */
export interface Series {
  name: string;
  color: string;
  /** Dashed (e.g. the test-set curve). */
  dashed?: boolean;
  /** Stroke width in px (default 2); a wider series drawn first stays visible under one that coincides. */
  width?: number;
}

/** Options of a {@link LineChart}. */
export interface LineChartOptions {
  title: string;
  series: readonly Series[];
  /** Fixed y range, or undefined to fit the data. */
  yDomain?: readonly [number, number];
  /** Decimals of the hover readout. */
  digits?: number;
  width?: number;
  height?: number;
}

const PAD = { left: 44, right: 10, top: 10, bottom: 24 };

/** A line chart; `element` goes into the page. */
export class LineChart {
  readonly element: HTMLElement;
  private readonly svg: SVGSVGElement;
  private readonly plot: SVGGElement;
  private readonly axes: SVGGElement;
  private readonly guide: SVGLineElement;
  private readonly readout: HTMLElement;
  private readonly options: LineChartOptions;
  private readonly width: number;
  private readonly height: number;
  private epochs: readonly number[] = [];
  private values: readonly (readonly number[])[] = [];
  private x: (e: number) => number = () => 0;

  constructor(options: LineChartOptions) {
    this.options = options;
    this.width = options.width ?? 420;
    this.height = options.height ?? 180;
    this.plot = s('g');
    this.axes = s('g', { class: 'chart-axes' });
    this.guide = s('line', {
      class: 'chart-guide',
      y1: PAD.top,
      y2: this.height - PAD.bottom,
      visibility: 'hidden',
    });
    this.svg = s(
      'svg',
      {
        viewBox: `0 0 ${this.width} ${this.height}`,
        role: 'img',
        'aria-label': options.title,
        class: 'line-chart',
      },
      s('rect', {
        x: PAD.left,
        y: PAD.top,
        width: this.width - PAD.left - PAD.right,
        height: this.height - PAD.top - PAD.bottom,
        class: 'chart-frame',
      }),
      this.axes,
      this.plot,
      this.guide,
    );
    this.readout = h('div', { class: 'chart-readout', 'aria-live': 'off' });
    const legend = h(
      'div',
      { class: 'chart-legend' },
      ...options.series.map((sr) =>
        h(
          'span',
          { class: 'legend-item' },
          h('span', { class: sr.dashed ? 'swatch dashed' : 'swatch', style: `--c:${sr.color}` }),
          sr.name,
        ),
      ),
    );
    this.element = h(
      'figure',
      { class: 'chart' },
      h('figcaption', { class: 'panel-title' }, options.title),
      this.svg,
      legend,
      this.readout,
    );
    this.svg.addEventListener('pointermove', (e) => this.hover(e));
    this.svg.addEventListener('pointerleave', () => {
      this.guide.setAttribute('visibility', 'hidden');
      this.readout.textContent = '';
    });
  }

  /** Redraws: `values[s][i]` is series s at `epochs[i]`; a NaN breaks the line. */
  update(epochs: readonly number[], values: readonly (readonly number[])[]): void {
    this.epochs = epochs;
    this.values = values;
    const finite = values.flat().filter(Number.isFinite);
    let lo = 0;
    let hi = 1;
    if (this.options.yDomain) [lo, hi] = this.options.yDomain;
    else if (finite.length > 0) {
      lo = Math.min(...finite);
      hi = Math.max(...finite);
      const pad = (hi - lo) * 0.08 || 0.05;
      lo = Math.max(0, lo - pad);
      hi += pad;
    }
    const last = Math.max(1, epochs[epochs.length - 1] ?? 1);
    const pw = this.width - PAD.left - PAD.right;
    const ph = this.height - PAD.top - PAD.bottom;
    this.x = (e) => PAD.left + (e / last) * pw;
    const y = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo)) * ph;
    this.plot.replaceChildren(
      ...this.options.series.map((sr, si) => {
        let d = '';
        let pen = 'M';
        (values[si] ?? []).forEach((v, i) => {
          if (!Number.isFinite(v)) {
            pen = 'M';
            return;
          }
          d += `${pen}${this.x(epochs[i]!).toFixed(1)},${y(v).toFixed(1)}`;
          pen = 'L';
        });
        const g = s(
          'g',
          {},
          s('path', {
            d,
            fill: 'none',
            stroke: sr.color,
            'stroke-width': sr.width ?? 2,
            'stroke-dasharray': sr.dashed ? '5 3' : undefined,
          }),
        );
        // Dots while the curve is short: a single epoch has no line to draw yet.
        if (epochs.length <= 30) {
          (values[si] ?? []).forEach((v, i) => {
            if (Number.isFinite(v)) {
              g.append(
                s('circle', {
                  cx: this.x(epochs[i]!),
                  cy: y(v),
                  r: (sr.width ?? 2) / 2 + 1.5,
                  fill: sr.color,
                }),
              );
            }
          });
        }
        return g;
      }),
    );
    const yTicks = niceTicks(lo, hi, 4);
    const xTicks = niceTicks(0, last, Math.min(last, 5)).filter((t) => Number.isInteger(t));
    this.axes.replaceChildren(
      ...yTicks.map((t) => s('text', { x: PAD.left - 5, y: y(t), class: 'y-tick' }, String(t))),
      ...xTicks.map((t) => s('text', { x: this.x(t), y: this.height - 8, class: 'x-tick' }, String(t))),
    );
  }

  private hover(event: PointerEvent): void {
    if (this.epochs.length === 0) return;
    const r = this.svg.getBoundingClientRect();
    const px = ((event.clientX - r.left) / (r.width || 1)) * this.width;
    let best = 0;
    for (let i = 1; i < this.epochs.length; i++) {
      if (Math.abs(this.x(this.epochs[i]!) - px) < Math.abs(this.x(this.epochs[best]!) - px)) best = i;
    }
    const gx = this.x(this.epochs[best]!);
    this.guide.setAttribute('x1', String(gx));
    this.guide.setAttribute('x2', String(gx));
    this.guide.setAttribute('visibility', 'visible');
    const digits = this.options.digits ?? 4;
    this.readout.textContent = `epoch ${this.epochs[best]}: ${this.options.series
      .map((sr, si) => `${sr.name} ${fixed(this.values[si]?.[best] ?? Number.NaN, digits)}`)
      .join(' · ')}`;
  }
}
