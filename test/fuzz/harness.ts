/**
 * The fuzz harness shared by `npm run fuzz` (scripts/fuzz.ts, 100,000 cases per target) and the short seeded
 * runs in `npm test` (test/fuzz/*.test.ts). A target is an arbitrary of cases plus a `check` that feeds one
 * case to the parser through {@link guardedCase}, which enforces what every parser owes its users:
 *
 * - it throws only the error classes its documentation lists (never a TypeError, a RangeError, a stack
 *   overflow), with a message that starts with the file's name, fits on one line and stays short;
 * - it says what the generator knows: a case built valid must load, a case built broken must be refused;
 * - every case finishes within `caseMs` (super-linear work on a large input shows up as a slow case);
 * - it never allocates ArrayBuffers far beyond the input's own size (a header claiming a huge shape must be
 *   refused before allocating);
 * - `Object.prototype` and `Array.prototype` are untouched afterwards (no prototype pollution).
 *
 * @module
 */

import fc from 'fast-check';

/** What the generator knows about a case: built valid, built broken, or mutated at random. */
export type Expectation = 'ok' | 'refuse' | 'any';

/** An error class a parser documents. */
export type ErrorClass = new (...args: never[]) => Error;

/** Per-case limits. */
export interface FuzzLimits {
  /** Longest time one case may take. */
  caseMs: number;
  /** Largest growth of `process.memoryUsage().arrayBuffers` during a case, beyond `inputBytes` × 16. */
  arrayBufferBytes: number;
  /** Longest error message. */
  messageChars: number;
}

/** The defaults: generous enough for a loaded 2-core machine, far below what a quadratic blow-up takes. */
export const DEFAULT_LIMITS: FuzzLimits = {
  caseMs: 2000,
  arrayBufferBytes: 64 * 2 ** 20,
  messageChars: 1500,
};

/** Counts of what happened, for the fuzz report. */
export class FuzzStats {
  cases = 0;
  accepted = 0;
  readonly refused = new Map<string, number>();
  slowestMs = 0;
  totalMs = 0;

  record(outcome: Outcome, ms: number): void {
    this.cases++;
    this.totalMs += ms;
    this.slowestMs = Math.max(this.slowestMs, ms);
    if (outcome.accepted) this.accepted++;
    else this.refused.set(outcome.errorName, (this.refused.get(outcome.errorName) ?? 0) + 1);
  }

  /** One line: `1234 cases: 200 accepted, 1034 refused (ModelFormatError 1000, LabelError 34); slowest 3.1 ms`. */
  summary(): string {
    const refused = [...this.refused].map(([name, n]) => `${name} ${n}`).join(', ');
    const refusedCount = this.cases - this.accepted;
    return (
      `${this.cases} cases: ${this.accepted} accepted, ${refusedCount} refused` +
      `${refused ? ` (${refused})` : ''}; slowest case ${this.slowestMs.toFixed(1)} ms`
    );
  }
}

/** The result of one case. */
export type Outcome<T = unknown> =
  | { accepted: true; value: T }
  | { accepted: false; errorName: string; error: Error };

/** A fuzz target: its cases and how one is checked. */
export interface FuzzTarget<C> {
  name: string;
  /** What the target feeds, for the report. */
  description: string;
  arbitrary: fc.Arbitrary<C>;
  /** Creates temporary files and the like; returns the context `check` receives. */
  setup(): Promise<FuzzContext>;
  check(c: C, context: FuzzContext): Promise<void>;
}

/** What a target's `check` receives. */
export interface FuzzContext {
  /** A scratch directory of this run (files are overwritten from case to case). */
  directory: string;
  stats: FuzzStats;
  limits: FuzzLimits;
  teardown(): Promise<void>;
}

/** Thrown when a case breaks a property; fast-check reports it with the case. */
export class FuzzPropertyError extends Error {}

function fail(message: string): never {
  throw new FuzzPropertyError(message);
}

type Snapshot = Map<string | symbol, unknown>;

function snapshot(target: object): Snapshot {
  const out: Snapshot = new Map();
  for (const key of Reflect.ownKeys(target)) {
    const d = Object.getOwnPropertyDescriptor(target, key)!;
    out.set(key, 'value' in d ? d.value : d.get);
  }
  return out;
}

const PROTOTYPES: [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
];
const BASELINE = PROTOTYPES.map(([name, proto]) => [name, snapshot(proto)] as const);

