/**
 * Flag parsing on top of `node:util` `parseArgs`, turning its errors and bad values into {@link UsageError}s
 * that say what was expected.
 *
 * @module
 */

import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `args` strictly against `options`; unknown flags and missing values are usage errors. */
export function parseFlags<O extends Options>(
  args: string[],
  options: O,
  allowPositionals = false,
): { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args,
      options,
      strict: true,
      allowPositionals,
      allowNegative: true,
    });
    return { values: values as Record<string, string | boolean | string[] | undefined>, positionals };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const ambiguous = /^Option '(-[-\w]+)' argument is ambiguous/.exec(message);
    if (ambiguous) throw new UsageError(dashValueMessage(ambiguous[1]!, args));
    throw new UsageError(
      message.replace(/\. To specify a positional argument.*$/s, '.').replace(/\s*\n\s*/g, ' '),
    );
  }
}

// `--lr -1`: parseArgs cannot tell a negative number from the next flag, and its own message runs on for
// three sentences. Say what came and how to write it.
function dashValueMessage(flag: string, args: readonly string[]): string {
  const value = args[args.indexOf(flag) + 1] ?? '';
  return `${flag} got ${JSON.stringify(value)}, which looks like another flag; write a value that starts with a dash as ${flag}=${value}`;
}

/** Reads an integer flag in [min, max]. */
export function intFlag(
  value: unknown,
  flag: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return undefined;
  const s = String(value).trim();
  const n = Number(s);
  if (s === '' || !Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} expects an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return n;
}

/** Reads a finite number flag in [min, max] (bounds inclusive unless `open`). */
export function numberFlag(
  value: unknown,
  flag: string,
  min = Number.NEGATIVE_INFINITY,
  max = Number.POSITIVE_INFINITY,
  open = false,
): number | undefined {
  if (value === undefined) return undefined;
  const s = String(value).trim();
  const n = Number(s);
  const inRange = open ? n > min && n < max : n >= min && n <= max;
  if (s === '' || !Number.isFinite(n) || !inRange) {
    const range = open ? openRangeText(min, max) : rangeText(min, max);
    throw new UsageError(`${flag} expects a number ${range}, got ${JSON.stringify(value)}`);
  }
  return n;
}

function openRangeText(min: number, max: number): string {
  if (max === Number.POSITIVE_INFINITY) return `> ${min}`;
  return `between ${min} and ${max} (exclusive)`;
}

function rangeText(min: number, max: number): string {
  if (min === Number.NEGATIVE_INFINITY && max === Number.POSITIVE_INFINITY) return '';
  if (max === Number.POSITIVE_INFINITY) return `>= ${min}`;
  if (min === Number.NEGATIVE_INFINITY) return `<= ${max}`;
  return `from ${min} to ${max}`;
}

/** Reads a comma-separated list of numbers, e.g. `--hidden 25,15`. */
export function numberListFlag(value: unknown, flag: string): number[] | undefined {
  if (value === undefined) return undefined;
  const parts = String(value).split(',');
  const out = parts.map((p) => Number(p.trim()));
  if (parts.some((p) => p.trim() === '') || out.some((n) => !Number.isFinite(n))) {
    throw new UsageError(`${flag} expects comma-separated numbers like 1,2,3, got ${JSON.stringify(value)}`);
  }
  return out;
}
