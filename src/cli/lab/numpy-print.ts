/**
 * Prints arrays roughly the way numpy does with `np.set_printoptions(precision=2)` (the lab's setting), so the
 * lab's output reads like the notebook's: `[[1.23e-02 4.56e-04 ...]]` or `[0.03 0.09 0.24 0.64]`.
 *
 * numpy's rule for floats: scientific notation when the largest magnitude is >= 1e8, or the smallest non-zero
 * magnitude is < 1e-4, or their ratio exceeds 1e3; otherwise fixed with at most `precision` decimals, trailing
 * zeros trimmed to the longest needed. Values are right-aligned to a common width. This is a close, not a
 * character-exact, imitation.
 *
 * @module
 */

function useScientific(values: readonly number[]): boolean {
  const finite = values.filter((v) => Number.isFinite(v) && v !== 0).map(Math.abs);
  if (finite.length === 0) return false;
  const max = Math.max(...finite);
  const min = Math.min(...finite);
  return max >= 1e8 || min < 1e-4 || max / min > 1e3;
}

function scientific(v: number, precision: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
  const [mantissa, exponent] = v.toExponential(precision).split('e') as [string, string];
  const sign = exponent.startsWith('-') ? '-' : '+';
  const digits = exponent.replace(/^[+-]/, '').padStart(2, '0');
  return `${mantissa}e${sign}${digits}`;
}

function fixedStrings(values: readonly number[], precision: number): string[] {
  const raw = values.map((v) =>
    Number.isFinite(v) ? v.toFixed(precision) : Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf',
  );
  // Trim trailing zeros to the longest fraction any value needs (numpy's 'maxprec' float mode).
  let keep = 0;
  for (const s of raw) {
    const frac = /\.(\d*?)0*$/.exec(s)?.[1] ?? '';
    keep = Math.max(keep, frac.length);
  }
  return raw.map((s) => {
    if (!s.includes('.')) return s;
    const [int, frac] = s.split('.') as [string, string];
    return `${int}.${frac.slice(0, keep)}`;
  });
}

/** Formats the numbers of one array (all rows) with a shared notation and width. */
function formatAll(values: readonly number[], precision: number): string[] {
  const strings = useScientific(values)
    ? values.map((v) => scientific(v, precision))
    : fixedStrings(values, precision);
  const width = Math.max(...strings.map((s) => s.length));
  return strings.map((s) => s.padStart(width));
}

/** A 1-D array as numpy prints it: `[0.03 0.09 0.24 0.64]`. */
export function formatVector(values: ArrayLike<number>, precision = 2): string {
  return `[${formatAll(Array.from(values), precision).join(' ')}]`;
}

/** A 2-D array (rows) as numpy prints it, continuation rows indented by one space. */
export function formatRows(rows: readonly ArrayLike<number>[], precision = 2): string {
  const widths = rows.map((r) => r.length);
  const all = formatAll(
    rows.flatMap((r) => Array.from(r)),
    precision,
  );
  let k = 0;
  const lines = widths.map((w) => {
    const cells = all.slice(k, k + w);
    k += w;
    return `[${cells.join(' ')}]`;
  });
  return `[${lines.join('\n ')}]`;
}

/** An integer array: `[3 3 0 3 1]`. */
export function formatIntegers(values: ArrayLike<number>): string {
  return `[${Array.from(values).join(' ')}]`;
}
