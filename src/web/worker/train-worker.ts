/**
 * The training Web Worker: builds the blobs and the lab's two models with the library, trains one epoch of
 * both per `step` message and posts their losses, accuracies and pictures, so the page never blocks.
 *
 * One step is `fit(X, y, { epochs: e + 1, initialEpoch: e })` on the same model object, which continues the
 * optimizer state and the model's random stream exactly as one `fit(X, y, { epochs: E })` would.
 *
 * @module
 */

import { TrainingDivergedError } from '../../core/errors.js';
import { Matrix } from '../../core/matrix.js';
import { clearSession, type Sequential } from '../../model/index.js';
import { classProbabilities, confusionCounts, gridFor, gridInputs } from './decision-grid.js';
import { buildLabModel, type ModelKind, makeTestData, makeTrainingSet } from './lab-models.js';
import {
  FIRST_ROWS,
  type FromWorker,
  type LayerWeights,
  type ModelFailure,
  type ModelReport,
  type ToWorker,
  type TrainSettings,
} from './protocol.js';
import { UnitMapper } from './unit-maps.js';

/** The part of the worker global scope used here (the DOM lib types `self` as a Window). */
interface WorkerScope {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}

interface Run {
  id: number;
  settings: TrainSettings;
  x: Matrix<Float64Array>;
  y: Int32Array;
  testX: Matrix<Float64Array>;
  testY: Int32Array;
  gridX: Matrix<Float32Array>;
  classes: number;
  models: Record<ModelKind, Sequential>;
  failures: Partial<Record<ModelKind, string>>;
  epoch: number;
  unitMapper: UnitMapper;
}

const scope = self as unknown as WorkerScope;
let current: Run | undefined;

function report(run: Run, kind: ModelKind): ModelReport | ModelFailure {
  const failed = run.failures[kind];
  if (failed) return { failed };
  const model = run.models[kind];
  const train = model.evaluate(run.x, run.y, { returnDict: true });
  const test = model.evaluate(run.testX, run.testY, { returnDict: true });
  const pointProbs = classProbabilities(model, kind, run.x);
  const rows = Math.min(FIRST_ROWS, run.x.rows);
  return {
    loss: train.loss!,
    accuracy: train.accuracy!,
    testLoss: test.loss!,
    testAccuracy: test.accuracy!,
    grid: classProbabilities(model, kind, run.gridX),
    pointProbs,
    confusion: confusionCounts(pointProbs, run.y, run.classes),
    firstOutputs: model.predict(new Matrix(rows, 2, run.x.data.slice(0, rows * 2))).data,
    units: kind === 'preferred' ? run.unitMapper.maps(model) : undefined,
  };
}

function transferables(r: ModelReport | ModelFailure): Transferable[] {
  if ('failed' in r) return [];
  const list: Transferable[] = [
    r.grid.buffer,
    r.pointProbs.buffer,
    r.confusion.buffer,
    r.firstOutputs.buffer,
  ];
  if (r.units) list.push(r.units.logits.values.buffer);
  if (r.units?.hidden) list.push(r.units.hidden.values.buffer);
  return list;
}

function postEpoch(run: Run, ms: number): void {
  const obvious = report(run, 'obvious');
  const preferred = report(run, 'preferred');
  scope.postMessage({ type: 'epoch', run: run.id, epoch: run.epoch, obvious, preferred, ms }, [
    ...transferables(obvious),
    ...transferables(preferred),
  ]);
}

function reset(id: number, settings: TrainSettings): void {
  const train = makeTrainingSet(settings);
  const test = makeTestData(settings);
  const classes = settings.centers.length;
  const grid = gridFor(train.X.data);
  // Layer names restart at dense, dense_1, … for every run, as after Keras' clear_session().
  clearSession();
  const run: Run = {
    id,
    settings,
    x: train.X,
    y: train.y,
    testX: test.X,
    testY: test.y,
    gridX: gridInputs(grid),
    classes,
    models: {
      obvious: buildLabModel('obvious', settings, classes),
      preferred: buildLabModel('preferred', settings, classes),
    },
    failures: {},
    epoch: 0,
    unitMapper: new UnitMapper(train.X.data),
  };
  current = run;
  scope.postMessage({
    type: 'data',
    run: id,
    x: train.X.data.slice(),
    y: train.y.slice(),
    added: train.added,
    testX: test.X.data.slice(),
    testY: test.y.slice(),
    classes,
    grid,
  });
  postEpoch(run, 0);
}

async function step(run: Run): Promise<void> {
  const started = performance.now();
  const e = run.epoch;
  for (const kind of ['obvious', 'preferred'] as const) {
    if (run.failures[kind]) continue;
    try {
      await run.models[kind].fit(run.x, run.y, {
        epochs: e + 1,
        initialEpoch: e,
        batchSize: run.settings.batchSize,
        shuffle: true,
        verbose: 0,
      });
    } catch (err) {
      if (!(err instanceof TrainingDivergedError)) throw err;
      run.failures[kind] = err.message;
    }
  }
  run.epoch = e + 1;
  postEpoch(run, performance.now() - started);
}

function layerWeights(model: Sequential): LayerWeights[] {
  const weights = model.getWeights();
  return model.layers.map((layer, i) => {
    const kernel = weights[2 * i];
    const bias = weights[2 * i + 1];
    return {
      name: layer.name,
      activation: String(layer.getConfig().activation),
      kernel: kernel instanceof Float32Array ? [Array.from(kernel)] : (kernel?.toArray() ?? []),
      bias: bias instanceof Float32Array ? Array.from(bias) : [],
    };
  });
}

function postWeights(run: Run): void {
  scope.postMessage({
    type: 'weights',
    run: run.id,
    format: 'softmax-lab-weights/1',
    epoch: run.epoch,
    settings: run.settings,
    models: { obvious: layerWeights(run.models.obvious), preferred: layerWeights(run.models.preferred) },
  });
}

scope.onmessage = (event) => {
  const msg = event.data;
  const run = msg.run;
  Promise.resolve()
    .then(() => {
      if (msg.type === 'reset') reset(msg.run, msg.settings);
      else if (!current || current.id !== msg.run) return;
      else if (msg.type === 'weights') postWeights(current);
      else return step(current);
    })
    .catch((err: unknown) => {
      scope.postMessage({ type: 'error', run, message: err instanceof Error ? err.message : String(err) });
    });
};
