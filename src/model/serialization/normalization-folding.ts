/**
 * Folding a `Normalization` layer into the `Dense` layer after it, so that TF.js (which has no such layer)
 * computes the same function with one Dense layer. With s_i = max(√σ²_i, ε):
 *
 *   ((x − μ) / s) · W + b  =  x · W′ + b′,   W′_ij = W_ij / s_i,   b′_j = b_j − Σ_i (μ_i / s_i) · W_ij
 *
 * W′ and b′ are computed in float64 and rounded once to float32. The folded layer rounds differently from
 * the two layers it replaces, so predictions agree to float32 precision, not bit for bit: the error grows
 * with |μ_i / s_i| (features whose mean is large next to their spread).
 *
 * @module
 */

/** A Dense layer's weights: kernel row-major [inputDim, units], bias (or null). */
export interface DenseWeights {
  kernel: Float32Array;
  bias: Float32Array | null;
}

/**
 * W′ and b′ for a Normalization (μ, divisor s) followed by a Dense layer of `units` units.
 * The folded layer always has a bias (b = 0 when the Dense layer has none).
 */
export function foldNormalization(
  mean: Float32Array,
  denominator: Float32Array,
  dense: DenseWeights,
  units: number,
): { kernel: Float32Array; bias: Float32Array } {
  const inputDim = mean.length;
  const kernel = new Float32Array(inputDim * units);
  const shift = new Float64Array(units);
  for (let i = 0; i < inputDim; i++) {
    const s = denominator[i]!;
    const m = mean[i]! / s;
    for (let j = 0; j < units; j++) {
      const w = dense.kernel[i * units + j]!;
      kernel[i * units + j] = w / s;
      shift[j]! += m * w;
    }
  }
  const bias = new Float32Array(units);
  for (let j = 0; j < units; j++) bias[j] = (dense.bias ? dense.bias[j]! : 0) - shift[j]!;
  return { kernel, bias };
}

/** True when two float32 arrays hold the same bits (so NaN payloads and −0 count). */
export function sameFloat32Bits(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
