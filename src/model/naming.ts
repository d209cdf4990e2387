/**
 * Keras' automatic names: a process-wide counter per base name, so the lab's first model is `sequential` with
 * `dense`, `dense_1`, `dense_2`, and the second one `sequential_1` with `dense_3`, `dense_4`, `dense_5`.
 *
 * @module
 */

const counters = new Map<string, number>();

/** The next unique name for `base`: `base`, then `base_1`, `base_2`, ... */
export function uniqueName(base: string): string {
  const n = counters.get(base) ?? 0;
  counters.set(base, n + 1);
  return n === 0 ? base : `${base}_${n}`;
}

/** Resets the name counters, like `keras.backend.clear_session()`: the next Dense is `dense` again. */
export function clearSession(): void {
  counters.clear();
}
