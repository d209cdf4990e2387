import { describe, expect, it } from 'vitest';
import { compareNote, parseHidden, trainSettings } from '../../../src/web/sections/training.js';
import { defaultState } from '../../../src/web/state/lab-state.js';
import type { ModelReport } from '../../../src/web/worker/protocol.js';

describe('parseHidden', () => {
  it('reads unit counts separated by commas or spaces', () => {
    expect(parseHidden('25, 15')).toEqual([25, 15]);
    expect(parseHidden(' 8 4  2 ')).toEqual([8, 4, 2]);
  });

  it('reads an empty box or "none" as no hidden layer', () => {
    expect(parseHidden('')).toEqual([]);
    expect(parseHidden('None')).toEqual([]);
  });

  it('refuses fractions, zero, too many units or layers, and words', () => {
    for (const bad of ['2.5', '0', '257', '1,2,3,4,5', 'ten', '5,-1'])
      expect(parseHidden(bad), bad).toBeUndefined();
  });
});

describe('trainSettings', () => {
  it('copies the fields the worker needs, so later state changes cannot alter a running reset', () => {
    const s = defaultState();
    const t = trainSettings(s);
    expect(t).toEqual({
      samples: 2000,
      std: 1,
      dataSeed: 30,
      centers: s.centers,
      addedPoints: [],
      hidden: [25, 15],
      activation: 'relu',
      optimizer: 'adam',
      learningRate: 0.001,
      batchSize: 32,
      modelSeed: 1234,
    });
    expect(t.centers).not.toBe(s.centers);
    expect(t.hidden).not.toBe(s.hidden);
  });

  it('passes the added points on, leaving out those of a class the centres no longer have', () => {
    const s = defaultState();
    s.centers = s.centers.slice(0, 3);
    s.addedPoints = [
      { x0: 1, x1: 2, label: 2 },
      { x0: 3, x1: 4, label: 3 },
      { x0: 5, x1: 6, label: 0 },
    ];
    const t = trainSettings(s);
    expect(t.addedPoints).toEqual([
      { x0: 1, x1: 2, label: 2 },
      { x0: 5, x1: 6, label: 0 },
    ]);
    expect(t.addedPoints[0]).not.toBe(s.addedPoints[0]);
  });
});

describe('compareNote', () => {
  const report = (loss: number) => ({ loss }) as ModelReport;

  it('says the curves coincide when the losses agree to 1e-4 relative, with the difference', () => {
    expect(compareNote({ obvious: report(0.0382383), preferred: report(0.0382383) })).toMatch(
      /on top of each other.*difference 0\)/,
    );
    expect(compareNote({ obvious: report(0.03824), preferred: report(0.038241) })).toMatch(
      /difference 1\.0e-6/,
    );
  });

  it('names both losses once they part, and mentions a stopped model', () => {
    expect(compareNote({ obvious: report(12.0886), preferred: report(1.7856) })).toMatch(
      /parted: training loss 12\.0886 \(obvious\) vs 1\.7856 \(preferred\)/,
    );
    expect(compareNote({ obvious: { failed: 'NaN' }, preferred: report(1) })).toMatch(/stopped/);
  });
});
