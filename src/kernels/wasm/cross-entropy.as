// AssemblyScript source (compiled by scripts/build-wasm.ts). The cross-entropy of a block of logits with its
// gradient, for training steps: the formulas of src/core/losses/cross-entropy-rows.ts (float64, stable
// log-softmax, log1p of the non-maximal terms), with each exp computed once per logit.
//
// exp and log1p are written out with +, −, ×, ÷, floor and exact bit moves only, in the same order as their
// TypeScript twins (src/kernels/portable-math.ts). Those operations are correctly rounded in wasm and in JS
// alike, lane by lane, so the kernel and its twin (src/kernels/logits-loss.ts) give the same bits: a training
// step gives the same result here as in plain JS. Both stay within 2 ulp of the true exp and log1p.
//
// Both functions work on two float64 lanes at once: rows with class labels go two at a time (one row per
// lane), which halves the instructions and lets the two rows' dependency chains overlap.

// 1/ln 2, and ln 2 split into a 21-bit head (k·LN2_HI is exact for every k used) and the rest.
const INV_LN2: f64 = 1.4426950408889634;
const LN2_HI: f64 = 0.6931467056274414;
const LN2_LO: f64 = 4.749325039031672e-7;
const SQRT2: f64 = 1.4142135623730951;
// Below this, exp(x) < 2^-1021: treated as 0 (it cannot change a sum that holds the term 1, and its float32
// gradient is 0 anyway), which keeps 2^k a normal number.
const EXP_MIN: f64 = -708;
// 2^52: adding it to an integer-valued double below 2^52 leaves the integer in the low mantissa bits.
const TWO52: f64 = 4503599627370496;

// The constants, in memory: a v128 constant in the code costs V8 several instructions at every use (it is
// rebuilt from immediates), a load-and-splat from memory costs one.
const K = memory.data<f64>(
  [
    EXP_MIN, // 0
    INV_LN2, // 1
    0.5, // 2
    LN2_HI, // 3
    LN2_LO, // 4
    1, // 5
    0.16666666666666666, // 6: exp's Taylor coefficients 1/n!, n = 3 ..
    0.041666666666666664,
    0.008333333333333333,
    0.001388888888888889,
    0.0001984126984126984, // 10
    0.0000248015873015873,
    0.0000027557319223985893,
    2.755731922398589e-7,
    2.505210838544172e-8,
    2.08767569878681e-9, // 15
    1.6059043836821613e-10, // 16: .. n = 13
    1023, // 17
    TWO52, // 18
    SQRT2, // 19
    TWO52 + 1023, // 20
    2, // 21
    0.6666666666666666, // 22: log1p's 2/(2n + 1), n = 1 ..
    0.4,
    0.2857142857142857,
    0.2222222222222222, // 25
    0.18181818181818182,
    0.15384615384615385,
    0.13333333333333333,
    0.11764705882352941,
    0.10526315789473684, // 30
    0.09523809523809523, // 31: .. n = 10
  ],
  16,
);
const BITS = memory.data<u64>([0x4330000000000000, 0x000fffffffffffff, 0x3ff0000000000000], 16);

/** The constant K[i] in both lanes. */
@inline
function k(i: i32): v128 {
  return v128.load64_splat(K + (<usize>i << 3));
}

@inline
function bits(i: i32): v128 {
  return v128.load64_splat(BITS + (<usize>i << 3));
}

// a + b·x, lane by lane (multiply, then add: two roundings, as in the TypeScript twin).
@inline
function mulAdd(a: v128, b: v128, x: v128): v128 {
  return f64x2.add(a, f64x2.mul(b, x));
}

/**
 * exp(x) lane by lane for x ≤ 0: x = k·ln 2 + r with |r| ≤ ln 2 / 2, exp(r) by its Taylor polynomial of
 * degree 13 (truncation below 5e-18) in Estrin's form (a short dependency chain), times 2^k (built from its
 * bits). +0 for x < −708 and for NaN.
 */
