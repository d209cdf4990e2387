/**
 * Section 3, the data: scikit-learn's `make_blobs` reproduced bit for bit by the library (samples, centres,
 * cluster std, random_state; the lab's settings by default), drawn as a scatter in the Paired class colours.
 * The worker generates the data (the models train on exactly what is drawn here). The learner's own points
 * (see added-points-panel.ts) are drawn larger with a ring, from the state, so a click shows at once.
 *
 * @module
 */

import { CLASS_COLORS_DARK } from '../../render/palette.js';
import { numberField, sliderField, textField } from '../controls.js';
import { downloadJson } from '../download.js';
import { h } from '../render/dom.js';
import { PlaneCanvas } from '../render/plane.js';
import { LIMITS } from '../state/lab-state.js';
import type { Store } from '../state/store.js';
import type { DataMessage } from '../worker/protocol.js';
import type { TrainClient } from '../worker/train-client.js';
import { AddedPointsPanel } from './added-points-panel.js';

/** Reads "-5,2; -2,-2; …" as centres (2–10 of them, coordinates within ±20); undefined if not acceptable. */
export function parseCenters(text: string): [number, number][] | undefined {
  const rows = text
    .split(';')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  if (rows.length < LIMITS.centers.min || rows.length > LIMITS.centers.max) return undefined;
  const out: [number, number][] = [];
  for (const r of rows) {
    const xy = r.split(/[\s,]+/).filter((p) => p !== '');
    const [a, b] = xy.map(Number);
    if (xy.length !== 2 || a === undefined || b === undefined) return undefined;
    if (![a, b].every((v) => Number.isFinite(v) && Math.abs(v) <= LIMITS.coordinate.max)) return undefined;
    out.push([a, b]);
  }
  return out;
}

/** Mounts the data section into `root`. */
export function mountData(root: HTMLElement, store: Store, client: TrainClient): void {
  const st = store.get();
  const samples = numberField({
    label: 'samples',
    range: LIMITS.samples,
    step: 1,
    value: st.samples,
    onChange: (v) => store.set({ samples: v }),
    testId: 'data-samples',
  });
  const std = sliderField({
    label: 'cluster std',
    range: LIMITS.std,
    step: 0.1,
    value: st.std,
    format: (v) => v.toFixed(1),
    onChange: (v) => store.set({ std: v }),
    testId: 'data-std',
  });
  const seed = numberField({
    label: 'random_state',
    range: LIMITS.seed,
    step: 1,
    value: st.dataSeed,
    onChange: (v) => store.set({ dataSeed: v }),
    testId: 'data-seed',
  });
  const reseed = h('button', { type: 'button', 'data-testid': 'data-regenerate' }, 'New draw (seed + 1)');
  reseed.addEventListener('click', () => store.set({ dataSeed: (store.get().dataSeed + 1) % 4294967296 }));
  const centers = textField({
    label: 'centres',
    value: st.centers,
    parse: parseCenters,
    show: (v) => v.map((c) => c.join(', ')).join('; '),
    onChange: (v) => store.set({ centers: v }),
    testId: 'data-centers',
    hint: 'x0, x1 per class, separated by ";" (2–10 classes)',
    size: 30,
  });
  const plane = new PlaneCanvas(460, {
    'data-testid': 'data-scatter',
    role: 'img',
    'aria-label':
      'scatter plot of the blobs, coloured by class; click to add a point, shift-click to remove one of yours (or use the form above)',
    class: 'scatter-canvas',
  });
  const added = new AddedPointsPanel(store, plane);
  let shown: DataMessage | undefined;
  const drawScatter = () => {
    if (!shown) return;
    const blobRows = shown.y.length - shown.added;
    const points = store.get().addedPoints;
    plane.clear();
    plane.drawPoints(shown.x.subarray(0, 2 * blobRows), shown.y.subarray(0, blobRows), CLASS_COLORS_DARK, 3);
    plane.drawAddedPoints(
      Float64Array.from(points.flatMap((p) => [p.x0, p.x1])),
      Int32Array.from(points, (p) => p.label),
      CLASS_COLORS_DARK,
      0,
    );
    plane.drawFrame();
  };
  const legend = h('div', { class: 'class-legend' });
  const exportB = h(
    'button',
    { type: 'button', 'data-testid': 'export-data', disabled: true },
    'Download data (JSON)',
  );
  let last: { x: number[][]; y: number[]; testX: number[][]; testY: number[]; addedRows: number } | undefined;
  const rows = (flat: Float64Array) =>
    Array.from({ length: flat.length / 2 }, (_, r) => [flat[2 * r]!, flat[2 * r + 1]!]);
  exportB.addEventListener('click', () => {
    const s = store.get();
    if (!last) return;
    downloadJson(`softmax-lab-blobs-${s.samples}-seed-${s.dataSeed}.json`, {
      format: 'softmax-lab-blobs/1',
      makeBlobs: { nSamples: s.samples, centers: s.centers, clusterStd: s.std, randomState: s.dataSeed },
      ...last,
    });
  });
  root.append(
    h(
      'div',
      { class: 'toolbar' },
      samples.element,
      std.element,
      seed.element,
      reseed,
      centers.element,
      exportB,
    ),
    added.element,
    h('div', { class: 'data-view' }, plane.canvas, legend),
  );

  client.listen({
    onData: (d) => {
      last = {
        x: rows(d.x),
        y: Array.from(d.y),
        testX: rows(d.testX),
        testY: Array.from(d.testY),
        addedRows: d.added,
      };
      exportB.disabled = false;
      shown = d;
      plane.setBox(d.grid);
      added.setReady();
      drawScatter();
      const blobRows = d.y.length - d.added;
      const counts = new Array<number>(d.classes).fill(0);
      const own = new Array<number>(d.classes).fill(0);
      for (let r = 0; r < d.y.length; r++) (r < blobRows ? counts : own)[d.y[r]!]!++;
      const cs = store.get().centers;
      const title =
        d.added === 0
          ? `${d.y.length} training points (+ ${d.testY.length} test points, seed + 1)`
          : `${d.y.length} training points: ${blobRows} from the blobs and ${d.added} of yours (+ ${d.testY.length} test points, seed + 1)`;
      legend.replaceChildren(
        h('div', { class: 'legend-title' }, title),
        ...counts.map((n, c) =>
          h(
            'div',
            { class: 'legend-item' },
            h('span', { class: 'dot', style: `--c:${CLASS_COLORS_DARK[c % CLASS_COLORS_DARK.length]}` }),
            `c${c}: ${n} points around (${cs[c]?.join(', ') ?? '?'})${own[c] ? ` + ${own[c]} of yours` : ''}`,
          ),
        ),
      );
    },
  });
  store.subscribe((s, changed) => {
    added.update(changed.has('centers'));
    if (changed.has('addedPoints')) drawScatter();
    samples.set(s.samples);
    std.set(s.std);
    seed.set(s.dataSeed);
    centers.set(s.centers);
  });
}
