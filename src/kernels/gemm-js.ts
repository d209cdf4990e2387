/**
 * Plain-JS matrix products on row-major float32 blocks: the three shapes training needs. They are the fallback
 * kernels where WebAssembly SIMD is missing, and the fastest choice for the tiniest products (no call into
 * wasm, no staging). All accumulate into `c` (`c += a·b`), so a caller initialises `c` (to zero, or to the bias
 * rows for Dense's forward pass). Dimensions are not checked here.
 *
 * Shapes: `a` m x k, `b` k x n, `c` m x n (NN); `b` given as n x k (NT); `a` given as k x m (TN).
 *
 * @module
 */

/**
 * `c[m x n] += a[m x k] · b[k x n]` (forward pass: X·W).
 * Loop order i-p-j keeps the innermost loop on contiguous rows of `b` and `c`.
 */
export function gemmNN(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
): void {
  for (let i = 0; i < m; i++) {
    const cRow = i * n;
    const aRow = i * k;
    for (let p = 0; p < k; p++) {
      const aip = a[aRow + p]!;
      if (aip === 0) continue; // relu outputs are often exactly zero: skip the whole row of b
      const bRow = p * n;
      for (let j = 0; j < n; j++) c[cRow + j]! += aip * b[bRow + j]!;
    }
  }
}

/**
 * `c[m x n] += a[m x k] · bᵀ` with `b` stored as n x k (backward pass: dX = dZ·Wᵀ, W being in x out).
 * Each output is a dot product of two contiguous rows.
 */
export function gemmNT(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
): void {
  for (let i = 0; i < m; i++) {
    const aRow = i * k;
    const cRow = i * n;
    for (let j = 0; j < n; j++) {
      const bRow = j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += a[aRow + p]! * b[bRow + p]!;
      c[cRow + j]! += s;
    }
  }
}

/**
 * `c[m x n] += aᵀ · b` with `a` stored as k x m (backward pass: dW = Xᵀ·dZ, summed over the batch of k rows).
 * Loop order p-i-j: each batch row adds an outer product, innermost loop contiguous.
 */
export function gemmTN(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
): void {
  for (let p = 0; p < k; p++) {
    const aRow = p * m;
    const bRow = p * n;
    for (let i = 0; i < m; i++) {
      const api = a[aRow + i]!;
      if (api === 0) continue;
      const cRow = i * n;
      for (let j = 0; j < n; j++) c[cRow + j]! += api * b[bRow + j]!;
    }
  }
}

/** `out[n] = Σ_i a[i, :]` over the m rows of a row-major m x n block (bias gradient). Overwrites `out`. */
export function columnSums(m: number, n: number, a: Float32Array, out: Float32Array): void {
  out.fill(0, 0, n);
  for (let i = 0; i < m; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) out[j]! += a[row + j]!;
  }
}

/** Fills each of the m rows of `c` (m x n) with `bias` (n), the starting value of X·W + b. */
export function broadcastRows(m: number, n: number, bias: Float32Array, c: Float32Array): void {
  for (let i = 0; i < m; i++) c.set(bias.subarray(0, n), i * n);
}
