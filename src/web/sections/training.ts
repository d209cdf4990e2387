/**
 * Section 4, training: the lab's obvious and preferred models side by side, trained in a Web Worker with the
 * library (play / pause / step one epoch / reset), with live decision regions, loss and accuracy curves for
 * the training and test sets, and confusion matrices.
 *
 * @module
 */

import { LAB_COLORS } from '../../render/palette.js';
import { numberField, selectField, textField } from '../controls.js';
import { downloadJson } from '../download.js';
import { h } from '../render/dom.js';
import { LineChart } from '../render/line-chart.js';
import { pointsOfClasses } from '../state/added-points.js';
import { ACTIVATIONS, type LabState, LIMITS, OPTIMIZERS } from '../state/lab-state.js';
import type { Store } from '../state/store.js';
import type { EpochMessage, TrainSettings } from '../worker/protocol.js';
import type { TrainClient } from '../worker/train-client.js';
import { ModelPanel } from './model-panel.js';
import { UnitView } from './unit-view.js';

/** Reads "25, 15" as hidden-layer sizes (empty or "none": no hidden layer); undefined if not acceptable. */
export function parseHidden(text: string): number[] | undefined {
  const t = text.trim().toLowerCase();
  if (t === '' || t === 'none') return [];
  const parts = t.split(/[\s,]+/).filter((p) => p !== '');
  if (parts.length > LIMITS.hiddenLayers.max) return undefined;
  const units = parts.map(Number);
  return units.every((u) => Number.isInteger(u) && u >= LIMITS.units.min && u <= LIMITS.units.max)
    ? units
    : undefined;
}

const SERIES = [
  // Wider and drawn first: the two models' curves usually coincide, and the obvious one must stay visible.
  { name: 'obvious, train', color: LAB_COLORS.dlorange, width: 5 },
  { name: 'obvious, test', color: LAB_COLORS.dlorange, dashed: true, width: 5 },
  { name: 'preferred, train', color: LAB_COLORS.dlblue },
  { name: 'preferred, test', color: LAB_COLORS.dlblue, dashed: true },
];