@inline
function exp2Lanes(x: v128): v128 {
  const inRange = f64x2.ge(x, k(0));
  const n = f64x2.floor(f64x2.add(f64x2.mul(x, k(1)), k(2)));
  const r = f64x2.sub(f64x2.sub(x, f64x2.mul(n, k(3))), f64x2.mul(n, k(4)));
  const r2 = f64x2.mul(r, r);
  const r4 = f64x2.mul(r2, r2);
  const r8 = f64x2.mul(r4, r4);
  const p01 = f64x2.add(k(5), r);
  const p23 = mulAdd(k(2), k(6), r);
  const p45 = mulAdd(k(7), k(8), r);
  const p67 = mulAdd(k(9), k(10), r);
  const p89 = mulAdd(k(11), k(12), r);
  const p1011 = mulAdd(k(13), k(14), r);
  const p1213 = mulAdd(k(15), k(16), r);
  const q0 = mulAdd(p01, p23, r2);
  const q1 = mulAdd(p45, p67, r2);
  const q2 = mulAdd(p89, p1011, r2);
  const s0 = mulAdd(q0, q1, r4);
  const s1 = mulAdd(q2, p1213, r4);
  const p = mulAdd(s0, s1, r8);
  // (n + 1023) + 2^52 holds the biased exponent n + 1023 in its low bits; shifted up, it is 2^n.
  const biased = f64x2.add(f64x2.add(n, k(17)), k(18));
  const powerOfTwo = i64x2.shl(biased, 52);
  return v128.and(f64x2.mul(p, powerOfTwo), inRange);
}

/**
 * log(1 + s) lane by lane for finite s ≥ 0. u = 1 + s rounded, with its rounding error c kept exactly;
 * u = 2^e·(1 + f) with 1 + f in [√2/2, √2); log(1 + f) = 2·atanh(t) with t = f / (2 + f), taken as
 * f − t·(f − R), R = z·Σ_{n=1..10} 2·z^(n−1) / (2n + 1) with z = t² (truncation below 3e-17, Estrin's form);
 * log1p(s) ≈ e·ln 2 + log(1 + f) + c/u. +0 for s = 0.
 */
@inline
function log1p2Lanes(s: v128): v128 {
  const one = k(5);
  const u = f64x2.add(one, s);
  const below = f64x2.sub(s, f64x2.sub(u, one));
  const above = f64x2.sub(one, f64x2.sub(u, s));
  const c = v128.bitselect(below, above, f64x2.le(s, one));
  // u ≥ 1 is a normal positive number: its exponent field is e + 1023, its mantissa field gives u / 2^e.
  const exponentField = v128.or(i64x2.shr_u(u, 52), bits(0));
  let e = f64x2.sub(exponentField, k(20));
  let mant = v128.or(v128.and(u, bits(1)), bits(2));
  const high = f64x2.ge(mant, k(19));
  mant = v128.bitselect(f64x2.mul(mant, k(2)), mant, high);
  e = f64x2.add(e, v128.and(high, one));
  const f = f64x2.sub(mant, one);
  const t = f64x2.div(f, f64x2.add(k(21), f));
  const z = f64x2.mul(t, t);
  const z2 = f64x2.mul(z, z);
  const z4 = f64x2.mul(z2, z2);
  const z8 = f64x2.mul(z4, z4);
  const p12 = mulAdd(k(22), k(23), z);
  const p34 = mulAdd(k(24), k(25), z);
  const p56 = mulAdd(k(26), k(27), z);
  const p78 = mulAdd(k(28), k(29), z);
  const p910 = mulAdd(k(30), k(31), z);
  const q0 = mulAdd(p12, p34, z2);
  const q1 = mulAdd(p56, p78, z2);
  const R = f64x2.mul(mulAdd(mulAdd(q0, q1, z4), p910, z8), z);
  const logMant = f64x2.sub(f, f64x2.mul(t, f64x2.sub(f, R)));
  const rest = f64x2.add(f64x2.mul(e, k(4)), f64x2.div(c, u));
  const result = f64x2.add(f64x2.mul(e, k(3)), f64x2.add(logMant, rest));
  return v128.andnot(result, f64x2.eq(s, f64x2.splat(0)));
}

