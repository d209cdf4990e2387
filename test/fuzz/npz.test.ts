import { describe, expect, it } from 'vitest';
import { runFuzz } from './harness.js';
import { npzTarget } from './npz-target.js';

describe('fuzzing readNpz (short seeded run; npm run fuzz runs 100,000 cases)', () => {
  it('refuses damaged archives with a ModelFormatError and reads intact ones member for member', async () => {
    const report = await runFuzz(npzTarget, { runs: 500, seed: 7 });
    expect(report.stats.accepted).toBeGreaterThan(50);
    expect(report.stats.cases - report.stats.accepted).toBeGreaterThan(50);
  });
});
