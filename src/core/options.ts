/**
 * The checks every options object goes through: it must be a plain object, and every key must be one the
 * function knows. A misspelt or Python-style key (`validation_split`, `epoch`) would otherwise be ignored in
 * silence and the call would run with the default: a silent wrong answer.
 *
 * @module
 */

import { DataError, describeValue } from './errors.js';

function camelCase(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Returns `options` (or `{}` for `undefined`) after checking that it is a plain object whose keys are all in
 * `known`. An unknown key written in snake_case whose camelCase form is known gets that form as a hint.
 *
 * @throws {DataError} not an object (null, an array, a number, ...), or an unknown key (listing the known ones)
 * @example
 * checkOptions({ epochs: 3 }, 'fit options', ['epochs', 'batchSize']); // { epochs: 3 }
 * checkOptions({ batch_size: 3 }, 'fit options', ['epochs', 'batchSize']);
 * // DataError: fit options: expected only epochs, batchSize, got the unknown option "batch_size". Did you mean batchSize?
 */
export function checkOptions<T extends object>(
  options: T | undefined,
  subject: string,
  known: readonly string[],
): T {
  if (options === undefined) return {} as T;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new DataError({
      subject,
      expected: `an options object (with ${known.join(', ')})`,
      got: describeValue(options),
    });
  }
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const suggestion = camelCase(key);
    throw new DataError({
      subject,
      expected: `only ${known.join(', ')}`,
      got: `the unknown option ${JSON.stringify(key)}`,
      hint: suggestion !== key && known.includes(suggestion) ? `Did you mean ${suggestion}?` : undefined,
    });
  }
  return options;
}

/** Checks an optional boolean option; returns it, or `fallback` when it is `undefined`. */
export function booleanOption(value: unknown, subject: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    throw new DataError({ subject, expected: 'true or false', got: describeValue(value) });
  }
  return value;
}

/** A writable text sink (`process.stdout`, or `{ write(text) {} }`). */
export interface TextSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Checks an optional output sink (an object with a `write` method); returns it or `undefined`. */
export function sinkOption(value: unknown, subject: string): TextSink | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || typeof (value as TextSink).write !== 'function') {
    throw new DataError({
      subject,
      expected: 'a stream or an object with a write(text) method',
      got: describeValue(value),
    });
  }
  return value as TextSink;
}
