import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError, ShapeError } from '../../src/core/errors.js';
import { Matrix } from '../../src/core/matrix.js';
import { logSoftmax, naiveSoftmax, softmax } from '../../src/core/softmax.js';
import { expectClose } from '../helpers/close.js';
import { REFERENCE_TOLERANCE, softmaxCases } from '../helpers/softmax-cases.js';

/** One float32 ulp relative (2^-23): the rounding of the inputs plus the rounding of the stored output. */
const FLOAT32_TOLERANCE = { rtol: 2 ** -23, atol: 1e-45 };

const fround = (rows: number[][]) => rows.map((r) => r.map(Math.fround));

describe('softmax and logSoftmax against the numpy reference (float64)', () => {
  for (const c of softmaxCases.softmax) {
    it(`matches ${c.name} row-wise on a matrix`, () => {
      const p = softmax(c.logits);
      expect(p.data).toBeInstanceOf(Float64Array);
      expect(p.shape).toEqual([c.logits.length, c.logits[0]!.length]);
      expectClose(p.toArray(), c.softmax, REFERENCE_TOLERANCE, `${c.name} softmax`);
      expectClose(
        logSoftmax(c.logits).toArray(),
        c.log_softmax,
        REFERENCE_TOLERANCE,
        `${c.name} log_softmax`,
      );
    });

    it(`matches ${c.name} one row at a time as vectors (plain and Float64Array)`, () => {
      c.logits.forEach((row, i) => {
        expectClose(softmax(row), c.softmax[i]!, REFERENCE_TOLERANCE, `${c.name} row ${i}`);
        expectClose(softmax(Float64Array.from(row)), c.softmax[i]!, REFERENCE_TOLERANCE);
        expectClose(logSoftmax(row), c.log_softmax[i]!, REFERENCE_TOLERANCE, `${c.name} row ${i}`);
      });
    });
  }
});

describe('softmax and logSoftmax on float32 inputs', () => {
  for (const c of softmaxCases.softmax) {
    it(`stays within float32 rounding of the reference for ${c.name}`, () => {
      const z = Matrix.from(c.logits, 'float32');
      const p = softmax(z);
      const lp = logSoftmax(z);
      expect(p.data).toBeInstanceOf(Float32Array);
      expect(lp.data).toBeInstanceOf(Float32Array);
      // Values beyond the float32 range (log-softmax −6.8e38) become −Infinity, as in float32 Keras.
      expectClose(p.toArray(), fround(c.softmax), FLOAT32_TOLERANCE, `${c.name} softmax`);
      expectClose(lp.toArray(), fround(c.log_softmax), FLOAT32_TOLERANCE, `${c.name} log_softmax`);
      const row0 = softmax(Float32Array.from(c.logits[0]!));
      expect(row0).toBeInstanceOf(Float32Array);
      expectClose(row0, fround(c.softmax)[0]!, FLOAT32_TOLERANCE);
    });
  }
});

describe('softmax edge cases', () => {
  it('gives +Infinity all the mass and splits it between tied +Infinity entries', () => {
    expect(Array.from(softmax([Number.POSITIVE_INFINITY, 1]))).toEqual([1, 0]);
    expect(Array.from(softmax([Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 0]))).toEqual([
      0.5, 0.5, 0,
    ]);
    expect(Array.from(logSoftmax([Number.POSITIVE_INFINITY, 1]))).toEqual([0, Number.NEGATIVE_INFINITY]);
    expect(Array.from(logSoftmax([Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 0]))).toEqual([
      -Math.LN2,
      -Math.LN2,
      Number.NEGATIVE_INFINITY,
    ]);
  });

  it('treats −Infinity entries as probability 0', () => {
    expect(Array.from(softmax([Number.NEGATIVE_INFINITY, 0]))).toEqual([0, 1]);
    expect(Array.from(logSoftmax([Number.NEGATIVE_INFINITY, 0]))).toEqual([Number.NEGATIVE_INFINITY, 0]);
  });

  it('gives NaN for a row of only −Infinity and for a row holding a NaN, leaving other rows alone', () => {
    const ninf = Number.NEGATIVE_INFINITY;
    const p = softmax([
      [ninf, ninf],
      [1, Number.NaN],
      [0, 0],
    ]);
    expect(p.toArray()).toEqual([
      [Number.NaN, Number.NaN],
      [Number.NaN, Number.NaN],
      [0.5, 0.5],
    ]);
    expect(logSoftmax([Number.NaN, 0]).every(Number.isNaN)).toBe(true);
    expect(logSoftmax([ninf, ninf]).every(Number.isNaN)).toBe(true);
  });

  it('keeps the dtype of its input', () => {
    expect(softmax([1, 2])).toBeInstanceOf(Float64Array);
    expect(softmax(new Float32Array([1, 2]))).toBeInstanceOf(Float32Array);
    expect(softmax([[1, 2]]).dtype).toBe('float64');
    expect(softmax(Matrix.from([[1, 2]], 'float32')).dtype).toBe('float32');
    expect(logSoftmax(Matrix.from([[1, 2]], 'float32')).dtype).toBe('float32');
  });

  it('does not modify its input', () => {
    const z = new Float64Array([3, 1, 2]);
    softmax(z);
    logSoftmax(z);
    expect(Array.from(z)).toEqual([3, 1, 2]);
  });

  it('rejects empty, ragged and non-numeric input with the library errors', () => {
    expect(() => softmax([])).toThrow(ShapeError);
    expect(() => softmax([[1, 2], [3]])).toThrow(/row 1/);
    expect(() => softmax([1, 'x' as unknown as number])).toThrow(DataError);
    expect(() => logSoftmax([[1, null as unknown as number]])).toThrow(/row 0, column 1/);
  });
});

