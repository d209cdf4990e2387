import { describe, expect, it } from 'vitest';
import { artifactsTarget } from './artifacts-target.js';
import { runFuzz } from './harness.js';

describe('fuzzing modelFromArtifacts (short seeded run; npm run fuzz runs 100,000 cases)', () => {
  it('refuses mutated or wrongly typed artifacts with a ModelFormatError and loads intact ones exactly', async () => {
    const report = await runFuzz(artifactsTarget, { runs: 400, seed: 7 });
    expect(report.stats.accepted).toBeGreaterThan(40);
    expect(report.stats.refused.get('ModelFormatError')).toBeGreaterThan(40);
  });
});
