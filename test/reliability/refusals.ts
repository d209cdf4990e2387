/**
 * Table-driven checks of refused inputs: each case names the call, the error class it must throw and the text
 * the message must contain (what was expected, what came, where).
 */
import { expect, it } from 'vitest';
import { SoftmaxLabError } from '../../src/core/errors.js';

// biome-ignore lint/suspicious/noExplicitAny: error classes have different constructor signatures
type ErrorClass = abstract new (...args: any[]) => SoftmaxLabError;

/** One refused input. */
export interface Refusal {
  /** What is passed, in words (the test name). */
  name: string;
  /** The call; may return a promise. */
  run: () => unknown;
  /** The typed error it must throw. */
  error: ErrorClass;
  /** What the message must say. */
  message: RegExp;
}

/** Runs `run` and returns what it threw (or rejected with); fails if it did not throw. */
export async function thrown(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to throw, but it returned');
}

/** Asserts that `e` is a one-line `error` whose message matches `message`. */
export function expectRefusal(e: unknown, error: ErrorClass, message: RegExp): void {
  expect(e, String(e)).toBeInstanceOf(error);
  expect(e).toBeInstanceOf(SoftmaxLabError);
  const text = (e as Error).message;
  expect(text).toMatch(message);
  expect(text).not.toContain('\n');
  expect((e as Error).name).toBe(error.name);
}

/** One test per case: the call throws `error` with a message matching `message`. */
export function refuses(cases: readonly Refusal[]): void {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    expectRefusal(await thrown(c.run), c.error, c.message);
  });
}
