/**
 * One model of the training section: its decision regions with the training points on top (hover a point
 * for its class probabilities), its training and test loss and accuracy, and its confusion matrix.
 *
 * @module
 */

import { CLASS_COLORS_DARK, CLASS_COLORS_LIGHT } from '../../render/palette.js';
import { confusionTable } from '../render/confusion.js';
import { drawRegions } from '../render/decision-regions.js';
import { fixed, h } from '../render/dom.js';
import { PlaneCanvas } from '../render/plane.js';
import type { ModelKind } from '../worker/lab-models.js';
import type { DataMessage, ModelFailure, ModelReport } from '../worker/protocol.js';

/** The panel of one model. */
export class ModelPanel {
  readonly element: HTMLElement;
  private readonly plane: PlaneCanvas;
  private readonly tooltip: HTMLElement;
  private readonly metrics: Record<'loss' | 'accuracy' | 'testLoss' | 'testAccuracy', HTMLElement>;
  private readonly confusion: HTMLElement;
  private readonly failure: HTMLElement;
  private data: DataMessage | undefined;
  private report: ModelReport | undefined;

  constructor(kind: ModelKind, title: string, code: string) {
    this.plane = new PlaneCanvas(440, {
      'data-testid': `decision-canvas-${kind}`,
      role: 'img',
      'aria-label': `decision regions of the ${kind} model; hover a point for its probabilities`,
      class: 'decision-canvas',
    });
    this.tooltip = h('div', { class: 'tooltip', 'data-testid': `tooltip-${kind}`, hidden: true });
    const metric = (testId: string) => h('span', { class: 'metric', 'data-testid': testId }, '–');
    this.metrics = {
      loss: metric(`${kind}-loss`),
      accuracy: metric(`${kind}-accuracy`),
      testLoss: metric(`${kind}-test-loss`),
      testAccuracy: metric(`${kind}-test-accuracy`),
    };
    this.confusion = h('div', { class: 'confusion-box' });
    this.failure = h('p', { class: 'failure', role: 'alert', hidden: true });
    this.element = h(
      'article',
      { class: `model-panel ${kind}` },
      h('h3', {}, title),
      h('code', { class: 'model-code' }, code),
      h('div', { class: 'canvas-wrap' }, this.plane.canvas, this.tooltip),
      this.failure,
      h(
        'div',
        { class: 'panel-readouts' },
        h(
          'table',
          { class: 'metrics' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}),
              h('th', { scope: 'col' }, 'loss'),
              h('th', { scope: 'col' }, 'accuracy'),
            ),
          ),
          h(
            'tbody',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, 'training set'),
              h('td', {}, this.metrics.loss),
              h('td', {}, this.metrics.accuracy),
            ),
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, 'test set'),
              h('td', {}, this.metrics.testLoss),
              h('td', {}, this.metrics.testAccuracy),
            ),
          ),
        ),
        this.confusion,
      ),
    );
    this.plane.canvas.addEventListener('pointermove', (e) => this.hover(e));
    this.plane.canvas.addEventListener('pointerleave', () => {
      this.tooltip.hidden = true;
    });
  }

  /** A new data set (after a reset): clears the picture until the first report. */
  setData(data: DataMessage): void {
    this.data = data;
    this.report = undefined;
    this.plane.setBox(data.grid);
    this.draw();
    this.failure.hidden = true;
  }

  /** The model after an epoch. */
  setReport(r: ModelReport | ModelFailure): void {
    if ('failed' in r) {
      this.failure.hidden = false;
      this.failure.textContent = `Training stopped: ${r.failed}`;
      return;
    }
    this.report = r;
    for (const key of ['loss', 'accuracy', 'testLoss', 'testAccuracy'] as const) {
      this.metrics[key].textContent = fixed(r[key], 4);
      // Test hook: the full float, so end-to-end tests can compare with Node beyond the 4 shown decimals.
      this.metrics[key].dataset.value = String(r[key]);
    }
    const k = this.data?.classes ?? 0;
    this.confusion.replaceChildren(
      confusionTable(r.confusion, k, CLASS_COLORS_DARK, 'training-set confusion matrix'),
    );
    this.draw();
  }

  private draw(): void {
    const d = this.data;
    this.plane.clear();
    if (d && this.report)
      drawRegions(this.plane, this.report.grid, d.grid.nx, d.grid.ny, d.classes, CLASS_COLORS_LIGHT);
    if (d) this.plane.drawPoints(d.x, d.y, CLASS_COLORS_DARK, 2.5);
    this.plane.drawFrame();
  }

  private hover(e: PointerEvent): void {
    const d = this.data;
    const r = this.report;
    if (!d || !r) return;
    const [px, py] = this.plane.eventPx(e);
    const i = this.plane.nearestPoint(d.x, px, py);
    if (i < 0) {
      this.tooltip.hidden = true;
      return;
    }
    const k = d.classes;
    const probs = Array.from(r.pointProbs.subarray(i * k, (i + 1) * k));
    const predicted = probs.indexOf(Math.max(...probs));
    this.tooltip.replaceChildren(
      h(
        'div',
        {},
        `point ${i}: (${d.x[2 * i]!.toFixed(2)}, ${d.x[2 * i + 1]!.toFixed(2)}), class c${d.y[i]}`,
      ),
      ...probs.map((p, c) =>
        h(
          'div',
          { class: c === predicted ? 'tip-row best' : 'tip-row' },
          h('span', { class: 'dot', style: `--c:${CLASS_COLORS_DARK[c % CLASS_COLORS_DARK.length]}` }),
          `p(c${c}) = ${p.toFixed(4)}`,
        ),
      ),
    );
    const [qx, qy] = this.plane.toPx(d.x[2 * i]!, d.x[2 * i + 1]!);
    const scale = this.plane.displayScale();
    this.tooltip.style.left = `${qx * scale + 12}px`;
    this.tooltip.style.top = `${qy * scale + 12}px`;
    this.tooltip.hidden = false;
    this.tooltip.dataset.point = String(i);
  }
}
