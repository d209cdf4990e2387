import { describe, expect, it } from 'vitest';
import { runFuzz } from './harness.js';
import { urlTarget } from './url-target.js';

describe('fuzzing the page URL parser (short seeded run; npm run fuzz runs 100,000 cases)', () => {
  it('never throws, keeps every field inside its limits and round-trips valid states', async () => {
    const report = await runFuzz(urlTarget, { runs: 500, seed: 7 });
    expect(report.stats.accepted).toBe(500);
  });
});
