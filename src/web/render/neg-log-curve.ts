/**
 * The curve L(p) = −log p for p in (0, 1] with a marker at the current probability of the target class: the
 * cost picture of the softmax lab, made live.
 *
 * @module
 */

import { fixed, s } from './dom.js';

const W = 260;
const H = 170;
const PAD = { left: 34, right: 10, top: 10, bottom: 28 };
const Y_MAX = 5;

/** The curve; `update(p)` moves the marker. */
export class NegLogCurve {
  readonly element: SVGSVGElement;
  private readonly dot: SVGCircleElement;
  private readonly label: SVGTextElement;

  constructor(color: string) {
    const pw = W - PAD.left - PAD.right;
    const ph = H - PAD.top - PAD.bottom;
    let d = '';
    for (let i = 0; i <= 200; i++) {
      const p = Math.max(1e-3, i / 200);
      const [x, y] = this.toPx(p, -Math.log(p), pw, ph);
      d += `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
    }
    this.dot = s('circle', { r: 5, fill: color, stroke: '#fff', 'stroke-width': 1.5 });
    this.label = s('text', { class: 'curve-label' });
    this.element = s(
      'svg',
      { viewBox: `0 0 ${W} ${H}`, class: 'neg-log', role: 'img', 'aria-label': 'the loss −log p against p' },
      s('rect', { x: PAD.left, y: PAD.top, width: pw, height: ph, class: 'chart-frame' }),
      s('path', { d, fill: 'none', stroke: '#888', 'stroke-width': 2 }),
      ...[0, 0.5, 1].map((p) =>
        s('text', { x: this.toPx(p, 0, pw, ph)[0], y: H - 12, class: 'x-tick' }, String(p)),
      ),
      ...[0, 1, 2, 3, 4, 5].map((v) =>
        s('text', { x: PAD.left - 5, y: this.toPx(0, v, pw, ph)[1], class: 'y-tick' }, String(v)),
      ),
      s('text', { x: PAD.left + pw / 2, y: H - 1, class: 'x-name' }, 'aᵧ (probability of the target)'),
      this.dot,
      this.label,
    );
  }

  private toPx(p: number, loss: number, pw: number, ph: number): [number, number] {
    return [PAD.left + p * pw, PAD.top + (1 - Math.min(loss, Y_MAX) / Y_MAX) * ph];
  }

  /** Moves the marker to (p, −log p); a NaN hides it. */
  update(p: number): void {
    const pw = W - PAD.left - PAD.right;
    const ph = H - PAD.top - PAD.bottom;
    const ok = Number.isFinite(p);
    const [x, y] = this.toPx(ok ? p : 0, ok ? -Math.log(p) : 0, pw, ph);
    this.dot.setAttribute('cx', String(x));
    this.dot.setAttribute('cy', String(y));
    this.dot.setAttribute('visibility', ok ? 'visible' : 'hidden');
    // Label on the side of the dot with more room, so it never runs off the picture.
    const right = x < PAD.left + (W - PAD.left - PAD.right) / 2;
    this.label.setAttribute('x', String(right ? x + 8 : x - 8));
    this.label.setAttribute('text-anchor', right ? 'start' : 'end');
    this.label.setAttribute('y', String(Math.max(y - 8, PAD.top + 12)));
    this.label.textContent = ok ? `−log ${fixed(p, 3)} = ${fixed(-Math.log(p), 3)}` : '';
  }
}
