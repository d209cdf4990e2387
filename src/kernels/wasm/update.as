// AssemblyScript source (compiled by scripts/build-wasm.ts). Element-wise training kernels on float32 arrays.
// Every operation is a single IEEE float32 operation (add, mul, div, sqrt are correctly rounded in wasm, lanes
// included), so these give bit for bit the results of the JS loops that round each step with Math.fround.

/**
 * Adam (Keras 3 formulas): m ← m + (g − m)·(1 − β1); v ← v + (g² − v)·(1 − β2); w ← w − α·m / (sqrt(v) + ε).
 * With `vMax` non-zero (amsgrad) the denominator uses vMax ← max(vMax, v) instead of v.
 */
export function adamUpdate(
  w: usize,
  g: usize,
  m: usize,
  v: usize,
  vMax: usize,
  n: i32,
  alpha: f32,
  oneMinusBeta1: f32,
  oneMinusBeta2: f32,
  epsilon: f32,
): void {
  adamArray(w, g, m, v, vMax, 0, n, alpha, oneMinusBeta1, oneMinusBeta2, epsilon);
}

/**
 * Several Adam updates in one call (one training step's): `table` lists `count` weight arrays as 7 int32
 * each: w, g, m, v, vMax (0: no amsgrad), backup, n. Each array's weights are copied into its backup just
 * before they are updated (so a step can be undone). Returns 1 when every updated weight is finite, else 0.
 */
export function adamUpdates(
  table: usize,
  count: i32,
  alpha: f32,
  oneMinusBeta1: f32,
  oneMinusBeta2: f32,
  epsilon: f32,
): i32 {
  let check: f32 = 0;
  for (let i = 0; i < count; i++) {
    const e = table + <usize>i * 28;
    check += adamArray(
      <usize>load<i32>(e),
      <usize>load<i32>(e, 4),
      <usize>load<i32>(e, 8),
      <usize>load<i32>(e, 12),
      <usize>load<i32>(e, 16),
      <usize>load<i32>(e, 20),
      load<i32>(e, 24),
      alpha,
      oneMinusBeta1,
      oneMinusBeta2,
      epsilon,
    );
  }
  return check == 0 ? 1 : 0;
}

// One array's update (see adamUpdate); copies w to `backup` first when it is not 0. Returns Σ (w − w) over
// the new weights: 0 when they are all finite, NaN otherwise.
function adamArray(
  w: usize,
  g: usize,
  m: usize,
  v: usize,
  vMax: usize,
  backup: usize,
  n: i32,
  alpha: f32,
  oneMinusBeta1: f32,
  oneMinusBeta2: f32,
  epsilon: f32,
): f32 {
  const al = f32x4.splat(alpha);
  const b1 = f32x4.splat(oneMinusBeta1);
  const b2 = f32x4.splat(oneMinusBeta2);
  const ep = f32x4.splat(epsilon);
  let acc = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i * 4;
    const gi = v128.load(g + o);
    let mi = v128.load(m + o);
    let vi = v128.load(v + o);
    mi = f32x4.add(mi, f32x4.mul(f32x4.sub(gi, mi), b1));
    vi = f32x4.add(vi, f32x4.mul(f32x4.sub(f32x4.mul(gi, gi), vi), b2));
    v128.store(m + o, mi);
    v128.store(v + o, vi);
    let used = vi;
    if (vMax != 0) {
      used = f32x4.max(vi, v128.load(vMax + o));
      v128.store(vMax + o, used);
    }
    const step = f32x4.div(f32x4.mul(mi, al), f32x4.add(f32x4.sqrt(used), ep));
    const old = v128.load(w + o);
    if (backup != 0) v128.store(backup + o, old);
    const next = f32x4.sub(old, step);
    v128.store(w + o, next);
    acc = f32x4.add(acc, f32x4.sub(next, next));
  }
  let s: f32 = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1);
  s += f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3);
  for (; i < n; i++) {
    const o = <usize>i * 4;
    const gi = load<f32>(g + o);
    const mi = load<f32>(m + o) + (gi - load<f32>(m + o)) * oneMinusBeta1;
    const vi = load<f32>(v + o) + (gi * gi - load<f32>(v + o)) * oneMinusBeta2;
    store<f32>(m + o, mi);
    store<f32>(v + o, vi);
    let used = vi;
    if (vMax != 0) {
      used = max(vi, load<f32>(vMax + o));
      store<f32>(vMax + o, used);
    }
    const old = load<f32>(w + o);
    if (backup != 0) store<f32>(backup + o, old);
    const next = old - (mi * alpha) / (sqrt<f32>(used) + epsilon);
    store<f32>(w + o, next);
    s += next - next;
  }
  return s;
}

/** 1 when every one of the n values is finite, else 0 (x − x is 0 for finite x and NaN otherwise). */
export function allFinite(x: usize, n: i32): i32 {
  let acc = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const xi = v128.load(x + (<usize>i * 4));
    acc = f32x4.add(acc, f32x4.sub(xi, xi));
  }
  let s: f32 = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1);
  s += f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3);
  for (; i < n; i++) {
    const xi = load<f32>(x + (<usize>i * 4));
    s += xi - xi;
  }
  return s == 0 ? 1 : 0;
}

/** Copies n bytes from src to dst (blocks may overlap). */
export function copyBytes(dst: usize, src: usize, n: i32): void {
  memory.copy(dst, src, <usize>n);
}
