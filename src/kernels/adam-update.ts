/**
 * The Adam update of one weight array, Keras 3 formulas in float32 (see `src/model/optimizers/adam.ts`):
 *
 *   m ← m + (g − m)·(1 − β1);   v ← v + (g² − v)·(1 − β2);   w ← w − α·m / (sqrt(v̂) + ε)
 *
 * with v̂ = v, or with amsgrad v̂ = vMax ← max(vMax, v). α already holds the bias correction.
 * The wasm kernel (f32x4) and the JS loop (every step rounded with Math.fround) give identical bits, since
 * each is a sequence of correctly rounded float32 operations; the wasm one runs when all arrays live in the
 * kernels' memory.
 *
 * @module
 */

import { copyFloat32 } from './copy.js';
import { allFinite } from './finite.js';
import { allocInt32, residentOffset } from './wasm-memory.js';
import { getWasmKernels } from './wasm-module.js';

const f = Math.fround;

/** Float32 scalars of one Adam step (all already rounded to float32 by the caller). */
export interface AdamScalars {
  alpha: number;
  oneMinusBeta1: number;
  oneMinusBeta2: number;
  epsilon: number;
}

/**
 * Updates `w`, `m`, `v` (and `vMax` when given) in place from the gradient `g`; all of one length.
 *
 * @example
 * adamUpdate(w, g, m, v, null, { alpha, oneMinusBeta1: f(1 - 0.9), oneMinusBeta2: f(1 - 0.999), epsilon: f(1e-7) });
 */
export function adamUpdate(
  w: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  vMax: Float32Array | null,
  s: AdamScalars,
): void {
  if (recording !== null) recording.record(w, g, m, v, vMax, s);
  else adamUpdateNow(w, g, m, v, vMax, s);
}

// The update itself, apart from adamUpdate so that the recording path (every training step with Adam)
// compiles small and early.
function adamUpdateNow(
  w: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  vMax: Float32Array | null,
  s: AdamScalars,
): void {
  const kernels = getWasmKernels();
  if (kernels) {
    const ow = residentOffset(kernels, w);
    const og = residentOffset(kernels, g);
    const om = residentOffset(kernels, m);
    const ov = residentOffset(kernels, v);
    const ox = vMax ? residentOffset(kernels, vMax) : 0;
    if (ow >= 0 && og >= 0 && om >= 0 && ov >= 0 && ox >= 0) {
      kernels.exports.adamUpdate(
        ow,
        og,
        om,
        ov,
        ox,
        w.length,
        s.alpha,
        s.oneMinusBeta1,
        s.oneMinusBeta2,
        s.epsilon,
      );
      return;
    }
  }
  const { alpha, oneMinusBeta1, oneMinusBeta2, epsilon } = s;
  for (let i = 0; i < w.length; i++) {
    const gi = g[i]!;
    const mi = f(m[i]! + f(f(gi - m[i]!) * oneMinusBeta1));
    const vi = f(v[i]! + f(f(f(gi * gi) - v[i]!) * oneMinusBeta2));
    m[i] = mi;
    v[i] = vi;
    let used = vi;
    if (vMax) {
      used = Math.max(vi, vMax[i]!);
      vMax[i] = used;
    }
    w[i] = f(w[i]! - f(f(mi * alpha) / f(f(Math.sqrt(used)) + epsilon)));
  }
}

/** A placeholder with the shape of every step's scalars (never used in an update). */
const NO_SCALARS: AdamScalars = {
  alpha: Number.NaN,
  oneMinusBeta1: Number.NaN,
  oneMinusBeta2: Number.NaN,
  epsilon: Number.NaN,
};

/** The batch that {@link adamUpdate} currently records into, if any. */
let recording: AdamStepBatch | null = null;

/** int32 per table entry: w, g, m, v, vMax, backup, n (see `adamUpdates` in wasm/update.as). */
const ENTRY_INTS = 7;

/**
 * One optimizer step's Adam updates, collected and run together: one wasm call updates every weight array,
 * copying each into its backup just before its update, and checks that all new weights are finite. Between
 * {@link AdamStepBatch.begin} and {@link AdamStepBatch.end}, {@link adamUpdate} records its arguments
 * instead of running; `end` runs them. A step's updates are independent of each other, so running them
 * after recording all of them changes nothing.
 *
 * Where the arrays are not all in the kernels' memory (or the updates do not match the weights given to the
 * constructor), `end` does the same in steps: copies every backup, runs the recorded updates, checks.
 *
 * @example
 * batch.begin();
 * try { adam.apply(params); } finally { batch.stop(); }
 * if (!batch.end()) restore(weights, backups);
 */
