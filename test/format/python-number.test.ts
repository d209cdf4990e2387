import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/core/errors.js';
import {
  formatExp,
  formatFixed,
  formatGeneral,
  formatIntThousands,
  formatKerasMetric,
} from '../../src/format/python-number.js';

/** Python 3.11's own output, written by scripts/make-python-number-vectors.py. */
interface Vectors {
  fixedDigits: number[];
  expDigits: number[];
  cases: { x: string; fixed: string[]; exp: string[]; repr: string; keras: string; kerasSigned: string }[];
  thousands: { n: number; text: string }[];
}
const vectors = JSON.parse(
  readFileSync(new URL('../fixtures/python-number-vectors.json', import.meta.url), 'utf8'),
) as Vectors;

function parsePythonRepr(text: string): number {
  if (text === 'nan') return Number.NaN;
  if (text === 'inf') return Infinity;
  if (text === '-inf') return -Infinity;
  return Number(text);
}

describe('formatFixed', () => {
  it('matches Python f"{x:.Nf}" on every reference case', () => {
    expect(vectors.cases.length).toBeGreaterThan(400);
    for (const c of vectors.cases) {
      const x = parsePythonRepr(c.x);
      vectors.fixedDigits.forEach((d, i) => {
        expect(formatFixed(x, d), `x=${c.x} digits=${d}`).toBe(c.fixed[i]);
      });
    }
  });

  it('rounds exact ties to even where JavaScript toFixed rounds up', () => {
    // python3 -c 'print(f"{0.03125:.4f}", f"{0.125:.2f}", f"{2.5:.0f}", f"{0.5:.0f}", f"{1.5:.0f}")'
    // → 0.0312 0.12 2 0 2
    expect(formatFixed(0.03125, 4)).toBe('0.0312');
    expect((0.03125).toFixed(4)).toBe('0.0313');
    expect(formatFixed(0.125, 2)).toBe('0.12');
    expect(formatFixed(2.5, 0)).toBe('2');
    expect(formatFixed(0.5, 0)).toBe('0');
    expect(formatFixed(1.5, 0)).toBe('2');
  });

  it('keeps the sign of negative values and of negative zero', () => {
    // python3 -c 'print(f"{-0.0:.4f}", f"{-0.00001:.4f}", f"{-2.5:.0f}")' → -0.0000 -0.0000 -2
    expect(formatFixed(-0, 4)).toBe('-0.0000');
    expect(formatFixed(-0.00001, 4)).toBe('-0.0000');
    expect(formatFixed(-2.5, 0)).toBe('-2');
  });

  it('rounds the exact binary value, not the shortest decimal', () => {
    // python3 -c 'print(f"{2.675:.2f}", f"{1.005:.2f}")' → 2.67 1.00 (2.675 is 2.67499999…)
    expect(formatFixed(2.675, 2)).toBe('2.67');
    expect(formatFixed(1.005, 2)).toBe('1.00');
  });

  it('prints nan, inf and -inf as Python does', () => {
    expect(formatFixed(Number.NaN, 4)).toBe('nan');
    expect(formatFixed(Infinity, 4)).toBe('inf');
    expect(formatFixed(-Infinity, 0)).toBe('-inf');
  });

  it('stays within half a unit of the last digit (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 8 }), (x, d) => {
        const back = Number(formatFixed(x, d));
        return Math.abs(back - x) <= 0.5 * 10 ** -d * (1 + 1e-9) + Math.abs(x) * 1e-15;
      }),
    );
  });

  it('refuses a bad digit count', () => {
    expect(() => formatFixed(1, -1)).toThrow(DataError);
    expect(() => formatFixed(1, 1.5)).toThrow(/formatFixed digits: expected an integer from 0 to 100/);
  });
});

describe('formatExp', () => {
  it('matches Python f"{x:.Ne}" on every reference case', () => {
    for (const c of vectors.cases) {
      const x = parsePythonRepr(c.x);
      vectors.expDigits.forEach((d, i) => {
        expect(formatExp(x, d), `x=${c.x} digits=${d}`).toBe(c.exp[i]);
      });
    }
  });

  it('writes at least two exponent digits with a sign', () => {
    // python3 -c 'print(f"{0.000123456:.4e}", f"{0:.4e}", f"{1e300:.2e}", f"{5e-324:.1e}")'
    // → 1.2346e-04 0.0000e+00 1.00e+300 4.9e-324
    expect(formatExp(0.000123456, 4)).toBe('1.2346e-04');
    expect(formatExp(0, 4)).toBe('0.0000e+00');
    expect(formatExp(1e300, 2)).toBe('1.00e+300');
    expect(formatExp(5e-324, 1)).toBe('4.9e-324');
  });

  it('carries into a new leading digit', () => {
    // python3 -c 'print(f"{9.99995:.4e}", f"{0.99999999:.2e}")' → 1.0000e+01 1.00e+00
    expect(formatExp(9.99995, 4)).toBe('1.0000e+01');
    expect(formatExp(0.99999999, 2)).toBe('1.00e+00');
  });

  it('reads back as the same double with 17 significant digits (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        return Object.is(Number(formatExp(x, 16)), x);
      }),
    );
  });
});

describe('formatKerasMetric', () => {
  it('matches Keras 2 progress-bar formatting on every reference case', () => {
    for (const c of vectors.cases) {
      const x = parsePythonRepr(c.x);
      expect(formatKerasMetric(x), `x=${c.x}`).toBe(c.keras);
      expect(formatKerasMetric(x, { signed: true }), `x=${c.x} signed`).toBe(c.kerasSigned);
    }
  });

  it('switches to e-notation at and below 1e-3', () => {
    expect(formatKerasMetric(0.8726)).toBe('0.8726');
    expect(formatKerasMetric(0.001)).toBe('1.0000e-03');
    expect(formatKerasMetric(-0.5)).toBe('-0.5000');
    expect(formatKerasMetric(-0.5, { signed: true })).toBe('-5.0000e-01');
  });
});

describe('formatGeneral', () => {
  it('matches Python repr() on every reference case', () => {
    for (const c of vectors.cases) {
      expect(formatGeneral(parsePythonRepr(c.x)), `x=${c.x}`).toBe(c.repr);
    }
  });

  it('uses exponent form outside 1e-4 .. 1e16', () => {
    // python3 -c 'print(repr(0.0001), repr(1e-05), repr(1e15), repr(1e16), repr(3.0), repr(1e-07))'
    // → 0.0001 1e-05 1000000000000000.0 1e+16 3.0 1e-07
    expect(formatGeneral(0.0001)).toBe('0.0001');
    expect(formatGeneral(1e-5)).toBe('1e-05');
    expect(formatGeneral(1e15)).toBe('1000000000000000.0');
    expect(formatGeneral(1e16)).toBe('1e+16');
    expect(formatGeneral(3)).toBe('3.0');
    expect(formatGeneral(1e-7)).toBe('1e-07');
    expect(formatGeneral(-0)).toBe('-0.0');
  });

  it('always reads back as the same double (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        return Object.is(Number(formatGeneral(x)), x);
      }),
    );
  });
});

describe('formatIntThousands', () => {
  it('matches Python f"{n:,}" on every reference case', () => {
    for (const { n, text } of vectors.thousands) expect(formatIntThousands(n)).toBe(text);
  });

  it('accepts bigints and refuses fractions', () => {
    expect(formatIntThousands(12345678901234567890n)).toBe('12,345,678,901,234,567,890');
    expect(() => formatIntThousands(1.5)).toThrow(DataError);
  });
});
