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
  const al = f32x4.splat(alpha);
  const b1 = f32x4.splat(oneMinusBeta1);
  const b2 = f32x4.splat(oneMinusBeta2);
  const ep = f32x4.splat(epsilon);
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
    v128.store(w + o, f32x4.sub(v128.load(w + o), step));
  }
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
    store<f32>(w + o, load<f32>(w + o) - (mi * alpha) / (sqrt<f32>(used) + epsilon));
  }
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