export class AdamStepBatch {
  // Every field gets its final type in the constructor (no field starts as undefined or an empty array and
  // changes kind later): a new batch per fit must not send the optimized step code back to the interpreter.
  private readonly weights: readonly Float32Array[];
  private readonly backups: readonly Float32Array[];
  private count: number;
  private readonly w: Float32Array[];
  private readonly g: Float32Array[];
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];
  private readonly vMax: (Float32Array | null)[];
  private readonly scalars: AdamScalars[];
  // The step's scalars, from the first recorded update (NaN before; mixed: updates disagreed).
  private alpha: number;
  private oneMinusBeta1: number;
  private oneMinusBeta2: number;
  private epsilon: number;
  private mixedScalars: boolean;
  // The wasm table and the arrays it was built from (offsets stay valid while the same arrays come back).
  private readonly table: Int32Array;
  private readonly tableArrays: (Float32Array | null)[];
  private tableBuilt: boolean;

  /** `weights[i]` is backed up into `backups[i]` (same lengths) before its update. */
  constructor(weights: readonly Float32Array[], backups: readonly Float32Array[]) {
    this.weights = weights;
    this.backups = backups;
    this.count = 0;
    this.w = weights.slice();
    this.g = weights.slice();
    this.m = weights.slice();
    this.v = weights.slice();
    this.vMax = weights.map(() => null);
    this.scalars = weights.map(() => NO_SCALARS);
    this.alpha = Number.NaN;
    this.oneMinusBeta1 = Number.NaN;
    this.oneMinusBeta2 = Number.NaN;
    this.epsilon = Number.NaN;
    this.mixedScalars = false;
    this.table = allocInt32(weights.length * ENTRY_INTS);
    this.tableArrays = Array.from({ length: weights.length * 5 }, () => null);
    this.tableBuilt = false;
  }

  /** Starts recording: {@link adamUpdate} calls are collected until {@link stop}. */
  begin(): void {
    this.count = 0;
    this.mixedScalars = false;
    recording = this;
  }

  /** Stops recording (call it in a `finally`, so a throwing optimizer never leaves recording on). */
  stop(): void {
    if (recording === this) recording = null;
  }

  /** @internal Called by {@link adamUpdate} while recording. */
  record(
    w: Float32Array,
    g: Float32Array,
    m: Float32Array,
    v: Float32Array,
    vMax: Float32Array | null,
    s: AdamScalars,
  ): void {
    const i = this.count++;
    this.w[i] = w;
    this.g[i] = g;
    this.m[i] = m;
    this.v[i] = v;
    this.vMax[i] = vMax;
    this.scalars[i] = s;
    if (i === 0) {
      this.alpha = s.alpha;
      this.oneMinusBeta1 = s.oneMinusBeta1;
      this.oneMinusBeta2 = s.oneMinusBeta2;
      this.epsilon = s.epsilon;
    } else if (
      s.alpha !== this.alpha ||
      s.oneMinusBeta1 !== this.oneMinusBeta1 ||
      s.oneMinusBeta2 !== this.oneMinusBeta2 ||
      s.epsilon !== this.epsilon
    ) {
      this.mixedScalars = true;
    }
  }

  /**
   * Runs the recorded updates, each weight array backed up first. Returns true when every weight given to
   * the constructor is finite afterwards.
   */
  end(): boolean {
    this.stop();
    if (this.count > 0 && !this.mixedScalars && this.tableReady()) {
      const ok = getWasmKernels()!.exports.adamUpdates(
        this.table.byteOffset,
        this.count,
        this.alpha,
        this.oneMinusBeta1,
        this.oneMinusBeta2,
        this.epsilon,
      );
      return ok === 1;
    }
    return this.endInSteps();
  }

  private endInSteps(): boolean {
    const { weights, backups } = this;
    for (let i = 0; i < weights.length; i++) copyFloat32(backups[i]!, weights[i]!);
    for (let i = 0; i < this.count; i++) {
      adamUpdateNow(this.w[i]!, this.g[i]!, this.m[i]!, this.v[i]!, this.vMax[i]!, this.scalars[i]!);
    }
    for (const w of weights) if (!allFinite(w)) return false;
    return true;
  }

  /** True when the wasm table describes the recorded updates (rebuilding it if the arrays changed). */
  private tableReady(): boolean {
    const n = this.weights.length;
    if (this.count !== n) return false;
    const arrays = this.tableArrays;
    let same = this.tableBuilt;
    for (let i = 0; i < n && same; i++) {
      const o = i * 5;
      same =
        arrays[o] === this.w[i] &&
        arrays[o + 1] === this.g[i] &&
        arrays[o + 2] === this.m[i] &&
        arrays[o + 3] === this.v[i] &&
        arrays[o + 4] === this.vMax[i];
    }
    return same || this.buildTable();
  }

  private buildTable(): boolean {
    this.tableBuilt = false;
    const kernels = getWasmKernels();
    if (!kernels || residentOffset(kernels, this.table) < 0) return false;
    const n = this.weights.length;
    const offsets = new Int32Array(n * ENTRY_INTS);
    for (let i = 0; i < n; i++) {
      const w = this.w[i]!;
      const vMax = this.vMax[i]!;
      const entry = [
        residentOffset(kernels, w),
        residentOffset(kernels, this.g[i]!),
        residentOffset(kernels, this.m[i]!),
        residentOffset(kernels, this.v[i]!),
        vMax ? residentOffset(kernels, vMax) : 0,
        residentOffset(kernels, this.backups[i]!),
      ];
      if (w !== this.weights[i] || entry.some((o) => o < 0)) return false;
      offsets.set(entry, i * ENTRY_INTS);
      offsets[i * ENTRY_INTS + 6] = w.length;
    }
    this.table.set(offsets);
    for (let i = 0; i < n; i++) {
      const o = i * 5;
      this.tableArrays[o] = this.w[i]!;
      this.tableArrays[o + 1] = this.g[i]!;
      this.tableArrays[o + 2] = this.m[i]!;
      this.tableArrays[o + 3] = this.v[i]!;
      this.tableArrays[o + 4] = this.vMax[i]!;
    }
    this.tableBuilt = true;
    return true;
  }
}
