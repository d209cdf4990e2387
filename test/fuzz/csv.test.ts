import { describe, expect, it } from 'vitest';
import { csvTarget } from './csv-target.js';
import { runFuzz } from './harness.js';

describe('fuzzing readCsv (short seeded run; npm run fuzz runs 100,000 cases)', () => {
  it('refuses broken CSV with a ModelFormatError or LabelError and reads valid tables exactly', async () => {
    const report = await runFuzz(csvTarget, { runs: 200, seed: 7 });
    expect(report.stats.accepted).toBeGreaterThan(30);
    expect(report.stats.refused.get('ModelFormatError')).toBeGreaterThan(30);
  });
});
