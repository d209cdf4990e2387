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
  /** The point whose card is open, or −1. */
  private shown = -1;

  constructor(kind: ModelKind, title: string, code: string) {
    this.plane = new PlaneCanvas(440, {
      'data-testid': `decision-canvas-${kind}`,
      role: 'img',
      'aria-label': `decision regions of the ${kind} model; hover a point, or focus and use the arrow keys, for its probabilities`,
      class: 'decision-canvas',
    });
    this.tooltip = h('div', {
      class: 'tooltip',
      'data-testid': `tooltip-${kind}`,
      role: 'status',
      'aria-live': 'polite',
      hidden: true,
    });
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
    this.plane.canvas.tabIndex = 0;
    this.plane.canvas.addEventListener('pointermove', (e) => this.hover(e));
    this.plane.canvas.addEventListener('pointerleave', () => this.showPoint(-1));
    this.plane.canvas.addEventListener('keydown', (e) => this.key(e));
    this.plane.canvas.addEventListener('blur', () => this.showPoint(-1));
  }

  /** A new data set (after a reset): clears the picture until the first report. */
  setData(data: DataMessage): void {
    this.data = data;
    this.report = undefined;
    this.plane.setBox(data.grid);
    this.draw();
    this.failure.hidden = true;
    this.showPoint(-1);
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
    // Keep an open card in step with the model it describes.
    if (!this.tooltip.hidden) this.showPoint(this.shown);
  }

  private draw(): void {
    const d = this.data;
    this.plane.clear();
    if (d && this.report)
      drawRegions(this.plane, this.report.grid, d.grid.nx, d.grid.ny, d.classes, CLASS_COLORS_LIGHT);
    if (d) {
      this.plane.drawPoints(d.x, d.y, CLASS_COLORS_DARK, 2.5);
      this.plane.drawAddedPoints(d.x, d.y, CLASS_COLORS_DARK, d.y.length - d.added, 5);
    }
    this.plane.drawFrame();
  }

  private hover(e: PointerEvent): void {
    const d = this.data;
    if (!d || !this.report) return;
    const [px, py] = this.plane.eventPx(e);
    this.showPoint(this.plane.nearestPoint(d.x, px, py));
  }

  /** Arrow keys walk through the points (the keyboard way to the hover card); Escape hides the card. */
  private key(e: KeyboardEvent): void {
    const n = this.data?.y.length ?? 0;
    if (n === 0 || !this.report) return;
    const step =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? 1
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? -1
          : 0;
    if (e.key === 'Escape') this.showPoint(-1);
    if (step === 0) return;
    e.preventDefault();
    this.showPoint(this.shown < 0 ? 0 : (this.shown + step + n) % n);
  }

  /** Shows the card of point i (−1 hides it). */
  private showPoint(i: number): void {
    const d = this.data;
    const r = this.report;
    this.shown = i;
    if (!d || !r || i < 0) {
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
        `${i >= d.y.length - d.added ? 'your point' : 'point'} ${i}: (${d.x[2 * i]!.toFixed(2)}, ${d.x[2 * i + 1]!.toFixed(2)}), class c${d.y[i]}`,
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
    const width = this.plane.canvas.getBoundingClientRect().width;
    // Open towards the side with room, so the card never spills out of the panel.
    const left = qx * scale + 12 + 170 > width ? qx * scale - 12 - 170 : qx * scale + 12;
    this.tooltip.style.left = `${Math.max(0, left)}px`;
    this.tooltip.style.top = `${qy * scale + 12}px`;
    this.tooltip.hidden = false;
    this.tooltip.dataset.point = String(i);
  }
}
