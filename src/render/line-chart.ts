/**
 * Training curves: one line per series over epochs 1..n (e.g. the loss of the "obvious" and the
 * "preferred" model), y axis from 0, nice ticks and a legend. Non-finite values (a diverged run) break the
 * line instead of stretching the axis.
 *
 * @module
 */

import { ShapeError } from '../core/errors.js';
import { drawAxes, labelledTicks, linearScale, niceStep, niceTicks, type PlotArea } from './axes.js';
import { element, num, svg, text } from './svg.js';

/** One curve: `values[i]` is the value after epoch i + 1. */
export interface LineSeries {
  name: string;
  values: readonly number[];
  /** Any SVG colour, e.g. `#0096FF`. */
  color: string;
}

/** What {@link renderLineChart} draws. */
export interface LineChartInput {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly LineSeries[];
}

/** Polyline `points` runs of consecutive finite values. */
function finiteRuns(
  values: readonly number[],
  xOf: (v: number) => number,
  yOf: (v: number) => number,
): string[] {
  const runs: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (Number.isFinite(v)) current.push(`${num(xOf(i + 1))},${num(yOf(v))}`);
    else if (current.length > 0) {
      runs.push(current.join(' '));
      current = [];
    }
  });
  if (current.length > 0) runs.push(current.join(' '));
  return runs;
}

/**
 * SVG line chart of per-epoch values. Each series is a `<polyline class="series">` (one per unbroken run)
 * with `data-name`; markers are drawn when there are at most 40 epochs.
 *
 * @example
 * renderLineChart({ title: 'Training loss', xLabel: 'epoch', yLabel: 'loss',
 *   series: [{ name: 'obvious', values: history.loss, color: '#0096FF' }] });
 */
export function renderLineChart(input: LineChartInput): string {
  if (input.series.length === 0) {
    throw new ShapeError({
      subject: 'renderLineChart series',
      expected: 'at least 1 series',
      got: '0 series',
    });
  }
  const epochs = Math.max(1, ...input.series.map((s) => s.values.length));
  const finite = input.series.flatMap((s) => s.values.filter(Number.isFinite));
  const top = Math.max(0, ...finite);
  const yStep = niceStep(top > 0 ? top : 1);
  const yMax = top > 0 ? Math.ceil(top / yStep - 1e-9) * yStep : 1;
  const yMin = Math.min(0, ...finite);
  // A small margin keeps the first and last markers clear of the frame, as matplotlib's autoscale does.
  const xPad = epochs === 1 ? 0.5 : 0.03 * (epochs - 1);
  const xDomain: [number, number] = [1 - xPad, epochs + xPad];
  const area: PlotArea = { x: 75, y: 40, width: 480, height: 280 };
  const xTicks = niceTicks(1, epochs, Math.min(10, epochs)).filter(Number.isInteger);
  const axes = drawAxes(area, {
    xDomain,
    yDomain: [yMin, yMax],
    xTicks: labelledTicks(xTicks),
    yTicks: labelledTicks(niceTicks(yMin, yMax)),
    xLabel: input.xLabel,
    yLabel: input.yLabel,
    title: input.title,
  });
  const xOf = linearScale(xDomain[0], xDomain[1], area.x, area.x + area.width);
  const yOf = linearScale(yMin, yMax, area.y + area.height, area.y);
  const parts = [axes.under];
  for (const s of input.series) {
    for (const run of finiteRuns(s.values, xOf, yOf)) {
      parts.push(
        element('polyline', {
          class: 'series',
          'data-name': s.name,
          points: run,
          fill: 'none',
          stroke: s.color,
          'stroke-width': 2.5,
          'stroke-linejoin': 'round',
        }),
      );
    }
    if (epochs <= 40) {
      s.values.forEach((v, i) => {
        if (Number.isFinite(v))
          parts.push(element('circle', { cx: xOf(i + 1), cy: yOf(v), r: 3, fill: s.color }));
      });
    }
  }
  parts.push(axes.over);
  const legendX = area.x + area.width - 150;
  input.series.forEach((s, i) => {
    const y = area.y + 20 + i * 20;
    parts.push(
      element('line', { x1: legendX, y1: y, x2: legendX + 24, y2: y, stroke: s.color, 'stroke-width': 3 }),
    );
    parts.push(text(legendX + 30, y + 4, s.name, { size: 12, extra: { class: 'legend' } }));
  });
  return svg(area.x + area.width + 30, area.y + area.height + 50, parts, { title: input.title });
}