/** Mounts the training section into `root`. */
export function mountTraining(root: HTMLElement, store: Store, client: TrainClient): void {
  const st = store.get();
  const hidden = textField({
    label: 'hidden layers',
    value: st.hidden,
    parse: parseHidden,
    show: (v) => v.join(', '),
    onChange: (v) => store.set({ hidden: v }),
    testId: 'hidden-layers',
    hint: 'units per layer, up to 4 layers of 1–256',
    size: 10,
  });
  const activation = selectField({
    label: 'activation',
    options: ACTIVATIONS,
    value: st.activation,
    onChange: (v) => store.set({ activation: v }),
    testId: 'activation',
  });
  const optimizer = selectField({
    label: 'optimizer',
    options: OPTIMIZERS,
    value: st.optimizer,
    onChange: (v) => store.set({ optimizer: v }),
    testId: 'optimizer',
  });
  const lr = numberField({
    label: 'learning rate',
    range: LIMITS.learningRate,
    step: 'any',
    value: st.learningRate,
    onChange: (v) => store.set({ learningRate: v }),
    testId: 'learning-rate',
  });
  const batch = numberField({
    label: 'batch size',
    range: LIMITS.batchSize,
    step: 1,
    value: st.batchSize,
    onChange: (v) => store.set({ batchSize: v }),
    testId: 'batch-size',
  });
  const epochs = numberField({
    label: 'epochs',
    range: LIMITS.epochs,
    step: 1,
    value: st.epochs,
    onChange: (v) => store.set({ epochs: v }),
    testId: 'epochs',
  });
  const seed = numberField({
    label: 'model seed',
    range: LIMITS.seed,
    step: 1,
    value: st.modelSeed,
    onChange: (v) => store.set({ modelSeed: v }),
    testId: 'model-seed',
  });

  const button = (label: string, testId: string, title: string) =>
    h('button', { type: 'button', 'data-testid': testId, title }, label);
  const resetB = button('⟲ Reset', 'train-reset', 'rebuild both models from the seed');
  const playB = button('▶ Play', 'train-start', 'train until the epoch count is reached');
  const pauseB = button('❚❚ Pause', 'train-pause', 'stop after the current epoch');
  const stepB = button('Step one epoch', 'train-step', 'train one more epoch');
  const exportB = button('Download weights (JSON)', 'export-weights', "both models' weights in Keras order");
  const epochOut = h('strong', { 'data-testid': 'epoch' }, '0');
  const epochTotal = h('span', {}, String(st.epochs));
  const status = h('span', { class: 'train-status', role: 'status', 'data-testid': 'train-status' });
  const note = h('p', { class: 'same-note', 'data-testid': 'compare-note' });

  const obvious = new ModelPanel(
    'obvious',
    'Obvious: softmax output layer',
    `Dense(k, 'softmax') + SparseCategoricalCrossentropy()`,
  );
  const preferred = new ModelPanel(
    'preferred',
    'Preferred: linear output + from_logits',
    `Dense(k, 'linear') + SparseCategoricalCrossentropy({ fromLogits: true })`,
  );
  const lossChart = new LineChart({ title: 'loss (after each epoch)', series: SERIES, digits: 4 });
  const accChart = new LineChart({ title: 'accuracy (after each epoch)', series: SERIES, digits: 4 });
  const unitView = new UnitView();

  root.append(
    h(
      'div',
      { class: 'toolbar settings' },
      hidden.element,
      activation.element,
      optimizer.element,
      lr.element,
      batch.element,
      epochs.element,
      seed.element,
    ),
    h(
      'div',
      { class: 'toolbar transport' },
      resetB,
      playB,
      pauseB,
      stepB,
      h('span', { class: 'epoch-counter' }, 'epoch ', epochOut, ' / ', epochTotal),
      status,
      exportB,
    ),
    h('div', { class: 'model-grid' }, obvious.element, preferred.element),
    note,
    h('div', { class: 'chart-grid' }, lossChart.element, accChart.element),
    unitView.element,
  );

  resetB.addEventListener('click', () => client.reset(trainSettings(store.get())));
  playB.addEventListener('click', () => client.play(store.get().epochs));
  pauseB.addEventListener('click', () => client.pause());
  stepB.addEventListener('click', () => client.step());
  exportB.addEventListener('click', () => client.requestWeights());

  let epochsSeen: number[] = [];
  let curves: { loss: number[][]; acc: number[][] } = { loss: [[], [], [], []], acc: [[], [], [], []] };
  const onEpoch = (m: EpochMessage) => {
    obvious.setReport(m.obvious);
    preferred.setReport(m.preferred);
    if (!('failed' in m.preferred) && m.preferred.units) unitView.update(m.preferred.units);
    epochOut.textContent = String(m.epoch);
    if (m.epoch === 0) {
      epochsSeen = [];
      curves = { loss: [[], [], [], []], acc: [[], [], [], []] };
    }
    epochsSeen.push(m.epoch);
    [m.obvious, m.preferred].forEach((r, i) => {
      const ok = !('failed' in r);
      curves.loss[2 * i]!.push(ok ? r.loss : Number.NaN);
      curves.loss[2 * i + 1]!.push(ok ? r.testLoss : Number.NaN);
      curves.acc[2 * i]!.push(ok ? r.accuracy : Number.NaN);
      curves.acc[2 * i + 1]!.push(ok ? r.testAccuracy : Number.NaN);
    });
    note.textContent = compareNote(m);
    lossChart.update(epochsSeen, curves.loss);
    accChart.update(epochsSeen, curves.acc);
    status.textContent =
      m.epoch === 0 ? 'untrained models' : `epoch ${m.epoch} took ${m.ms.toFixed(0)} ms (both models)`;
  };
  client.listen({
    onData: (d) => {
      obvious.setData(d);
      preferred.setData(d);
    },
    onEpoch,
    onWeights: (w) => {
      const { type: _type, run: _run, ...file } = w;
      downloadJson(`softmax-lab-weights-epoch-${w.epoch}.json`, file);
    },
    onStatus: (s) => {
      playB.disabled = s.playing;
      pauseB.disabled = !s.playing;
      stepB.disabled = s.playing || s.busy;
      root.dataset.busy = String(s.busy || s.playing);
    },
    onError: (message) => {
      status.textContent = `Error: ${message}`;
    },
  });

  store.subscribe((s, changed) => {
    hidden.set(s.hidden);
    activation.set(s.activation);
    optimizer.set(s.optimizer);
    lr.set(s.learningRate);
    batch.set(s.batchSize);
    epochs.set(s.epochs);
    seed.set(s.modelSeed);
    if (changed.has('epochs')) {
      epochTotal.textContent = String(s.epochs);
      client.setTarget(s.epochs);
    }
  });
}

/** What the two loss values say about the two formulations. */
export function compareNote(m: Pick<EpochMessage, 'obvious' | 'preferred'>): string {
  if ('failed' in m.obvious || 'failed' in m.preferred)
    return 'One model stopped training; the other goes on.';
  const a = m.obvious.loss;
  const b = m.preferred.loss;
  const gap = Math.abs(a - b);
  if (gap <= 1e-4 * Math.max(Math.abs(a), Math.abs(b))) {
    return (
      'Both models start from the same weights and see the same batches, so their curves lie on top of each other: ' +
      `the two formulations are the same mathematics and differ here only by float32 rounding (training-loss difference ${gap === 0 ? '0' : gap.toExponential(1)}). ` +
      'Try learning rate 10 with SGD to see them part.'
    );
  }
  return (
    `The two models have parted: training loss ${a.toFixed(4)} (obvious) vs ${b.toFixed(4)} (preferred). ` +
    'A loss on probabilities only sees them after softmax, rounded to float32 and clipped to [1e-7, 1 − 1e-7], so a ' +
    'saturated softmax gives it a wrong, flat loss with zero gradient; the loss on logits stays exact and its gradient is never clipped away.'
  );
}

/**
 * The fields of the state the worker needs. Added points of a class the centres no longer have are left out
 * (the data section also removes them from the state, with a note).
 */
export function trainSettings(s: Readonly<LabState>): TrainSettings {
  return {
    samples: s.samples,
    std: s.std,
    dataSeed: s.dataSeed,
    centers: s.centers.map((c) => [c[0], c[1]] as [number, number]),
    addedPoints: pointsOfClasses(s.addedPoints, s.centers.length).map((p) => ({ ...p })),
    hidden: [...s.hidden],
    activation: s.activation,
    optimizer: s.optimizer,
    learningRate: s.learningRate,
    batchSize: s.batchSize,
    modelSeed: s.modelSeed,
  };
}
