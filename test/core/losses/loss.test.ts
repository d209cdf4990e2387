import { describe, expect, it } from 'vitest';
import {
  CLIP_BOUNDS_FLOAT32,
  CLIP_BOUNDS_FLOAT64,
  clipBoundsFor,
  EPSILON,
  PROBABILITY_VARIANTS,
  resolveCrossEntropyOptions,
} from '../../../src/core/losses/loss.js';

describe('cross-entropy constants', () => {
  it('uses Keras ε = 1e-7', () => {
    expect(EPSILON).toBe(1e-7);
  });

  it('has the clip bounds the reference README gives for each precision', () => {
    expect(CLIP_BOUNDS_FLOAT64).toEqual([1e-7, 0.9999999]);
    expect(CLIP_BOUNDS_FLOAT32).toEqual([1.0000000116860974e-7, 0.9999998807907104]);
    expect(clipBoundsFor(new Float32Array(1))).toBe(CLIP_BOUNDS_FLOAT32);
    expect(clipBoundsFor(new Float64Array(1))).toBe(CLIP_BOUNDS_FLOAT64);
  });
});

describe('resolveCrossEntropyOptions', () => {
  it('fills in the defaults', () => {
    expect(resolveCrossEntropyOptions({}, 'L', 'plain_clip')).toEqual({
      fromLogits: false,
      probabilityVariant: 'plain_clip',
    });
    expect(PROBABILITY_VARIANTS).toHaveLength(3);
  });

  it('names the loss and the option in its errors', () => {
    expect(() =>
      resolveCrossEntropyOptions({ fromLogits: 1 as unknown as boolean }, 'L', 'plain_clip'),
    ).toThrow('L.fromLogits: expected true or false, got 1.');
  });
});
