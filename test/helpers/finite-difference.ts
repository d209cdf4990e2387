/**
 * Central finite differences of a scalar function of a flat float64 vector, to check analytic gradients.
 */

/** ∂f/∂x_k ≈ (f(x + h e_k) − f(x − h e_k)) / 2h with h = step · max(1, |x_k|). */
export function finiteDifferenceGradient(
  f: (x: Float64Array) => number,
  x: Float64Array,
  step = 1e-6,
): Float64Array {
  const grad = new Float64Array(x.length);
  const probe = Float64Array.from(x);
  for (let k = 0; k < x.length; k++) {
    const h = step * Math.max(1, Math.abs(x[k]!));
    probe[k] = x[k]! + h;
    const up = f(probe);
    probe[k] = x[k]! - h;
    const down = f(probe);
    probe[k] = x[k]!;
    grad[k] = (up - down) / (2 * h);
  }
  return grad;
}
