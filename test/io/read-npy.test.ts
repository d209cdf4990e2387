import { describe, expect, it } from 'vitest';
import { ModelFormatError } from '../../src/core/errors.js';
import { readNpy, readNpz } from '../../src/io/read-npy.js';
import { readFixture } from '../helpers/fixtures.js';

const dir = new URL('../fixtures/npy/', import.meta.url).pathname;

interface Expected {
  arrays: {
    'xy.npz': { X: { shape: number[]; values: number[] }; y: { shape: number[]; values: number[] } };
  };
}
const xy = readFixture<Expected>('npy/expected.json').arrays['xy.npz'];

describe('readNpy / readNpz', () => {
  it('reads a .npy file from disk', async () => {
    const a = await readNpy(`${dir}i8_labels_6.npy`);
    expect(Array.from(a.data)).toEqual([0, 3, 1, 2, 3, 0]);
  });

  it('reads np.savez and np.savez_compressed archives to the same arrays as numpy', async () => {
    for (const name of ['xy_stored.npz', 'xy_compressed.npz']) {
      const { X, y } = await readNpz(`${dir}${name}`);
      expect(X!.shape).toEqual(xy.X.shape);
      expect(Array.from(X!.toMatrix().data)).toEqual(xy.X.values);
      expect(y!.dtype).toBe('int64');
      expect(Array.from(y!.data)).toEqual(xy.y.values);
    }
  });

  it('names the member of an archive that is not an array', async () => {
    await expect(readNpz(`${dir}not_npy_member.npz`)).rejects.toThrow(/not_npy_member\.npz.*"notes\.txt"/);
  });

  it('turns a missing file or a directory into a ModelFormatError naming the path', async () => {
    await expect(readNpy(`${dir}nope.npy`)).rejects.toThrow(ModelFormatError);
    await expect(readNpy(`${dir}nope.npy`)).rejects.toThrow(
      /nope\.npy: expected a readable \.npy file, got no such file/,
    );
    await expect(readNpz(dir)).rejects.toThrow(/got a directory/);
  });
});
