/**
 * The training state a model file can carry with `save(target, { includeOptimizer: true })`, so that
 * training resumes where it stopped: `fit(X, y, { epochs: 5, initialEpoch: 2 })` on the loaded model gives
 * the same weights, bit for bit, as five epochs without the save.
 *
 * - The optimizer's step count and slots go into the weights manifest as TF.js writes them (`group:
 *   "optimizer"`): first `iter` (int32 scalar), then every slot kind for every trainable weight, named
 *   `<layer>/<weight>/<kind>` (`dense/kernel/m`), kinds in the order TF.js' optimizer lists them. A TF.js model
 *   that compiles from the file's `trainingConfig` hands them to its optimizer's `setWeights`.
 * - TF.js' momentum SGD accumulates a = μ·a + g and steps by lr·a, where Keras keeps m = μ·m − lr·g (so
 *   m = −lr·a). When the file carries a TF.js `trainingConfig` for momentum SGD, the slots are written as a
 *   (rounded to float32), and turned back into m when read; everywhere else the slots are Keras' own values.
 * - The model's random stream (the next epoch's shuffle) goes into our metadata: numpy's state, the 624 words
 *   as base64; so does `completedEpochs`, for Keras' epoch numbers when training goes on.
 *
 * @module
 */

import { DataError, describeValue, ModelFormatError } from '../../core/errors.js';
import { quoted } from '../../core/printable.js';
import type { RandomStateSnapshot } from '../../core/random/random-state.js';
import type { Param } from '../layer.js';
import type { OptimizerState } from '../optimizers/optimizer.js';
import { SGD } from '../optimizers/sgd.js';
import type { Sequential } from '../sequential.js';
import type { WeightsManifestEntry } from './artifacts.js';
import { base64ToFloat32, float32ToBase64 } from './float32-base64.js';

/** Name of the step-count entry (TF.js' `Optimizer.saveIterations`). */
export const ITERATIONS_ENTRY = 'iter';

/** How the saved slots are to be read: Keras' values, or TF.js' momentum accumulations. */
export type SlotConvention = 'keras' | 'tfjs';

/** What our metadata records about the training state. */
export interface SavedTrainingState {
  slotConvention: SlotConvention;
  /** `Sequential.completedEpochs`. */
  completedEpochs: number;
  randomState: { key: string; pos: number; hasGauss: boolean; gauss: number };
}

/** The trainable weights with their file names (`dense/kernel`), in the order the optimizer sees them. */
function trainableWeights(model: Sequential): { name: string; param: Param }[] {
  return model.layers.flatMap((layer) =>
    layer
      .params()
      .filter((p) => p.trainable)
      .map((param) => ({ name: `${layer.name}/${param.name}`, param })),
  );
}

/** Converts momentum slots between Keras' m and TF.js' a: m = −lr·a. */
function convertMomentum(values: Float32Array, learningRate: number, toTfjs: boolean): Float32Array {
  const lr = Math.fround(learningRate);
  return values.map((v) => (toTfjs ? -v / lr : -v * lr));
}

/**
 * The manifest entries, values and metadata of a compiled model's training state. `tfjsCompiles` says
 * whether the file also gets a TF.js `trainingConfig` (then TF.js reads the slots, see the module comment).
 */
