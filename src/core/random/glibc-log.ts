/**
 * glibc's natural logarithm, bit for bit: the value numpy's normal generator gets from the C library on
 * x86-64 Linux with glibc >= 2.28 on an FMA-capable CPU (the `__log_fma` variant). V8's `Math.log` differs in
 * the last bit for about 4% of inputs, which is enough to move ~1% of `make_blobs` values by a few ulps.
 *
 * Porting note: the algorithm is Arm optimized-routines `math/log.c` (as glibc's `e_log.c`); the operation
 * order of the FMA paths follows the disassembly of Debian 12's `__log_fma`, as written down in our
 * make-blobs spec (§4). Every `fma` below must be a true fused operation (see `exact-fma.ts`); every other
 * operation is a plain float64 op, identical in C and JS.
 *
 * @module
 */

import { fma } from './exact-fma.js';
import { LN2_HI, LN2_LO, POLY_A, POLY1_B, TAB_INVC, TAB_LOGC } from './glibc-log-tables.js';

const [A0, A1, A2, A3, A4] = POLY_A;
const [B0, B1, B2, B3, B4, B5, B6, B7, B8, B9, B10] = POLY1_B;

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LOW = LITTLE_ENDIAN ? 0 : 1;
const HIGH = 1 - LOW;

/** High word of the bit pattern of 1 - 2^-4, where the near-1 interval starts (its low word is 0). */
const NEAR_ONE_START_HIGH = 0x3fee0000;
/** High-word width of the near-1 interval [1 - 2^-4, 1 + 0x1.09p-4). */
const NEAR_ONE_WIDTH_HIGH = 0x00030900;
/** High word of OFF = 0x3fe6000000000000: the reduced z lies in [OFF, 2·OFF) in bit-pattern terms. */
const OFF_HIGH = 0x3fe60000;
/** 2^27, to split r into a 26-bit head and an exact tail. */
const TWO_POW_27 = 134217728;
/** 2^52, to scale subnormals up into the normal range. */
const TWO_POW_52 = 4503599627370496;

/**
 * ln(x) exactly as glibc 2.36's `__log_fma` computes it (max error about 0.52 ulp; not always the correctly
 * rounded value, and that is the point).
 *
 * Special values follow C99: log(±0) = -Infinity, log(+Infinity) = +Infinity, log(x < 0) = NaN, log(NaN) = NaN;
 * log(1) = +0. Subnormal inputs are supported.
 *
 * @example
 * glibcLog(2); // 0.6931471805599453
 * glibcLog(Number.MIN_VALUE); // -744.4400719213812
 */
export function glibcLog(x: number): number {
  scratch[0] = x;
  let high = words[HIGH]!;
  let low = words[LOW]!;

  // Unsigned 64-bit test `bits(x) - bits(1 - 2^-4) < width`; both bounds have a zero low word, so the
  // high words decide.
  if ((high - NEAR_ONE_START_HIGH) >>> 0 < NEAR_ONE_WIDTH_HIGH) return logNearOne(x);

  const top16 = high >>> 16;
  if ((top16 - 0x0010) >>> 0 >= 0x7fe0) {
    if ((high & 0x7fffffff) === 0 && low === 0) return Number.NEGATIVE_INFINITY;
    if (x === Number.POSITIVE_INFINITY) return x;
    if (top16 & 0x8000 || (top16 & 0x7ff0) === 0x7ff0) return Number.NaN;
    // Subnormal: scale into the normal range exactly and take 52 off the exponent field.
    scratch[0] = x * TWO_POW_52;
    high = (words[HIGH]! - (52 << 20)) >>> 0;
    low = words[LOW]!;
  }

  // x = 2^k · z with z in [OFF, 2·OFF); i picks the subinterval of z whose centre c has 1/c and log(c) tabled.
  // `tmp` is bits(x) - OFF; OFF's low word is 0, so only the high word changes, and its int32 view gives the
  // arithmetic shift `(int64)tmp >> 52` as `tmpHigh >> 20`.
  const tmpHigh = (high - OFF_HIGH) | 0;
  const i = (tmpHigh >>> 13) & 127;
  const k = tmpHigh >> 20;
  words[HIGH] = (high - (tmpHigh & 0xfff00000)) >>> 0;
  words[LOW] = low;
  const z = scratch[0]!;
  const invc = TAB_INVC[i]!;
  const logc = TAB_LOGC[i]!;
  const kd = k;

  // kd·LN2_HI is exact (LN2_HI ends in 11 zero bits), so the fused and the plain form of w are equal.
  const w = kd * LN2_HI + logc;
  const r = fma(z, invc, -1.0);
  const t1 = fma(r, A2, A1);
  const hi = r + w;
  const r2 = r * r;
  const lo = fma(kd, LN2_LO, w - hi + r);
  const r3 = r * r2;
  const t2 = fma(r, A4, A3);
  const u = fma(r2, A0, lo);
  const p = fma(t2, r2, t1);
  const y = fma(r3, p, u);
  return y + hi;
}

/** The x in [1 - 2^-4, 1 + 0x1.09p-4) path: log1p(r) for r = x - 1 with a degree-12 polynomial. */
function logNearOne(x: number): number {
  // Returning +0 for x = 1 keeps the sign of zero right under every rounding mode (glibc does the same).
  if (x === 1) return 0;
  const r = x - 1.0;
  let a = fma(r, B2, B1);
  let b = fma(r, B5, B4);
  const r2 = r * r;
  let c = fma(r, B8, B7);
  a = fma(r2, B3, a);
  b = fma(r2, B6, b);
  const r3 = r * r2;
  c = fma(r2, B9, c);
  c = fma(r3, B10, c);
  const d = fma(c, r3, b);
  const e = fma(d, r3, a);
  // r = rhi + rlo with rhi short enough that rhi², and rhi²·B0 (B0 = -0.5), are exact: this carries the
  // dominant -r²/2 term in double-double precision.
  const scaled = r * TWO_POW_27;
  const rhi = r + scaled - scaled;
  const rlo = r - rhi;
  const halfSquare = rhi * rhi * B0;
  const hi = r + halfSquare;
  let lo = r - hi + halfSquare;
  lo = fma(B0 * rlo, r + rhi, lo);
  const y = fma(e, r3, lo);
  return hi + y;
}
