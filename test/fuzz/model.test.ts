import { describe, expect, it } from 'vitest';
import { runFuzz } from './harness.js';
import { modelTarget } from './model-target.js';

describe('fuzzing loadModel (short seeded run; npm run fuzz runs 100,000 cases)', () => {
  it('refuses broken or escaping model folders with a ModelFormatError and loads intact ones exactly', async () => {
    const report = await runFuzz(modelTarget, { runs: 250, seed: 7 });
    expect(report.stats.accepted).toBeGreaterThan(25);
    expect(report.stats.refused.get('ModelFormatError')).toBeGreaterThan(25);
  });
});