export function trainingStateArtifacts(
  model: Sequential,
  tfjsCompiles: boolean,
): { specs: WeightsManifestEntry[]; values: (Float32Array | Int32Array)[]; metadata: SavedTrainingState } {
  const optimizer = model.compileConfig!.optimizer;
  const weights = trainableWeights(model);
  const state = optimizer.getState(weights.map((w) => w.param));
  const convention: SlotConvention = tfjsCompiles && optimizer instanceof SGD ? 'tfjs' : 'keras';
  const specs: WeightsManifestEntry[] = [
    { name: ITERATIONS_ENTRY, shape: [], dtype: 'int32', group: 'optimizer' },
  ];
  const values: (Float32Array | Int32Array)[] = [Int32Array.of(state.iterations)];
  for (const kind of optimizer.slotNames) {
    weights.forEach((w, i) => {
      const slot = state.slots[kind]![i]!;
      specs.push({
        name: `${w.name}/${kind}`,
        shape: [...w.param.shape],
        dtype: 'float32',
        group: 'optimizer',
      });
      values.push(convention === 'tfjs' ? convertMomentum(slot, optimizer.learningRate, true) : slot);
    });
  }
  const rs = model.randomState.getState();
  // The 624 words travel through the float32 base64 helper, which copies bit patterns, not numbers.
  const key = float32ToBase64(new Float32Array(rs.key.buffer, rs.key.byteOffset, rs.key.length));
  return {
    specs,
    values,
    metadata: {
      slotConvention: convention,
      completedEpochs: model.completedEpochs,
      randomState: { key, pos: rs.pos, hasGauss: rs.hasGauss, gauss: rs.gauss },
    },
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Restores the optimizer state and the random stream from a loaded file into a compiled `model`. Optimizer
 * entries under other names (e.g. written by TF.js itself) leave the optimizer fresh, as Keras does with state
 * it cannot match; entries under our names that do not fit are an error.
 *
 * @throws {ModelFormatError} an `iter` that is not a whole number >= 0, a slot of the wrong size, or a
 *   random state that is not numpy's
 */
export function restoreTrainingState(
  model: Sequential,
  entries: readonly WeightsManifestEntry[],
  decoded: readonly Float32Array[],
  saved: unknown,
  source: string,
): void {
  const optimizer = model.compileConfig?.optimizer;
  const byName = new Map<string, Float32Array>();
  entries.forEach((e, i) => {
    if (e.group === 'optimizer') byName.set(e.name, decoded[i]!);
  });
  const iter = byName.get(ITERATIONS_ENTRY);
  const weights = trainableWeights(model);
  const names = optimizer?.slotNames.flatMap((kind) => weights.map((w) => `${w.name}/${kind}`)) ?? [];
  if (optimizer && iter && names.every((n) => byName.has(n))) {
    const iterations = iter[0];
    if (iter.length !== 1 || iterations === undefined || !Number.isInteger(iterations) || iterations < 0) {
      throw new ModelFormatError({
        subject: `${source}: optimizer weight "${ITERATIONS_ENTRY}"`,
        expected: 'one whole number >= 0 (the step count)',
        got: iter.length === 1 ? String(iterations) : `${iter.length} values`,
      });
    }
    const tfjsSlots = isObject(saved) && saved.slotConvention === 'tfjs' && optimizer instanceof SGD;
    const state: OptimizerState = { iterations, slots: {} };
    for (const kind of optimizer.slotNames) {
      state.slots[kind] = weights.map((w) => {
        const values = byName.get(`${w.name}/${kind}`)!;
        if (values.length !== w.param.value.length) {
          throw new ModelFormatError({
            subject: `${source}: optimizer weight ${quoted(`${w.name}/${kind}`)}`,
            expected: `${w.param.value.length} values (the size of ${w.name})`,
            got: `${values.length} values`,
          });
        }
        return tfjsSlots ? convertMomentum(values, optimizer.learningRate, false) : values;
      });
    }
    optimizer.setState(
      state,
      weights.map((w) => w.param),
    );
  }
  if (isObject(saved) && saved.completedEpochs !== undefined) {
    const epochs = saved.completedEpochs;
    if (typeof epochs !== 'number' || !Number.isInteger(epochs) || epochs < 0) {
      throw new ModelFormatError({
        subject: `${source}: userDefinedMetadata.softmaxLab.trainingState.completedEpochs`,
        expected: 'a whole number >= 0',
        got: describeValue(epochs),
      });
    }
    model.completedEpochs = epochs;
  }
  if (isObject(saved) && saved.randomState !== undefined) {
    const snapshot = randomStateFrom(saved.randomState, source);
    try {
      model.randomState.setState(snapshot);
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
      throw new ModelFormatError({
        subject: `${source}: userDefinedMetadata.softmaxLab.trainingState.randomState`,
        expected: 'a numpy RandomState state',
        got: e.message,
      });
    }
  }
}

function randomStateFrom(record: unknown, source: string): RandomStateSnapshot {
  const subject = `${source}: userDefinedMetadata.softmaxLab.trainingState.randomState`;
  if (
    !isObject(record) ||
    typeof record.pos !== 'number' ||
    typeof record.hasGauss !== 'boolean' ||
    typeof record.gauss !== 'number'
  ) {
    throw new ModelFormatError({
      subject,
      expected: '{ key, pos, hasGauss, gauss } (numpy RandomState state)',
      got: describeValue(record),
    });
  }
  const words = base64ToFloat32(record.key, 624, `${subject}.key`);
  return {
    key: new Uint32Array(words.buffer),
    pos: record.pos,
    hasGauss: record.hasGauss,
    gauss: record.gauss,
  };
}
