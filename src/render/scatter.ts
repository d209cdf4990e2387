/**
 * The multiclass lab's data picture (`plt_mc`, "Multiclass Data"): one dot per sample, coloured by class
 * with the dark `Paired` colours, a `c0 … c3` legend and axes labelled `x0` and `x1`.
 *
 * @module
 */

import { drawAxes, labelledTicks, linearScale, niceTicks, type PlotArea } from './axes.js';
import {
  classNamesFor,
  drawLegend,
  drawPoints,
  extent,
  type PointsInput,
  toLabelledPoints,
} from './points.js';
import { svg } from './svg.js';

/** What {@link renderScatter} draws. */
export interface ScatterInput {
  /** Points, rows `[x0, x1]` or `{ x, y }`. */
  X: PointsInput;
  /** Class label of each point (0-based integers). */
  y: ArrayLike<number>;
  /** Legend names; default `c0`, `c1`, … */
  classNames?: readonly string[];
  title?: string;
  xLabel?: string;
  yLabel?: string;
}

/** matplotlib's default 5 % autoscale margin on each side. */
export function paddedDomain(lo: number, hi: number, margin = 0.05): [number, number] {
  const span = hi - lo || Math.abs(lo) || 1;
  return [lo - margin * span, hi + margin * span];
}

/**
 * SVG scatter plot of labelled 2-D points (every dot has class `point` and `data-class`).
 *
 * @example
 * renderScatter({ X: [[0, 1], [2, 3]], y: [0, 1], title: 'Multiclass Data' });
 */
export function renderScatter(input: ScatterInput): string {
  const points = toLabelledPoints(input.X, input.y);
  const area: PlotArea = { x: 70, y: 40, width: 400, height: 330 };
  const xDomain = paddedDomain(...extent(points.xs));
  const yDomain = paddedDomain(...extent(points.ys));
  const axes = drawAxes(area, {
    xDomain,
    yDomain,
    xTicks: labelledTicks(niceTicks(xDomain[0], xDomain[1])),
    yTicks: labelledTicks(niceTicks(yDomain[0], yDomain[1])),
    xLabel: input.xLabel ?? 'x0',
    yLabel: input.yLabel ?? 'x1',
    title: input.title,
  });
  const xOf = linearScale(xDomain[0], xDomain[1], area.x, area.x + area.width);
  const yOf = linearScale(yDomain[0], yDomain[1], area.y + area.height, area.y);
  const names = classNamesFor(points.classCount, input.classNames);
  return svg(
    area.x + area.width + 110,
    area.y + area.height + 50,
    [
      axes.under,
      drawPoints(points, xOf, yOf, { radius: 4.5 }),
      axes.over,
      drawLegend(area.x + area.width + 20, area.y + 10, names),
    ],
    { title: input.title ?? 'Scatter plot' },
  );
}
