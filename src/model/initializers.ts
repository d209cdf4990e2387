/**
 * Weight initializers with Keras' names and formulas (VarianceScaling family), drawing from the model's
 * numpy-compatible {@link RandomState} so that a seed reproduces the weights numpy would draw.
 *
 * For a kernel of shape (fanIn, fanOut):
 * - glorotUniform: U(-l, l), l = sqrt(6 / (fanIn + fanOut))   (Keras' default for Dense)
 * - glorotNormal:  truncated N(0, s²), s = sqrt(2 / (fanIn + fanOut)) / 0.87962566103423978
 * - heUniform:     U(-l, l), l = sqrt(6 / fanIn)
 * - heNormal:      truncated N(0, s²), s = sqrt(2 / fanIn) / 0.87962566103423978
 * - zeros, ones
 * Truncated normals redraw values beyond 2 standard deviations; 0.8796… is the standard deviation of a unit
 * normal truncated to [-2, 2], which Keras divides by so the truncated draw keeps the intended variance.
 * Uniform draws are `rs.uniform(-l, l, fanIn * fanOut)` in row-major order, exactly numpy's
 * `RandomState.uniform(-l, l, (fanIn, fanOut))`; values are rounded to float32 like Keras' variables.
 *
 * @module
 */

import { DataError } from '../core/errors.js';
import type { RandomState } from '../core/random/random-state.js';

/** The initializer names Dense accepts (camelCase, as TF.js; Keras' snake_case spellings are accepted too). */
export type InitializerName = 'glorotUniform' | 'glorotNormal' | 'heUniform' | 'heNormal' | 'zeros' | 'ones';

/** Fills `out` (fanIn x fanOut values) from `rs`. */
export type Initializer = (out: Float32Array, fanIn: number, fanOut: number, rs: RandomState) => void;

const TRUNCATED_NORMAL_STDDEV = 0.87962566103423978;

function uniform(limit: number): (out: Float32Array, rs: RandomState) => void {
  return (out, rs) => {
    const draws = rs.uniform(-limit, limit, out.length) as Float64Array;
    out.set(draws);
  };
}

function truncatedNormal(out: Float32Array, stddev: number, rs: RandomState): void {
  for (let i = 0; i < out.length; i++) {
    let v: number;
    do v = rs.normal(0, stddev) as number;
    while (Math.abs(v) > 2 * stddev);
    out[i] = v;
  }
}

const registry: Record<InitializerName, Initializer> = {
  glorotUniform: (out, fanIn, fanOut, rs) => uniform(Math.sqrt(6 / Math.max(1, fanIn + fanOut)))(out, rs),
  glorotNormal: (out, fanIn, fanOut, rs) =>
    truncatedNormal(out, Math.sqrt(1 / Math.max(1, (fanIn + fanOut) / 2)) / TRUNCATED_NORMAL_STDDEV, rs),
  heUniform: (out, fanIn, _fanOut, rs) => uniform(Math.sqrt(6 / Math.max(1, fanIn)))(out, rs),
  heNormal: (out, fanIn, _fanOut, rs) =>
    truncatedNormal(out, Math.sqrt(2 / Math.max(1, fanIn)) / TRUNCATED_NORMAL_STDDEV, rs),
  zeros: (out) => out.fill(0),
  ones: (out) => out.fill(1),
};

const aliases: Record<string, InitializerName> = {
  glorot_uniform: 'glorotUniform',
  glorot_normal: 'glorotNormal',
  he_uniform: 'heUniform',
  he_normal: 'heNormal',
};

/** Looks an initializer up by name (`glorotUniform` or `glorot_uniform`). */
export function getInitializer(name: string): Initializer {
  const key = Object.hasOwn(registry, name) ? (name as InitializerName) : aliases[name];
  if (key === undefined || (!Object.hasOwn(aliases, name) && !Object.hasOwn(registry, name))) {
    throw new DataError({
      subject: 'initializer',
      expected: `one of ${Object.keys(registry).join(', ')}`,
      got: JSON.stringify(name),
    });
  }
  return registry[key];
}

/** Canonical camelCase name of an initializer name or alias. */
export function canonicalInitializerName(name: string): InitializerName {
  getInitializer(name);
  return Object.hasOwn(registry, name) ? (name as InitializerName) : aliases[name]!;
}
