/**
 * Python's float formatting, reproduced exactly, so console lines match Keras character for character.
 *
 * Python formats the exact binary value of a double and breaks exact ties half-to-even
 * (`f"{0.03125:.4f}"` → `0.0312`, `f"{2.5:.0f}"` → `2`), while JavaScript's `toFixed` rounds exact ties
 * away from zero (`0.0313`, `3`) and `toExponential` writes `1.2346e-4` where Python writes `1.2346e-04`.
 * So fixed and exponential forms here are built from the exact decimal expansion of the double:
 * a finite double is `m · 2^e` with integer `m < 2^53`, and for `e < 0` that equals `m · 5^(−e) / 10^(−e)`,
 * an exact decimal that BigInt arithmetic can round without error.
 *
 * @module
 */

import { DataError, describeValue } from '../core/errors.js';

/** A positive finite double split as `mantissa · 2^exponent` (mantissa an integer). */
interface BinaryParts {
  mantissa: bigint;
  exponent: number;
}

const bitsView = new DataView(new ArrayBuffer(8));

function binaryParts(absX: number): BinaryParts {
  bitsView.setFloat64(0, absX);
  const high = bitsView.getUint32(0);
  const low = bitsView.getUint32(4);
  const biasedExponent = (high >>> 20) & 0x7ff;
  const fraction = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  // Subnormals have no hidden bit and the fixed exponent of the smallest normal.
  if (biasedExponent === 0) return { mantissa: fraction, exponent: -1074 };
  return { mantissa: fraction | (1n << 52n), exponent: biasedExponent - 1075 };
}

/** `round(num / 2^shift)` with exact ties going to the even neighbour, for `num >= 0`. */
function shiftRoundHalfEven(num: bigint, shift: number): bigint {
  if (shift <= 0) return num << BigInt(-shift);
  const s = BigInt(shift);
  const q = num >> s;
  const twiceRemainder = (num - (q << s)) << 1n;
  const divisor = 1n << s;
  if (twiceRemainder > divisor || (twiceRemainder === divisor && (q & 1n) === 1n)) return q + 1n;
  return q;
}

/** Exact decimal digits of `absX > 0` and the power of ten of the last digit: `absX = digits · 10^pow`. */
function exactDecimal(absX: number): { digits: string; pow: number } {
  const { mantissa, exponent } = binaryParts(absX);
  if (exponent >= 0) return { digits: (mantissa << BigInt(exponent)).toString(), pow: 0 };
  return { digits: (mantissa * 5n ** BigInt(-exponent)).toString(), pow: exponent };
}

function nonFinite(x: number): string | undefined {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return undefined;
}

/** Python prints a minus sign for every negative value, -0.0 included, even when it rounds to zero. */
function signOf(x: number): string {
  return x < 0 || Object.is(x, -0) ? '-' : '';
}

function checkDigits(digits: number, where: string): void {
  if (!Number.isInteger(digits) || digits < 0 || digits > 100) {
    throw new DataError({
      subject: `${where} digits`,
      expected: 'an integer from 0 to 100',
      got: describeValue(digits),
    });
  }
}

function checkNumber(x: unknown, where: string): asserts x is number {
  if (typeof x !== 'number') {
    throw new DataError({ subject: `${where} value`, expected: 'a number', got: describeValue(x) });
  }
}

/**
 * Python `f"{x:.{digits}f}"`: fixed notation with `digits` decimals, rounded from the exact binary value,
 * exact ties to even.
 *
 * @example
 * formatFixed(0.03125, 4); // '0.0312'   (JS toFixed: '0.0313')
 * formatFixed(2.5, 0);     // '2'
 * formatFixed(-0.00001, 4); // '-0.0000'
 * formatFixed(NaN, 4);     // 'nan'
 */
