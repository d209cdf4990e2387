/**
 * A correctly rounded fused multiply-add, `fma(a, b, c) = round(a·b + c)` with a single rounding, for a JS
 * engine that has none. glibc's `log` on FMA hardware relies on it, and a plain `a * b + c` (two roundings)
 * changes the last bit of about one log in 20.
 *
 * Method: Boldo & Melquiond, "Emulation of FMA and correctly rounded sums: proved algorithms using rounding
 * to odd", IEEE Trans. Computers 57(4), 2008. The product is split exactly into `uh + ul` (Dekker/Veltkamp),
 * `c + uh` exactly into `th + tl` (Knuth's TwoSum); then `tl + ul` is rounded *to odd*, which keeps enough
 * information for the final round-to-nearest `th + v` to equal the rounding of the exact sum.
 *
 * @module
 */

/** 2^27 + 1: multiplying by it splits a double into two 26-bit halves (Veltkamp). */
const SPLITTER = 134217729;

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Index of the low 32 bits of a double in {@link words}. */
const LOW = LITTLE_ENDIAN ? 0 : 1;
const HIGH = 1 - LOW;

/**
 * `x + y` rounded to odd: the exact sum if it is a double, otherwise whichever of its two neighbouring
 * doubles has an odd last significand bit.
 */
export function addRoundToOdd(x: number, y: number): number {
  const s = x + y;
  const bb = s - x;
  const t = x - (s - bb) + (y - bb);
  if (t === 0) return s;
  scratch[0] = s;
  const low = words[LOW]!;
  if (low & 1) return s;
  // s is the round-to-nearest result with an even last bit, so the odd neighbour on t's side is the
  // round-to-odd result. Stepping the bit pattern by one moves one ulp in magnitude for either sign.
  if (s > 0 === t > 0) {
    words[LOW] = low + 1;
  } else if (low === 0) {
    words[LOW] = 0xffffffff;
    words[HIGH] = words[HIGH]! - 1;
  } else {
    words[LOW] = low - 1;
  }
  return scratch[0]!;
}

/**
 * Fused multiply-add with one rounding (to nearest, ties to even): `round(a·b + c)`.
 *
 * Exact for finite operands whose product neither overflows nor underflows, i.e. |a|, |b| < 2^995 and
 * |a·b| ≥ 2^-969 (or a·b = 0): always true for the arguments glibc's `log` passes. Infinite or NaN operands
 * fall back to `a * b + c`, which gives the IEEE result for them.
 *
 * @example
 * const e = 2 ** -30;
 * fma(1 + e, 1 - e, -1); // -(2 ** -60), where (1 + e) * (1 - e) - 1 gives 0
 */
export function fma(a: number, b: number, c: number): number {
  const uh = a * b;
  if (uh === 0 || !Number.isFinite(uh) || !Number.isFinite(c)) return uh + c;
  let s = SPLITTER * a;
  const ah = s - (s - a);
  const al = a - ah;
  s = SPLITTER * b;
  const bh = s - (s - b);
  const bl = b - bh;
  const ul = ah * bh - uh + ah * bl + al * bh + al * bl;
  const th = c + uh;
  const bb = th - c;
  const tl = c - (th - bb) + (uh - bb);
  return th + addRoundToOdd(tl, ul);
}
