/**
 * `Dense`: y = activation(x · W + b), with W of shape (in, units) and b of shape (units), as in Keras.
 * Built lazily from the first input width it sees, like Keras; weights come from the model's RandomState.
 *
 * Shapes for a batch of B rows: x [B, in] → z = x·W + b [B, units] → y = f(z) [B, units].
 * Backward, given dy = dL/dy: dz = dy ⊙ f'(z); dW = xᵀ·dz; db = Σ_rows dz; dx = dz·Wᵀ.
 *
 * @module
 */

import { DataError, describeValue } from '../core/errors.js';
import { checkOptions } from '../core/options.js';
import type { RandomState } from '../core/random/random-state.js';
import { denseBackward, denseForward, type FusedActivation } from '../kernels/dense-kernels.js';
import { broadcastRows, columnSums, gemmNN, gemmNT, gemmTN } from '../kernels/gemm.js';
import type { DenseArrays } from '../kernels/mlp-kernels.js';
import { allocFloat32, isResident } from '../kernels/wasm-memory.js';
import { type Activation, type ActivationName, getActivation } from './activations.js';
import { canonicalInitializerName, getInitializer, type InitializerName } from './initializers.js';
import type { Layer, Param } from './layer.js';
import { checkWeightCount } from './memory-limits.js';
import { uniqueName } from './naming.js';

/** Options of {@link Dense} (Keras names in camelCase). */
export interface DenseOptions {
  /** Output width (number of units). */
  units: number;
  /** `linear` (default, also for `null`), `relu`, `sigmoid`, `tanh` or `softmax`. */
  activation?: ActivationName | null;
  /** Add a bias vector (default true). */
  useBias?: boolean;
  /** Kernel initializer (default `glorotUniform`, as Keras). */
  kernelInitializer?: InitializerName | string;
  /** Bias initializer (default `zeros`). */
  biasInitializer?: InitializerName | string;
  /** Input width, to build the layer (and the model) before seeing data. */
  inputDim?: number;
  /** Layer name (default `dense`, `dense_1`, ... like Keras). */
  name?: string;
}

const knownOptions = [
  'units',
  'activation',
  'useBias',
  'kernelInitializer',
  'biasInitializer',
  'inputDim',
  'name',
];

function positiveInteger(value: unknown, subject: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new DataError({ subject, expected: 'a positive integer', got: describeValue(value) });
  }
  return value;
}

/**
 * A fully connected layer.
 *
 * @example
 * const layer = new Dense({ units: 25, activation: 'relu' });
 */
export class Dense implements Layer {
  readonly name: string;
  readonly className = 'Dense';
  readonly units: number;
  readonly activation: Activation;
  readonly useBias: boolean;
  readonly kernelInitializer: InitializerName;
  readonly biasInitializer: InitializerName;
  private inDim: number | undefined;
  private kernel: Float32Array = new Float32Array(0);
  private bias: Float32Array = new Float32Array(0);
  private kernelGrad: Float32Array = new Float32Array(0);
  private biasGrad: Float32Array = new Float32Array(0);
  private paramList: Param[] = [];
  // Per-batch buffers, grown to the largest batch seen. softmax needs its input z apart from its output y;
  // every other activation's derivative can be read off y, so they work in place (z === y).
  private input: Float32Array = new Float32Array(0);
  private z: Float32Array = new Float32Array(0);
  private y: Float32Array = new Float32Array(0);
  private dx: Float32Array = new Float32Array(0);
  // A copy of an input that lives outside the kernels' memory (the first layer's batch), so both passes
  // read it in place.
  private inputStage: Float32Array = new Float32Array(0);
  // Activations whose derivative needs no extra buffer run forward and backward in one wasm call.
  private readonly fused: FusedActivation | undefined;
  private arraysVersion = 0;