/** log1p of one value (lane 0 of {@link log1p2Lanes}). */
function log1pOne(s: f64): f64 {
  return f64x2.extract_lane(log1p2Lanes(f64x2.splat(s)), 0);
}

/** exp of one value ≤ 0 (lane 0 of {@link exp2Lanes}). */
@inline
function expOne(x: f64): f64 {
  return f64x2.extract_lane(exp2Lanes(f64x2.splat(x)), 0);
}

/**
 * max of the row, NaN when it holds a NaN (as rowMax of src/core/softmax-rows.ts, except that +0 counts
 * above −0, which changes nothing downstream), without a branch per entry.
 */
function rowMax(z: usize, cols: i32): f64 {
  let m: f64 = -Infinity;
  for (let j = 0; j < cols; j++) m = max(m, <f64>load<f32>(z + (<usize>j << 2)));
  return m;
}

/** True when both lanes are finite. */
@inline
function allFinite2(m: v128): bool {
  return isFinite(f64x2.extract_lane(m, 0)) && isFinite(f64x2.extract_lane(m, 1));
}

/** z0[j] and z1[j] (float32) as the two float64 lanes. */
@inline
function pairAt(z0: usize, z1: usize, o: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load32_lane(z1 + o, v128.load32_zero(z0 + o), 1));
}

/**
 * {@link rowMax} of two rows at once, one per lane. The plain max instruction (pmax) decides neither NaN
 * nor the sign of a zero maximum like `max`: NaN is tracked apart (such a row's lane is NaN, and it goes the
 * one-row way), and which zero is the maximum changes no result (z − m, exp and the loss are the same).
 */
function rowMax2(z0: usize, z1: usize, cols: i32): v128 {
  let m = f64x2.splat(-Infinity);
  let nan = f64x2.splat(0);
  for (let j = 0; j < cols; j++) {
    const v = pairAt(z0, z1, <usize>j << 2);
    m = f64x2.pmax(m, v);
    nan = v128.or(nan, f64x2.ne(v, v));
  }
  return v128.bitselect(f64x2.splat(NaN), m, nan);
}

/** The weight t_j of column j: the label's one-hot (labels) or the target row (weights). */
@inline
function targetAt(labels: bool, label: i32, weights: usize, j: i32): f64 {
  return labels ? (j == label ? 1.0 : 0.0) : <f64>load<f32>(weights + (<usize>j << 2));
}

/** A row whose max is not finite: +Infinity logits share the mass; −Infinity or NaN rows are NaN. */
function nonFiniteRow(
  z: usize,
  cols: i32,
  labels: bool,
  label: i32,
  weights: usize,
  grad: usize,
  scale: f64,
  m: f64,
): f64 {
  if (m != Infinity) {
    if (grad != 0) for (let j = 0; j < cols; j++) store<f32>(grad + (<usize>j << 2), NaN);
    return NaN;
  }
  let winners = 0;
  for (let j = 0; j < cols; j++) if (load<f32>(z + (<usize>j << 2)) == Infinity) winners++;
  const logWinners = log1pOne(<f64>(winners - 1));
  let loss: f64 = 0;
  let weightSum: f64 = 0;
  for (let j = 0; j < cols; j++) {
    const t = targetAt(labels, label, weights, j);
    loss += t != 0 ? t * (load<f32>(z + (<usize>j << 2)) == Infinity ? logWinners : Infinity) : 0;
    weightSum += t;
  }
  if (grad != 0) {
    for (let j = 0; j < cols; j++) {
      const t = targetAt(labels, label, weights, j);
      const p: f64 = load<f32>(z + (<usize>j << 2)) == Infinity ? 1 / <f64>winners : 0;
      store<f32>(grad + (<usize>j << 2), <f32>(scale * (weightSum * p - t)));
    }
  }
  return loss;
}

