/**
 * The fuzz harness must fail a case for each property it promises to check; a harness that never fails
 * would make every fuzz run pass.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LabelError, ModelFormatError } from '../../src/core/errors.js';
import {
  type CaseRules,
  DEFAULT_LIMITS,
  type FuzzLimits,
  FuzzPropertyError,
  FuzzStats,
  guardedCase,
  runFuzz,
} from './harness.js';

function rules(overrides: Partial<CaseRules> = {}, limits: Partial<FuzzLimits> = {}): CaseRules {
  return {
    allowed: [ModelFormatError],
    expect: 'any',
    source: 'f.csv',
    inputBytes: 0,
    stats: new FuzzStats(),
    limits: { ...DEFAULT_LIMITS, ...limits },
    ...overrides,
  };
}

describe('guardedCase', () => {
  it('passes documented errors and accepted values, and counts them', async () => {
    const r = rules();
    await guardedCase(() => 1, r);
    const outcome = await guardedCase(() => {
      throw new ModelFormatError('f.csv: expected a number, got "x".');
    }, r);
    expect(outcome.accepted).toBe(false);
    expect(r.stats.summary()).toMatch(/^2 cases: 1 accepted, 1 refused \(ModelFormatError 1\)/);
  });

  it('fails on an undocumented error class', async () => {
    const typeError = guardedCase(() => (null as unknown as { x: number }).x, rules());
    await expect(typeError).rejects.toThrow(FuzzPropertyError);
    await expect(typeError).rejects.toThrow(/undocumented error: TypeError/);
    await expect(
      guardedCase(() => {
        throw new LabelError('f.csv: label');
      }, rules()),
    ).rejects.toThrow(/undocumented error: LabelError/);
  });

  it('fails on messages that are long, on several lines, or do not name the file', async () => {
    const refuse = (message: string) =>
      guardedCase(() => {
        throw new ModelFormatError(message);
      }, rules());
    await expect(refuse(`f.csv: ${'x'.repeat(2000)}`)).rejects.toThrow(/2007-character message/);
    await expect(refuse('f.csv: a\nb')).rejects.toThrow(/line breaks or control characters/);
    await expect(refuse('f.csv: \u001b[2J')).rejects.toThrow(/line breaks or control characters/);
    await expect(refuse('other.csv: x')).rejects.toThrow(/does not start with the file name f\.csv/);
  });

  it('fails when the outcome contradicts what the generator knows', async () => {
    await expect(guardedCase(() => 1, rules({ expect: 'refuse' }))).rejects.toThrow(
      /broken input was accepted/,
    );
    await expect(
      guardedCase(
        () => {
          throw new ModelFormatError('f.csv: x');
        },
        rules({ expect: 'ok' }),
      ),
    ).rejects.toThrow(/valid input was refused/);
  });

  it('fails a slow case', async () => {
    const slow = () => {
      const end = performance.now() + 30;
      while (performance.now() < end);
    };
    await expect(guardedCase(slow, rules({}, { caseMs: 10 }))).rejects.toThrow(
      /the case took \d+ ms \(limit 10 ms\)/,
    );
  });

  it('fails a case that allocates far beyond its input', async () => {
    await expect(
      guardedCase(() => new ArrayBuffer(8 * 2 ** 20), rules({}, { arrayBufferBytes: 2 ** 20 })),
    ).rejects.toThrow(/allocated \d+ bytes of ArrayBuffers for 0 bytes of input/);
  });

  it('fails when a prototype was polluted', async () => {
    try {
      await expect(
        guardedCase(() => {
          (Object.prototype as Record<string, unknown>).polluted = 1;
        }, rules()),
      ).rejects.toThrow(/Object\.prototype gained the property polluted/);
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
  });
});

describe('runFuzz', () => {
  it("reports fast-check's seed and counterexample for a failing case", async () => {
    const target = {
      name: 'demo',
      description: 'a parser that crashes on 7',
      arbitrary: fc.nat(20),
      setup: async () => ({
        directory: '',
        stats: new FuzzStats(),
        limits: DEFAULT_LIMITS,
        teardown: async () => undefined,
      }),
      async check(n: number, context: { stats: FuzzStats; limits: FuzzLimits }) {
        await guardedCase(
          () => {
            if (n === 7) throw new RangeError('boom');
          },
          { allowed: [], expect: 'ok', inputBytes: 0, stats: context.stats, limits: context.limits },
        );
      },
    };
    const run = runFuzz(target as never, { runs: 500, seed: 3 });
    await expect(run).rejects.toThrow(/seed: 3/);
    await expect(runFuzz(target as never, { runs: 500, seed: 3 })).rejects.toThrow(/Counterexample: \[7\]/);
  });
});