  constructor(options: DenseOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new DataError({
        subject: 'Dense options',
        expected: 'an object like { units: 4 }',
        got: describeValue(options),
      });
    }
    checkOptions(options, 'Dense options', knownOptions);
    this.units = positiveInteger(options.units, 'Dense.units');
    this.activation = getActivation(options.activation);
    if (options.useBias !== undefined && typeof options.useBias !== 'boolean') {
      throw new DataError({
        subject: 'Dense.useBias',
        expected: 'true or false',
        got: describeValue(options.useBias),
      });
    }
    this.useBias = options.useBias ?? true;
    const act = this.activation.name;
    this.fused = act === 'relu' || act === 'linear' ? act : undefined;
    this.kernelInitializer = canonicalInitializerName(options.kernelInitializer ?? 'glorotUniform');
    this.biasInitializer = canonicalInitializerName(options.biasInitializer ?? 'zeros');
    this.inDim =
      options.inputDim === undefined ? undefined : positiveInteger(options.inputDim, 'Dense.inputDim');
    if (options.name !== undefined && (typeof options.name !== 'string' || options.name === '')) {
      throw new DataError({
        subject: 'Dense.name',
        expected: 'a non-empty string',
        got: describeValue(options.name),
      });
    }
    this.name = options.name ?? uniqueName('dense');
  }

  get inputDim(): number | undefined {
    return this.inDim;
  }

  get outputDim(): number {
    return this.units;
  }

  get built(): boolean {
    return this.paramList.length > 0;
  }

  /** inputDim · units kernel weights, plus units biases when `useBias`. */
  weightCountFor(inputDim: number): number {
    return inputDim * this.units + (this.useBias ? this.units : 0);
  }

  /**
   * Creates the kernel (inputDim x units) and bias (units) from the initializers, drawing from `rs`.
   *
   * @throws {DataError} inputDim is not a positive integer, or the layer would exceed `MAX_MODEL_WEIGHTS`
   *   weights (refused before allocating)
   */
  build(inputDim: number, rs: RandomState): void {
    positiveInteger(inputDim, `${this.name} inputDim`);
    checkWeightCount(
      this.weightCountFor(inputDim),
      `Dense layer ${this.name}`,
      `${inputDim} inputs x ${this.units} units${this.useBias ? ` + ${this.units} biases` : ''}`,
    );
    this.inDim = inputDim;
    this.arraysVersion++;
    // Weights, gradients and activations live in the kernels' memory when it is shared, so the wasm
    // kernels use them in place instead of copying them in and out at every step.
    this.kernel = allocFloat32(inputDim * this.units);
    this.kernelGrad = allocFloat32(inputDim * this.units);
    getInitializer(this.kernelInitializer)(this.kernel, inputDim, this.units, rs);
    this.paramList = [
      {
        name: 'kernel',
        shape: [inputDim, this.units],
        value: this.kernel,
        grad: this.kernelGrad,
        trainable: true,
      },
    ];
    if (this.useBias) {
      this.bias = allocFloat32(this.units);
      this.biasGrad = allocFloat32(this.units);
      getInitializer(this.biasInitializer)(this.bias, this.units, 1, rs);
      this.paramList.push({
        name: 'bias',
        shape: [this.units],
        value: this.bias,
        grad: this.biasGrad,
        trainable: true,
      });
    }
  }

  private ensureCapacity(rows: number): void {
    const need = rows * this.units;
    if (this.y.length >= need) return;
    this.arraysVersion++;
    this.y = allocFloat32(need);
    this.z = this.activation.name === 'softmax' ? allocFloat32(need) : this.y;
  }

  forward(input: Float32Array, rows: number): Float32Array {
    this.ensureCapacity(rows);
    const n = this.units;
    const k = this.inDim!;
    const x = this.residentInput(input, rows * k);
    this.input = x;
    const bias = this.useBias ? this.bias : null;
    if (this.fused && denseForward(rows, k, n, x, this.kernel, bias, this.y, this.fused)) return this.y;
    const z = this.z;
    if (this.useBias) broadcastRows(rows, n, this.bias, z);
    else z.fill(0, 0, rows * n);
    gemmNN(rows, n, k, x, this.kernel, z);
    this.activation.forward(z, this.y, rows, n);
    return this.y;
  }

  /** `input` itself when the kernels can read it in place, else a copy in the kernels' memory. */
  private residentInput(input: Float32Array, length: number): Float32Array {
    if (!this.fused || isResident(input)) return input;
    if (this.inputStage.length < length) this.inputStage = allocFloat32(length);
    if (!isResident(this.inputStage)) return input;
    this.inputStage.set(input.subarray(0, length));
    return this.inputStage;
  }

  /** The pre-activation values z of the last forward batch (the logits, for a softmax layer). */
  preActivation(): Float32Array {
    return this.z;
  }

  backward(outputGradient: Float32Array, rows: number, needInputGradient: boolean): Float32Array | null {
    const n = this.units;
    const k = this.inDim!;
    // dz overwrites dy in place: the caller no longer needs it.
    const dz = outputGradient;
    // dx is only needed below the first layer (and never for inference): allocate it on first use.
    if (needInputGradient) this.ensureInputGradient(rows);
    const dx = needInputGradient ? this.dx : null;
    const biasGrad = this.useBias ? this.biasGrad : null;
    if (
      this.fused &&
      denseBackward(
        rows,
        k,
        n,
        this.input,
        this.kernel,
        this.y,
        dz,
        this.kernelGrad,
        biasGrad,
        dx,
        this.fused,
      )
    ) {
      return dx;
    }
    this.activation.backward(this.z, this.y, outputGradient, dz, rows, n);
    this.kernelGrad.fill(0);
    gemmTN(k, n, rows, this.input, dz, this.kernelGrad);
    if (this.useBias) columnSums(rows, n, dz, this.biasGrad);
    if (!dx) return null;
    dx.fill(0, 0, rows * k);
    gemmNT(rows, k, n, dz, this.kernel, dx);
    return dx;
  }

  private ensureInputGradient(rows: number): void {
    const k = this.inDim!;
    if (this.dx.length >= rows * k) return;
    this.arraysVersion++;
    this.dx = allocFloat32((this.y.length / this.units) * k);
  }

  /**
   * Changes whenever an array that {@link fusedTrainingArrays} returned is replaced (a larger batch, a new
   * build): a training step holding them must ask again.
   *
   * @internal
   */
  get fusedArraysVersion(): number {
    return this.arraysVersion;
  }

  /**
   * The arrays a whole-model fused training pass works on (`MlpTrainingPass`), with the activation buffers
   * sized for `rows` rows and dL/dx allocated when `needInputGradient`; undefined for activations without
   * fused kernels and before the layer is built. For the model's training step.
   *
   * @internal
   */
  fusedTrainingArrays(rows: number, needInputGradient: boolean): DenseArrays | undefined {
    if (!this.fused || !this.built) return undefined;
    this.ensureCapacity(rows);
    if (needInputGradient) this.ensureInputGradient(rows);
    return {
      inDim: this.inDim!,
      units: this.units,
      activation: this.fused,
      kernel: this.kernel,
      bias: this.useBias ? this.bias : null,
      y: this.y,
      kernelGrad: this.kernelGrad,
      biasGrad: this.useBias ? this.biasGrad : null,
      dx: needInputGradient ? this.dx : null,
    };
  }

  params(): Param[] {
    return this.paramList;
  }

  getConfig(): Record<string, unknown> {
    return {
      name: this.name,
      units: this.units,
      activation: this.activation.name,
      useBias: this.useBias,
      kernelInitializer: this.kernelInitializer,
      biasInitializer: this.biasInitializer,
      ...(this.inDim === undefined ? {} : { inputDim: this.inDim }),
    };
  }
}