/** One row's loss and gradient (label, or target weights when `labels` is false). */
function oneRow(
  z: usize,
  cols: i32,
  labels: bool,
  label: i32,
  weights: usize,
  grad: usize,
  scale: f64,
  exps: usize,
): f64 {
  const m = rowMax(z, cols);
  if (!isFinite(m)) return nonFiniteRow(z, cols, labels, label, weights, grad, scale, m);
  // Σ exp(z_j − m) without the first maximal entry (whose term is exactly 1): see rowSumExpOthers.
  let others: f64 = 0;
  let skipped = false;
  for (let j = 0; j < cols; j++) {
    const d = <f64>load<f32>(z + (<usize>j << 2)) - m;
    const e = expOne(d);
    store<f64>(exps + (<usize>j << 3), e);
    if (d == 0 && !skipped) skipped = true;
    else others += e;
  }
  const logTotal = log1pOne(others);
  let loss: f64 = 0;
  let weightSum: f64 = 1;
  if (labels) {
    loss = logTotal - (<f64>load<f32>(z + (<usize>label << 2)) - m);
  } else {
    weightSum = 0;
    for (let j = 0; j < cols; j++) {
      const t = <f64>load<f32>(weights + (<usize>j << 2));
      loss += t != 0 ? t * (logTotal - (<f64>load<f32>(z + (<usize>j << 2)) - m)) : 0;
      weightSum += t;
    }
  }
  if (grad != 0) {
    const total = 1 + others;
    for (let j = 0; j < cols; j++) {
      const t = targetAt(labels, label, weights, j);
      const e = load<f64>(exps + (<usize>j << 3));
      store<f32>(grad + (<usize>j << 2), <f32>(scale * ((weightSum * e) / total - t)));
    }
  }
  return loss;
}

/**
 * Two rows with labels l0, l1 and finite maxima m (one row per lane): the same operations as two calls of
 * {@link oneRow}. Returns their losses in lanes 0 and 1.
 */
function twoLabelRows(
  z0: usize,
  z1: usize,
  cols: i32,
  l0: i32,
  l1: i32,
  m: v128,
  g0: usize,
  g1: usize,
  scale: f64,
  exps: usize,
): v128 {
  const zero = f64x2.splat(0);
  let others = zero;
  let skipped = zero;
  for (let j = 0; j < cols; j++) {
    const d = f64x2.sub(pairAt(z0, z1, <usize>j << 2), m);
    const e = exp2Lanes(d);
    v128.store(exps + (<usize>j << 4), e);
    // The first entry equal to the max adds nothing (adding +0 to a sum of non-negative terms changes
    // no bit, as skipping it does in the one-row form).
    const first = v128.andnot(f64x2.eq(d, zero), skipped);
    skipped = v128.or(skipped, first);
    others = f64x2.add(others, v128.andnot(e, first));
  }
  const logTotal = log1p2Lanes(others);
  if (g0 != 0) {
    const total = f64x2.add(f64x2.splat(1), others);
    const s = f64x2.splat(scale);
    for (let j = 0; j < cols; j++) {
      const t = f64x2.replace_lane(f64x2.splat(j == l0 ? 1.0 : 0.0), 1, j == l1 ? 1.0 : 0.0);
      const e = v128.load(exps + (<usize>j << 4));
      const g = f32x4.demote_f64x2_zero(f64x2.mul(s, f64x2.sub(f64x2.div(e, total), t)));
      v128.store32_lane(g0 + (<usize>j << 2), g, 0);
      v128.store32_lane(g1 + (<usize>j << 2), g, 1);
    }
  }
  const zy = f64x2.replace_lane(
    f64x2.splat(<f64>load<f32>(z0 + (<usize>l0 << 2))),
    1,
    <f64>load<f32>(z1 + (<usize>l1 << 2)),
  );
  return f64x2.sub(logTotal, f64x2.sub(zy, m));
}

