/**
 * The lab's pictures, written to files: the softmax bar panels, the data, both models' decision regions, the
 * loss curves, and an offline HTML report that embeds them with the printed text. Every file is written
 * atomically (a reader never sees half a file, an old file is never truncated first).
 *
 * @module
 */

import { join } from 'node:path';
import { Matrix } from '../../core/matrix.js';
import { softmax } from '../../core/softmax.js';
import type { Blobs } from '../../data/make-blobs.js';
import { writeFileAtomicSync } from '../../io/atomic-write.js';
import { gridPoints, renderDecisionRegions } from '../../render/decision-regions.js';
import { renderLineChart } from '../../render/line-chart.js';
import { LAB_COLORS } from '../../render/palette.js';
import { renderReport } from '../../render/report.js';
import { renderScatter } from '../../render/scatter.js';
import { renderSoftmaxBars } from '../../render/softmax-bars.js';
import { EXAMPLE_Z } from './basics.js';
import type { TrainedModel } from './models.js';
import type { TranscriptSection } from './transcript.js';

const GRID = 120;

/** Class probabilities of a model over a grid covering the data with a margin. */
function probabilityGrid(model: TrainedModel['model'], blobs: Blobs, logits: boolean) {
  let xMin = Number.POSITIVE_INFINITY;
  let xMax = Number.NEGATIVE_INFINITY;
  let yMin = Number.POSITIVE_INFINITY;
  let yMax = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < blobs.X.rows; i++) {
    const x = blobs.X.get(i, 0);
    const y = blobs.X.get(i, 1);
    xMin = Math.min(xMin, x);
    xMax = Math.max(xMax, x);
    yMin = Math.min(yMin, y);
    yMax = Math.max(yMax, y);
  }
  const spec = { nx: GRID, ny: GRID, xMin: xMin - 1, xMax: xMax + 1, yMin: yMin - 1, yMax: yMax + 1 };
  const points = new Matrix(GRID * GRID, 2, Float32Array.from(gridPoints(spec)));
  const out = model.predict(points);
  return { ...spec, k: out.cols, probs: (logits ? softmax(out) : out).data };
}

/** Writes every picture and the report into `dir`; returns the file names written. */
export function writePlots(
  dir: string,
  blobs: Blobs,
  obvious: TrainedModel,
  preferred: TrainedModel,
  sections: readonly TranscriptSection[],
): string[] {
  const pictures: Record<string, string> = {
    'softmax.svg': renderSoftmaxBars(EXAMPLE_Z, Array.from(softmax(EXAMPLE_Z))),
    'data.svg': renderScatter({
      X: blobs.X.toArray(),
      y: blobs.y,
      title: 'The lab data: make_blobs, 4 classes',
    }),
    'decision-regions.svg': renderDecisionRegions({
      panels: [
        { title: 'obvious (softmax output)', grid: probabilityGrid(obvious.model, blobs, false) },
        { title: 'preferred (logits + softmax)', grid: probabilityGrid(preferred.model, blobs, true) },
      ],
      points: { X: blobs.X.toArray(), y: blobs.y },
    }),
    'loss.svg': renderLineChart({
      title: 'Training loss per epoch (the curves coincide while nothing is clipped)',
      xLabel: 'epoch',
      yLabel: 'loss',
      series: [
        { name: 'obvious', values: obvious.history.history.loss!, color: LAB_COLORS.dldarkred },
        { name: 'preferred', values: preferred.history.history.loss!, color: LAB_COLORS.dlblue },
      ],
    }),
  };
  for (const [name, content] of Object.entries(pictures)) writeFileAtomicSync(join(dir, name), content);
  const figureFor: Record<string, string> = {
    '1.': 'softmax.svg',
    '3.': 'data.svg',
    '5.': 'loss.svg',
    '8.': 'decision-regions.svg',
  };
  const report = renderReport({
    title: 'Softmax lab report',
    sections: sections.map((s) => {
      const picture = Object.entries(figureFor).find(([prefix]) => s.heading.startsWith(prefix))?.[1];
      return { heading: s.heading, text: s.lines.join('\n'), ...(picture ? { svg: pictures[picture] } : {}) };
    }),
  });
  writeFileAtomicSync(join(dir, 'report.html'), report);
  return [...Object.keys(pictures), 'report.html'];
}
