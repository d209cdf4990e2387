import { describe, expect, it } from 'vitest';
import { runFuzz } from './harness.js';
import { npyTarget } from './npy-target.js';

describe('fuzzing readNpy (short seeded run; npm run fuzz runs 100,000 cases)', () => {
  it('refuses broken .npy files with a ModelFormatError and reads valid ones exactly', async () => {
    const report = await runFuzz(npyTarget, { runs: 1000, seed: 7 });
    expect(report.stats.accepted).toBeGreaterThan(100);
    expect(report.stats.cases - report.stats.accepted).toBeGreaterThan(100);
  });
});