/**
 * Four rows with labels (two pairs, A = rows 0 and 1, B = rows 2 and 3, finite maxima mA, mB): the same
 * operations as two calls of {@link twoLabelRows}, interleaved so that the two pairs' chains of dependent
 * operations (exp, then the sum, then log1p) overlap. `exps` holds 4·cols float64. Returns the losses of
 * rows 0, 1 in `lossA` and of rows 2, 3 in the result.
 */
let lossA: v128 = f64x2(0, 0);

function fourLabelRows(
  z: usize,
  rowBytes: usize,
  cols: i32,
  labels: usize,
  mA: v128,
  mB: v128,
  grad: usize,
  scale: f64,
  exps: usize,
): v128 {
  const zero = f64x2.splat(0);
  const z0 = z;
  const z1 = z + rowBytes;
  const z2 = z1 + rowBytes;
  const z3 = z2 + rowBytes;
  let othersA = zero;
  let othersB = zero;
  let skippedA = zero;
  let skippedB = zero;
  for (let j = 0; j < cols; j++) {
    const o = <usize>j << 2;
    const dA = f64x2.sub(pairAt(z0, z1, o), mA);
    const dB = f64x2.sub(pairAt(z2, z3, o), mB);
    const eA = exp2Lanes(dA);
    const eB = exp2Lanes(dB);
    v128.store(exps + (<usize>j << 5), eA);
    v128.store(exps + (<usize>j << 5), eB, 16);
    const firstA = v128.andnot(f64x2.eq(dA, zero), skippedA);
    const firstB = v128.andnot(f64x2.eq(dB, zero), skippedB);
    skippedA = v128.or(skippedA, firstA);
    skippedB = v128.or(skippedB, firstB);
    othersA = f64x2.add(othersA, v128.andnot(eA, firstA));
    othersB = f64x2.add(othersB, v128.andnot(eB, firstB));
  }
  const logA = log1p2Lanes(othersA);
  const logB = log1p2Lanes(othersB);
  const l0 = load<i32>(labels);
  const l1 = load<i32>(labels, 4);
  const l2 = load<i32>(labels, 8);
  const l3 = load<i32>(labels, 12);
  if (grad != 0) {
    const totalA = f64x2.add(f64x2.splat(1), othersA);
    const totalB = f64x2.add(f64x2.splat(1), othersB);
    const sc = f64x2.splat(scale);
    const g0 = grad;
    const g1 = g0 + rowBytes;
    const g2 = g1 + rowBytes;
    const g3 = g2 + rowBytes;
    for (let j = 0; j < cols; j++) {
      const o = <usize>j << 2;
      const tA = f64x2.replace_lane(f64x2.splat(j == l0 ? 1.0 : 0.0), 1, j == l1 ? 1.0 : 0.0);
      const tB = f64x2.replace_lane(f64x2.splat(j == l2 ? 1.0 : 0.0), 1, j == l3 ? 1.0 : 0.0);
      const eA = v128.load(exps + (<usize>j << 5));
      const eB = v128.load(exps + (<usize>j << 5), 16);
      const gA = f32x4.demote_f64x2_zero(f64x2.mul(sc, f64x2.sub(f64x2.div(eA, totalA), tA)));
      const gB = f32x4.demote_f64x2_zero(f64x2.mul(sc, f64x2.sub(f64x2.div(eB, totalB), tB)));
      v128.store32_lane(g0 + o, gA, 0);
      v128.store32_lane(g1 + o, gA, 1);
      v128.store32_lane(g2 + o, gB, 0);
      v128.store32_lane(g3 + o, gB, 1);
    }
  }
  const zyA = f64x2.replace_lane(
    f64x2.splat(<f64>load<f32>(z0 + (<usize>l0 << 2))),
    1,
    <f64>load<f32>(z1 + (<usize>l1 << 2)),
  );
  const zyB = f64x2.replace_lane(
    f64x2.splat(<f64>load<f32>(z2 + (<usize>l2 << 2))),
    1,
    <f64>load<f32>(z3 + (<usize>l3 << 2)),
  );
  lossA = f64x2.sub(logA, f64x2.sub(zyA, mA));
  return f64x2.sub(logB, f64x2.sub(zyB, mB));
}

