/**
 * Summary statistics of benchmark samples.
 *
 * @module
 */

/** Median of the samples (mean of the two middle ones for an even count). */
export function median(samples: readonly number[]): number {
  const s = [...samples].sort((x, y) => x - y);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median, minimum and maximum. */
export function summary(samples: readonly number[]): { median: number; min: number; max: number } {
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples) };
}

/** A number with about 3 significant digits and thousands separators (e.g. 1,234 or 12.3 or 0.456). */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : Math.abs(x) >= 1 ? 2 : 3;
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