/** Fails when a prototype gained, lost or changed a property since this module loaded. */
export function assertPrototypesUntouched(): void {
  PROTOTYPES.forEach(([name, proto], i) => {
    const before = BASELINE[i]![1];
    const now = snapshot(proto);
    for (const [key, value] of now) {
      if (!before.has(key)) fail(`${name} gained the property ${String(key)} (prototype pollution)`);
      if (before.get(key) !== value) fail(`${name}.${String(key)} was replaced (prototype pollution)`);
    }
    for (const key of before.keys()) {
      if (!now.has(key)) fail(`${name} lost the property ${String(key)}`);
    }
  });
}

/** How a case is judged. */
export interface CaseRules {
  /** The error classes the parser documents. */
  allowed: readonly ErrorClass[];
  expect: Expectation;
  /** When set, every error message must start with it (the file's path). */
  source?: string;
  /** The size of the input, which the allocation limit scales with. */
  inputBytes: number;
  stats: FuzzStats;
  limits: FuzzLimits;
}

/** True when `text` holds a C0 control character other than a tab, or DEL. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return true;
  }
  return false;
}

function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.constructor.name}: ${e.message.slice(0, 300)}\n${e.stack ?? ''}`;
  return `a thrown ${typeof e}: ${String(e).slice(0, 200)}`;
}

/**
 * Runs one case and checks the properties of the module comment. Returns the value or the (documented)
 * error, for the target's own checks on accepted values.
 */
export async function guardedCase<T>(run: () => T | Promise<T>, rules: CaseRules): Promise<Outcome<T>> {
  const buffersBefore = process.memoryUsage().arrayBuffers;
  const start = performance.now();
  let outcome: Outcome<T>;
  try {
    outcome = { accepted: true, value: await run() };
  } catch (e) {
    if (!(e instanceof Error) || !rules.allowed.some((c) => e instanceof c)) {
      fail(`undocumented error: ${describeError(e)}`);
    }
    outcome = { accepted: false, errorName: e.constructor.name, error: e };
  }
  const ms = performance.now() - start;
  const grown = process.memoryUsage().arrayBuffers - buffersBefore;
  assertPrototypesUntouched();
  if (ms > rules.limits.caseMs) fail(`the case took ${ms.toFixed(0)} ms (limit ${rules.limits.caseMs} ms)`);
  const allowance = rules.limits.arrayBufferBytes + 16 * rules.inputBytes;
  if (grown > allowance) {
    fail(`the case allocated ${grown} bytes of ArrayBuffers for ${rules.inputBytes} bytes of input`);
  }
  if (!outcome.accepted) {
    const message = outcome.error.message;
    if (message === '') fail(`${outcome.errorName} with an empty message`);
    if (message.length > rules.limits.messageChars) {
      fail(`a ${message.length}-character message: ${message.slice(0, 200)}…`);
    }
    // One readable line: no line breaks, and no control characters that would reach a terminal raw.
    if (hasControlCharacters(message)) {
      fail(`a message with line breaks or control characters: ${JSON.stringify(message.slice(0, 300))}`);
    }
    if (rules.source !== undefined && !message.startsWith(rules.source)) {
      fail(`a message that does not start with the file name ${rules.source}: ${message}`);
    }
    if (rules.expect === 'ok') fail(`a valid input was refused: ${outcome.errorName}: ${message}`);
  } else if (rules.expect === 'refuse') {
    fail('a broken input was accepted');
  }
  rules.stats.record(outcome, ms);
  return outcome;
}

/** Options of {@link runFuzz}. */
export interface RunOptions {
  runs: number;
  seed: number;
  /** fast-check's replay path (e.g. `"42"` for the 43rd case of `seed`). */
  path?: string;
  limits?: FuzzLimits;
  /** Called before each case with its index in the run (for the hang watchdog). */
  onCase?: (index: number) => void;
  /** Shrink a failing case (slow for file targets; on by default). */
  shrink?: boolean;
}

/** What a run did. */
export interface RunReport {
  target: string;
  seed: number;
  runs: number;
  ms: number;
  stats: FuzzStats;
}

/**
 * Runs `runs` cases of `target` with fast-check; throws fast-check's report (seed, path, counterexample) on
 * the first case that breaks a property.
 */
export async function runFuzz<C>(target: FuzzTarget<C>, options: RunOptions): Promise<RunReport> {
  const context = await target.setup();
  context.limits = options.limits ?? context.limits;
  let index = 0;
  const start = performance.now();
  try {
    await fc.assert(
      fc.asyncProperty(target.arbitrary, async (c) => {
        options.onCase?.(index++);
        await target.check(c, context);
      }),
      {
        numRuns: options.runs,
        seed: options.seed,
        ...(options.path === undefined ? {} : { path: options.path }),
        endOnFailure: options.shrink === false,
      },
    );
  } finally {
    await context.teardown();
  }
  return {
    target: target.name,
    seed: options.seed,
    runs: options.runs,
    ms: performance.now() - start,
    stats: context.stats,
  };
}
