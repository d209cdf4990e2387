/**
 * exp and log1p built from +, −, ×, ÷ and floor only, the same operations in the same order as their
 * twins in `src/kernels/wasm/cross-entropy.as`. Those operations are correctly rounded in JS and in
 * WebAssembly alike, so both give the same bits, which `Math.exp` / `Math.log1p` (implemented by each
 * engine in its own way) would not promise. Training uses them so that a step gives the same result in the
 * wasm kernels and in plain JS. Both functions stay within 2 ulp of the true values (tested against
 * `Math.exp` / `Math.log1p`).
 *
 * @module
 */

// 1/ln 2, and ln 2 split into a 21-bit head (k·LN2_HI is exact for every k used) and the rest.
const INV_LN2 = Math.LOG2E;
const LN2_HI = 0.6931467056274414;
const LN2_LO = 4.749325039031672e-7;
const SQRT2 = Math.SQRT2;
/** Below this, exp(x) < 2^-1021 is taken as 0, which keeps 2^k a normal number. */
const EXP_MIN = -708;

/** 2^k for k = −1022 … 0 at index k + 1022, exact (built by halving). */
const POWERS_OF_TWO = (() => {
  const table = new Float64Array(1023);
  let p = 1;
  for (let k = 0; k >= -1022; k--) {
    table[k + 1022] = p;
    p *= 0.5;
  }
  return table;
})();

/**
 * exp(x) for x ≤ 0: x = k·ln 2 + r with |r| ≤ ln 2 / 2, exp(r) by its Taylor polynomial of degree 13
 * (truncation below 5e-18) in Estrin's form (a short dependency chain), times 2^k. Returns 0 for x < −708
 * (exp(x) < 2^-1021) and for NaN.
 *
 * @example
 * expNonPositive(0); // 1
 * expNonPositive(-1); // 0.36787944117144233 (Math.exp(-1) to within 2 ulp)
 */
export function expNonPositive(x: number): number {
  if (!(x >= EXP_MIN)) return 0;
  const k = Math.floor(x * INV_LN2 + 0.5);
  const r = x - k * LN2_HI - k * LN2_LO;
  const r2 = r * r;
  const r4 = r2 * r2;
  const r8 = r4 * r4;
  const p01 = 1 + r;
  const p23 = 0.5 + 0.16666666666666666 * r;
  const p45 = 0.041666666666666664 + 0.008333333333333333 * r;
  const p67 = 0.001388888888888889 + 0.0001984126984126984 * r;
  const p89 = 0.0000248015873015873 + 0.0000027557319223985893 * r;
  const p1011 = 2.755731922398589e-7 + 2.505210838544172e-8 * r;
  const p1213 = 2.08767569878681e-9 + 1.6059043836821613e-10 * r;
  const q0 = p01 + p23 * r2;
  const q1 = p45 + p67 * r2;
  const q2 = p89 + p1011 * r2;
  const s0 = q0 + q1 * r4;
  const s1 = q2 + p1213 * r4;
  return (s0 + s1 * r8) * POWERS_OF_TWO[k + 1022]!;
}

/**
 * log(1 + s) for finite s ≥ 0. u = 1 + s rounded, with its rounding error c kept exactly (Fast2Sum);
 * u = 2^e·(1 + f) with 1 + f in [√2/2, √2); log(1 + f) = 2·atanh(t) with t = f / (2 + f), taken as
 * f − t·(f − R), R = z·Σ_{n=1..10} 2·z^(n−1) / (2n + 1) with z = t² (truncation below 3e-17, Estrin's form),
 * so the leading f is exact; log1p(s) ≈ e·ln 2 + log(1 + f) + c/u.
 *
 * @example
 * log1pNonNegative(1e-20); // 1e-20
 * log1pNonNegative(1); // 0.6931471805599453
 */
export function log1pNonNegative(s: number): number {
  if (s === 0) return 0;
  const u = 1 + s;
  const c = s <= 1 ? s - (u - 1) : 1 - (u - s);
  // u / 2^e by exact halvings (the wasm twin reads e off the bits of u: the same numbers).
  let mant = u;
  let e = 0;
  while (mant >= 2) {
    mant *= 0.5;
    e += 1;
  }
  if (mant >= SQRT2) {
    mant *= 0.5;
    e += 1;
  }
  const f = mant - 1;
  const t = f / (2 + f);
  const z = t * t;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z8 = z4 * z4;
  const p12 = 0.6666666666666666 + 0.4 * z;
  const p34 = 0.2857142857142857 + 0.2222222222222222 * z;
  const p56 = 0.18181818181818182 + 0.15384615384615385 * z;
  const p78 = 0.13333333333333333 + 0.11764705882352941 * z;
  const p910 = 0.10526315789473684 + 0.09523809523809523 * z;
  const q0 = p12 + p34 * z2;
  const q1 = p56 + p78 * z2;
  const R = (q0 + q1 * z4 + p910 * z8) * z;
  return e * LN2_HI + (f - t * (f - R) + (e * LN2_LO + c / u));
}
