import { describe, expect, it } from 'vitest';
import { DataError, LabelError, ShapeError } from '../../src/core/errors.js';
import { readDataset } from '../../src/io/read-dataset.js';
import { readFixture } from '../helpers/fixtures.js';

const npy = new URL('../fixtures/npy/', import.meta.url).pathname;
const digits = new URL('../../data/digits.csv', import.meta.url).pathname;
const xy = readFixture<{ arrays: { 'xy.npz': { X: { values: number[] }; y: { values: number[] } } } }>(
  'npy/expected.json',
).arrays['xy.npz'];

describe('readDataset', () => {
  it('reads a CSV with its label column and header names', async () => {
    const d = await readDataset(digits, { labelColumn: 'label' });
    expect(d.X.shape).toEqual([1797, 64]);
    expect(d.y).toHaveLength(1797);
    expect(d.featureNames).toHaveLength(64);
    expect(d.labelName).toBe('label');
  });

  it('reads .npz features and labels, and .npy features with a .npy of labels', async () => {
    const z = await readDataset(`${npy}xy_compressed.npz`);
    expect(Array.from(z.X.data)).toEqual(xy.X.values);
    expect(Array.from(z.y!)).toEqual(xy.y.values);
    const n = await readDataset(`${npy}f8_3x4.npy`, { labelsPath: `${npy}v3_i8_3.npy` });
    expect(n.X.shape).toEqual([3, 4]);
    expect(Array.from(n.y!)).toEqual([5, 6, 7]);
    expect((await readDataset(`${npy}f8_3x4.npy`)).y).toBeUndefined();
  });

  it('refuses labels of the wrong count or shape, and CSV options on NumPy files', async () => {
    await expect(readDataset(`${npy}f8_3x4.npy`, { labelsPath: `${npy}i8_labels_6.npy` })).rejects.toThrow(
      /expected 3 labels \(one per row of the features\), got 6 labels/,
    );
    await expect(readDataset(`${npy}f8_3x4.npy`, { labelsPath: `${npy}f8_3x4.npy` })).rejects.toThrow(
      /labels of shape \(N,\) or \(N, 1\), got shape \(3, 4\)/,
    );
    await expect(readDataset(`${npy}f8_3x4.npy`, { labelColumn: 'y' })).rejects.toThrow(DataError);
    await expect(readDataset(`${npy}not_npy_member.npz`)).rejects.toThrow(/notes\.txt/);
    await expect(readDataset(`${npy}i8_labels_6.npy`)).rejects.toThrow(ShapeError);
  });

  it('refuses negative and fractional labels with a LabelError naming the index', async () => {
    await expect(
      readDataset(`${npy}f8_3x4.npy`, { labelsPath: `${npy}labels_negative_3.npy` }),
    ).rejects.toThrow(LabelError);
    await expect(
      readDataset(`${npy}f8_3x4.npy`, { labelsPath: `${npy}labels_negative_3.npy` }),
    ).rejects.toThrow(
      /labels_negative_3\.npy: expected class labels that are integers >= 0, got -1 \(at index 1\)/,
    );
    await expect(
      readDataset(`${npy}f8_3x4.npy`, { labelsPath: `${npy}labels_fractional_3.npy` }),
    ).rejects.toThrow(/got 1\.5/);
  });
});
