/**
 * The naive float64 reference for the GEMM tests: c0 + op(a)·op(b) for float32 operands, with the float32
 * rounding bound each element may carry: (k + 2)·2⁻²⁴·(|c0| + Σ|a·b|).
 */

export interface Product {
  transA: boolean;
  transB: boolean;
  m: number;
  n: number;
  k: number;
}

/** Deterministic U[−0.5, 0.5) float32 values. */
export function randomFloats(length: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 4294967296 - 0.5;
  }
  return out;
}

/** Exact-ish expected values and the absolute tolerance that covers float32 accumulation in any order. */
export function referenceProduct(
  p: Product,
  a: Float32Array,
  b: Float32Array,
  c0: Float32Array,
): { expected: Float64Array; atol: number } {
  const { m, n, k } = p;
  const expected = new Float64Array(m * n);
  let worstScale = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = c0[i * n + j]!;
      let scale = Math.abs(s);
      for (let q = 0; q < k; q++) {
        const av = p.transA ? a[q * m + i]! : a[i * k + q]!;
        const bv = p.transB ? b[j * k + q]! : b[q * n + j]!;
        s += av * bv;
        scale += Math.abs(av * bv);
      }
      expected[i * n + j] = s;
      worstScale = Math.max(worstScale, scale);
    }
  }
  return { expected, atol: (k + 2) * 2 ** -24 * worstScale };
}
