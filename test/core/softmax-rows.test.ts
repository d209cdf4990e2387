import { describe, expect, it } from 'vitest';
import {
  logSoftmaxRowsInto,
  naiveSoftmaxRowsInto,
  rowCountPosInf,
  rowMax,
  rowSumExpOthers,
  softmaxRowsInto,
} from '../../src/core/softmax-rows.js';
import { expectClose } from '../helpers/close.js';
import { REFERENCE_TOLERANCE, softmaxCases } from '../helpers/softmax-cases.js';

const batch = softmaxCases.softmax.find((c) => c.name === 'batch_ordinary')!;
const flat = (rows: number[][]) => Float64Array.from(rows.flat());

describe('row kernels', () => {
  it('rowMax finds the maximum and reports NaN wherever it sits', () => {
    const z = new Float64Array([1, 5, 2, Number.NaN, 0, 3]);
    expect(rowMax(z, 0, 3)).toBe(5);
    expect(rowMax(z, 3, 3)).toBeNaN();
    expect(rowMax(new Float64Array([Number.NEGATIVE_INFINITY]), 0, 1)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('rowSumExpOthers leaves out exactly one maximal term, even with ties', () => {
    expect(rowSumExpOthers(new Float64Array([2, 2, 2]), 0, 3, 2)).toBe(2);
    expect(rowSumExpOthers(new Float64Array([7]), 0, 1, 7)).toBe(0);
    expect(
      rowCountPosInf(new Float64Array([Number.POSITIVE_INFINITY, 1, Number.POSITIVE_INFINITY]), 0, 3),
    ).toBe(2);
  });

  it('softmaxRowsInto and logSoftmaxRowsInto match the reference on a whole block', () => {
    const rows = batch.logits.length;
    const cols = batch.logits[0]!.length;
    const out = new Float64Array(rows * cols);
    softmaxRowsInto(flat(batch.logits), out, rows, cols);
    expectClose(out, batch.softmax.flat(), REFERENCE_TOLERANCE);
    logSoftmaxRowsInto(flat(batch.logits), out, rows, cols);
    expectClose(out, batch.log_softmax.flat(), REFERENCE_TOLERANCE);
  });

  it('work in place (src and dst the same array)', () => {
    const rows = batch.logits.length;
    const cols = batch.logits[0]!.length;
    const a = flat(batch.logits);
    softmaxRowsInto(a, a, rows, cols);
    expectClose(a, batch.softmax.flat(), REFERENCE_TOLERANCE);
    const b = flat(batch.logits);
    logSoftmaxRowsInto(b, b, rows, cols);
    expectClose(b, batch.log_softmax.flat(), REFERENCE_TOLERANCE);
  });

  it('round once into a float32 destination', () => {
    const rows = batch.logits.length;
    const cols = batch.logits[0]!.length;
    const out = new Float32Array(rows * cols);
    softmaxRowsInto(flat(batch.logits), out, rows, cols);
    const expected = batch.softmax.flat();
    for (let k = 0; k < out.length; k++) {
      // Correct rounding of a value within 1e-15 of the reference: equal to fround(ref) unless the
      // reference sits on a rounding boundary, which none of these does.
      expect(out[k]).toBe(Math.fround(expected[k]!));
    }
  });

  it('only touch the rows they are asked to', () => {
    const out = new Float64Array(6).fill(42);
    softmaxRowsInto(new Float64Array([0, 0, 0, 0, 0, 0]), out, 1, 3);
    expect(Array.from(out.subarray(3))).toEqual([42, 42, 42]);
    naiveSoftmaxRowsInto(new Float64Array([0, 0, 0, 0, 0, 0]), out, 1, 3);
    expect(Array.from(out.subarray(3))).toEqual([42, 42, 42]);
  });

  it('naiveSoftmaxRowsInto rounds every step when the source is float32', () => {
    const out = new Float32Array(2);
    naiveSoftmaxRowsInto(new Float32Array([89, 0]), out, 1, 2);
    expect(out[0]).toBeNaN();
    expect(out[1]).toBe(0);
    const out64 = new Float64Array(2);
    naiveSoftmaxRowsInto(new Float64Array([89, 0]), out64, 1, 2);
    expect(out64[0]).toBe(1);
  });
});
