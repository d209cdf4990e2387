/**
 * `getWeights` / `setWeights` in Keras order and shapes: per layer the kernel, a (in, units) matrix, then the
 * bias, a vector of `units`. Values are copied in and out, and checked on the way in.
 *
 * @module
 */

import { DataError, describeValue, ShapeError } from '../core/errors.js';
import { Matrix, type MatrixLike, toMatrix, toVector, type VectorLike } from '../core/matrix.js';
import type { Layer, Param } from './layer.js';

/** A weight as `getWeights` returns it: a float32 Matrix for 2-D weights, a Float32Array for vectors. */
export type WeightArray = Matrix<Float32Array> | Float32Array;

/** A weight as `setWeights` accepts it: a Matrix or nested arrays for 2-D weights, a vector for 1-D ones. */
export type WeightInput = MatrixLike | VectorLike;

/** Copies of the given parameters, shaped as Keras shapes them. */
export function getWeightsOf(params: readonly Param[]): WeightArray[] {
  return params.map((p) =>
    p.shape.length === 2 ? new Matrix(p.shape[0]!, p.shape[1]!, p.value.slice()) : p.value.slice(),
  );
}

function shapeText(shape: readonly number[]): string {
  return `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;
}

/** What a weight may hold, for messages: `finite numbers`, or `finite numbers >= 0` for a variance. */
export function weightRangeText(param: Param): string {
  return param.minimum === undefined ? 'finite numbers' : `finite numbers >= ${param.minimum}`;
}

/**
 * The first entry of `values` that `param` cannot hold (not finite, or below its `minimum`), or `undefined`.
 * Non-finite weights would make every prediction NaN without an error.
 */
export function firstInvalidWeight(
  param: Param,
  values: ArrayLike<number>,
): { index: number; value: number } | undefined {
  const min = param.minimum ?? Number.NEGATIVE_INFINITY;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (!Number.isFinite(v) || v < min) return { index: k, value: v };
  }
  return undefined;
}

/** Validates every array against the layers' parameters, then copies them in (all or nothing). */
export function setWeightsOf(layers: readonly Layer[], weights: WeightInput[]): void {
  const slots = layers.flatMap((l) => l.params().map((p) => ({ layer: l.name, param: p })));
  if (!Array.isArray(weights) || weights.length !== slots.length) {
    const names = slots.map((s) => `${s.layer}/${s.param.name}`).join(', ');
    throw new ShapeError({
      subject: 'setWeights',
      expected: `${slots.length} arrays (${names})`,
      got: Array.isArray(weights) ? `${weights.length} arrays` : describeValue(weights),
    });
  }
  const values = slots.map(({ layer, param }, i) => {
    const subject = `setWeights ${layer}/${param.name}`;
    const w = weights[i] as WeightInput;
    let data: ArrayLike<number>;
    if (param.shape.length === 2) {
      const m = toMatrix(w as MatrixLike, subject);
      if (m.rows !== param.shape[0] || m.cols !== param.shape[1]) {
        throw new ShapeError({
          subject,
          expected: `shape ${shapeText(param.shape)}`,
          got: `shape (${m.rows}, ${m.cols})`,
        });
      }
      data = m.data;
    } else {
      if (w instanceof Matrix || (Array.isArray(w) && Array.isArray(w[0]))) {
        throw new ShapeError({
          subject,
          expected: `a vector of shape ${shapeText(param.shape)}`,
          got: 'a 2-D array',
        });
      }
      data = toVector(w as VectorLike, subject);
      if (data.length !== param.value.length) {
        throw new ShapeError({
          subject,
          expected: `shape ${shapeText(param.shape)}`,
          got: `shape (${data.length},)`,
        });
      }
    }
    const bad = firstInvalidWeight(param, data);
    if (bad) {
      throw new DataError({
        subject,
        expected: weightRangeText(param),
        got: String(bad.value),
        where: `index ${bad.index}`,
      });
    }
    return data;
  });
  slots.forEach(({ param }, i) => {
    param.value.set(values[i]!);
  });
}