describe('naiveSoftmax', () => {
  it('overflows exactly where float32 exp overflows', () => {
    // ln(float32 max) = ln(3.4028234663852886e38) ≈ 88.7228
    const over = naiveSoftmax(new Float32Array([89, 0]));
    expect(over).toBeInstanceOf(Float32Array);
    expect(Number.isNaN(over[0])).toBe(true);
    expect(Number.isNaN(naiveSoftmax(new Float32Array([88.73, 0]))[0])).toBe(true);
    expectClose(naiveSoftmax(new Float32Array([88.72, 0])), [1, 0], { atol: 1e-7 });
    expectClose(naiveSoftmax(new Float32Array([88, 0])), softmax(new Float32Array([88, 0])), {
      rtol: 2 ** -22,
    });
  });

  it('overflows exactly where float64 exp overflows', () => {
    // ln(float64 max) = ln(1.7976931348623157e308) ≈ 709.7827
    expect(Number.isNaN(naiveSoftmax([710, 0])[0])).toBe(true);
    expect(Number.isNaN(naiveSoftmax([709.79, 0])[0])).toBe(true);
    expectClose(naiveSoftmax([709.78, 0]), [1, 0], { atol: 1e-300 });
    expectClose(naiveSoftmax([709, 0]), softmax([709, 0]), { rtol: 1e-14, atol: 1e-320 });
    // The row that float64 survives already overflows in float32.
    expect(Number.isNaN(naiveSoftmax(new Float32Array([709, 0]))[0])).toBe(true);
  });

  it('gives 0/0 = NaN when every term underflows, where the stable form is fine', () => {
    expect(naiveSoftmax([-800, -800]).every(Number.isNaN)).toBe(true);
    expect(naiveSoftmax(new Float32Array([-110, -110])).every(Number.isNaN)).toBe(true);
    expect(Array.from(softmax([-800, -800]))).toEqual([0.5, 0.5]);
  });

  it('agrees with the reference on ordinary logits', () => {
    const c = softmaxCases.softmax.find((s) => s.name === 'batch_ordinary')!;
    expectClose(naiveSoftmax(c.logits).toArray(), c.softmax, { rtol: 1e-14 });
  });
});

const finiteFloat32Row = fc
  .array(fc.float({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 12 })
  .map((a) => Float32Array.from(a));
const finiteFloat64Row = fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), {
  minLength: 1,
  maxLength: 12,
});
const moderateRow = fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 12 });

describe('softmax properties', () => {
  it('float32 rows sum to 1 within 1e-6 and hold no NaN, for any finite magnitude (±3.4e38 included)', () => {
    fc.assert(
      fc.property(finiteFloat32Row, (z) => {
        const p = softmax(z);
        const sum = p.reduce((s, v) => s + v, 0);
        return Math.abs(sum - 1) <= 1e-6 && p.every((v) => v >= 0 && v <= 1);
      }),
      { examples: [[new Float32Array([3.4028234663852886e38, -3.4028234663852886e38, 0])]] },
    );
  });

  it('never gives NaN for finite float64 inputs, even ±1.7e308', () => {
    fc.assert(
      fc.property(finiteFloat64Row, (z) => {
        const p = softmax(z);
        const lp = logSoftmax(z);
        return (
          !p.some(Number.isNaN) &&
          !lp.some(Number.isNaN) &&
          Math.abs(p.reduce((s, v) => s + v, 0) - 1) < 1e-12
        );
      }),
      { examples: [[[1.7976931348623157e308, -1.7976931348623157e308]]] },
    );
  });

  it('is unchanged by adding a constant to every logit (bit for bit when the shift is exact)', () => {
    const dyadic = fc.integer({ min: -8000, max: 8000 }).map((k) => k / 8);
    fc.assert(
      fc.property(
        fc.array(dyadic, { minLength: 1, maxLength: 10 }),
        fc.integer({ min: -1e6, max: 1e6 }),
        (z, c) => {
          const shifted = z.map((v) => v + c);
          expect(Array.from(softmax(shifted))).toEqual(Array.from(softmax(z)));
          expect(Array.from(logSoftmax(shifted))).toEqual(Array.from(logSoftmax(z)));
        },
      ),
    );
    fc.assert(
      fc.property(moderateRow, fc.double({ min: -1000, max: 1000, noNaN: true }), (z, c) => {
        expectClose(softmax(z.map((v) => v + c)), softmax(z), { rtol: 1e-9, atol: 1e-12 });
      }),
    );
  });

  it('preserves the order of the logits', () => {
    fc.assert(
      fc.property(finiteFloat64Row, (z) => {
        const p = softmax(z);
        for (let i = 0; i < z.length; i++) {
          for (let j = 0; j < z.length; j++) {
            if (z[i]! < z[j]! && !(p[i]! <= p[j]!)) return false;
            if (z[i] === z[j] && p[i] !== p[j]) return false;
          }
        }
        return true;
      }),
    );
  });

  it('logSoftmax equals log(softmax) wherever softmax is representable', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -300, max: 300, noNaN: true }), { minLength: 1, maxLength: 12 }),
        (z) => {
          const p = softmax(z);
          const lp = logSoftmax(z);
          for (let j = 0; j < z.length; j++) {
            if (p[j]! < 1e-300) continue;
            expectClose(lp[j]!, Math.log(p[j]!), { rtol: 1e-13, atol: 1e-13 });
          }
        },
      ),
    );
  });

  it('logSoftmax stays finite where softmax underflows to 0', () => {
    expect(softmax([0, -1000])[1]).toBe(0);
    expect(logSoftmax([0, -1000])[1]).toBe(-1000);
  });
});