/**
 * Σ_i ℓ_i over a rows x cols block of float32 logits z, ℓ_i = Σ_j t_ij (logsumexp(z_i) − z_ij); with
 * grad ≠ 0, grad_ij = scale·((Σ_k t_ik)·softmax(z_i)_j − t_ij) rounded to float32. Targets: one int32 label
 * per row at `target` when `sparse` ≠ 0, else float32 rows laid out like z. `expScratch` holds 4·cols
 * float64 (the rows' exp(z − max), computed once for the loss and reused for the gradient). Rows with
 * labels go four at a time while their maxima are finite, then two at a time, then one by one.
 */
export function logitsCrossEntropy(
  z: usize,
  rows: i32,
  cols: i32,
  target: usize,
  sparse: i32,
  grad: usize,
  scale: f64,
  expScratch: usize,
): f64 {
  const labels = sparse != 0;
  const rowBytes = <usize>cols << 2;
  let sum: f64 = 0;
  let i = 0;
  if (labels) {
    for (; i + 4 <= rows; i += 4) {
      const zi = z + <usize>i * rowBytes;
      const mA = rowMax2(zi, zi + rowBytes, cols);
      const mB = rowMax2(zi + 2 * rowBytes, zi + 3 * rowBytes, cols);
      if (!(allFinite2(mA) && allFinite2(mB))) break;
      const gi = grad == 0 ? 0 : grad + <usize>i * rowBytes;
      const lossB = fourLabelRows(zi, rowBytes, cols, target + (<usize>i << 2), mA, mB, gi, scale, expScratch);
      sum += f64x2.extract_lane(lossA, 0);
      sum += f64x2.extract_lane(lossA, 1);
      sum += f64x2.extract_lane(lossB, 0);
      sum += f64x2.extract_lane(lossB, 1);
    }
    for (; i + 2 <= rows; i += 2) {
      const z0 = z + <usize>i * rowBytes;
      const z1 = z0 + rowBytes;
      const g0 = grad == 0 ? 0 : grad + <usize>i * rowBytes;
      const g1 = grad == 0 ? 0 : g0 + rowBytes;
      const l0 = load<i32>(target + (<usize>i << 2));
      const l1 = load<i32>(target + (<usize>i << 2), 4);
      const m = rowMax2(z0, z1, cols);
      if (isFinite(f64x2.extract_lane(m, 0)) && isFinite(f64x2.extract_lane(m, 1))) {
        const losses = twoLabelRows(z0, z1, cols, l0, l1, m, g0, g1, scale, expScratch);
        sum += f64x2.extract_lane(losses, 0);
        sum += f64x2.extract_lane(losses, 1);
      } else {
        sum += oneRow(z0, cols, true, l0, 0, g0, scale, expScratch);
        sum += oneRow(z1, cols, true, l1, 0, g1, scale, expScratch);
      }
    }
  }
  for (; i < rows; i++) {
    const zi = z + <usize>i * rowBytes;
    const gi = grad == 0 ? 0 : grad + <usize>i * rowBytes;
    const label = labels ? load<i32>(target + (<usize>i << 2)) : -1;
    const weights = labels ? 0 : target + <usize>i * rowBytes;
    sum += oneRow(zi, cols, labels, label, weights, gi, scale, expScratch);
  }
  return sum;
}