export function formatFixed(x: number, digits: number): string {
  checkNumber(x, 'formatFixed');
  checkDigits(digits, 'formatFixed');
  const special = nonFinite(x);
  if (special !== undefined) return special;
  const sign = signOf(x);
  if (x === 0) return sign + (digits > 0 ? `0.${'0'.repeat(digits)}` : '0');
  const { mantissa, exponent } = binaryParts(Math.abs(x));
  // |x| · 10^d = m · 10^d · 2^e, rounded to an integer: the printed digits without the decimal point.
  const scaled = shiftRoundHalfEven(mantissa * 10n ** BigInt(digits), -exponent).toString();
  const padded = scaled.padStart(digits + 1, '0');
  if (digits === 0) return sign + padded;
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/**
 * Python `f"{x:.{digits}e}"`: one digit, a point, `digits` decimals, `e`, a sign and at least two exponent
 * digits; rounded from the exact binary value, exact ties to even.
 *
 * @example
 * formatExp(0.000123456, 4); // '1.2346e-04'  (JS toExponential: '1.2346e-4')
 * formatExp(0, 4);           // '0.0000e+00'
 * formatExp(1e300, 2);       // '1.00e+300'
 */
export function formatExp(x: number, digits: number): string {
  checkNumber(x, 'formatExp');
  checkDigits(digits, 'formatExp');
  const special = nonFinite(x);
  if (special !== undefined) return special;
  const sign = signOf(x);
  let kept: string;
  let exp10: number;
  if (x === 0) {
    kept = '0'.repeat(digits + 1);
    exp10 = 0;
  } else {
    const { digits: all, pow } = exactDecimal(Math.abs(x));
    exp10 = all.length - 1 + pow;
    kept = roundDigitsHalfEven(all, digits + 1);
    if (kept.length > digits + 1) {
      // 9.99…5 carried into a new leading digit: one more power of ten.
      kept = kept.slice(0, digits + 1);
      exp10 += 1;
    }
  }
  const mantissa = digits > 0 ? `${kept[0]}.${kept.slice(1)}` : kept;
  const expSign = exp10 < 0 ? '-' : '+';
  return `${sign}${mantissa}e${expSign}${String(Math.abs(exp10)).padStart(2, '0')}`;
}

/** The first `count` digits of a digit string, rounded half-to-even on the rest (may gain a digit on carry). */
function roundDigitsHalfEven(all: string, count: number): string {
  if (all.length <= count) return all.padEnd(count, '0');
  const head = all.slice(0, count);
  const rest = all.slice(count);
  const first = rest.charCodeAt(0) - 48;
  let roundUp: boolean;
  if (first !== 5) roundUp = first > 5;
  else if (/[1-9]/.test(rest.slice(1))) roundUp = true;
  else roundUp = (head.charCodeAt(count - 1) - 48) % 2 === 1;
  return roundUp ? (BigInt(head) + 1n).toString().padStart(count, '0') : head;
}

/**
 * How Keras 2's progress bar prints a metric: `.4f` when `|v| > 1e-3`, otherwise `.4e`
 * (`tf_keras/utils/generic_utils.py` `Progbar.update`). The verbose=2 line compares `v > 1e-3` without the
 * absolute value; pass `{ signed: true }` for that form.
 *
 * @example
 * formatKerasMetric(0.87261);  // '0.8726'
 * formatKerasMetric(0.000123); // '1.2300e-04'
 * formatKerasMetric(-0.5, { signed: true }); // '-5.0000e-01'
 */
export function formatKerasMetric(v: number, options: { signed?: boolean } = {}): string {
  checkNumber(v, 'formatKerasMetric');
  const magnitude = options.signed ? v : Math.abs(v);
  return magnitude > 1e-3 ? formatFixed(v, 4) : formatExp(v, 4);
}

/**
 * Python `repr(float(x))` (the same as `str` in Python 3): the shortest digits that read back as the same
 * double, in fixed notation when the decimal point falls within 16 digits of the start (`1e-05` but
 * `0.0001`, `1e+16` but `1000000000000000.0`), with `.0` added to integral fixed values.
 *
 * @example
 * formatGeneral(0.1);   // '0.1'
 * formatGeneral(3);     // '3.0'
 * formatGeneral(1e-7);  // '1e-07'
 * formatGeneral(1e16);  // '1e+16'
 * formatGeneral(-0);    // '-0.0'
 */
export function formatGeneral(x: number): string {
  checkNumber(x, 'formatGeneral');
  const special = nonFinite(x);
  if (special !== undefined) return special;
  const sign = signOf(x);
  if (x === 0) return `${sign}0.0`;
  // ECMAScript's toExponential() without digits gives the shortest round-trip digits, nearest on ties,
  // the same choice as Python's repr (David Gay's mode 0).
  const [mantissa = '', expText = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exp10 = Number(expText);
  // Python's repr switches to exponent form when the decimal point position (digits before it) is
  // <= -4 or > 16 (`format_float_short`, mode 'r').
  const pointPosition = exp10 + 1;
  if (pointPosition <= -4 || pointPosition > 16) {
    const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${head}e${exp10 < 0 ? '-' : '+'}${String(Math.abs(exp10)).padStart(2, '0')}`;
  }
  if (pointPosition <= 0) return `${sign}0.${'0'.repeat(-pointPosition)}${digits}`;
  if (pointPosition >= digits.length) return `${sign}${digits}${'0'.repeat(pointPosition - digits.length)}.0`;
  return `${sign}${digits.slice(0, pointPosition)}.${digits.slice(pointPosition)}`;
}

/**
 * Python `f"{n:,}"` for an integer: groups of three digits separated by commas.
 *
 * @example
 * formatIntThousands(1234567); // '1,234,567'
 * formatIntThousands(-1000);   // '-1,000'
 */
export function formatIntThousands(n: number | bigint): string {
  if (typeof n !== 'bigint' && !Number.isSafeInteger(n)) {
    throw new DataError({
      subject: 'formatIntThousands value',
      expected: 'a safe integer or a bigint',
      got: describeValue(n),
    });
  }
  const text = BigInt(n).toString();
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return negative ? `-${grouped}` : grouped;
}
