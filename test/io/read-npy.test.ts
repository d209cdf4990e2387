import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelFormatError } from '../../src/core/errors.js';
import { readNpy, readNpz } from '../../src/io/read-npy.js';
import { zipBytes } from '../fuzz/zip-files.js';
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

  // Found by fuzzing: `out[name] = array` made a member named "__proto__.npy" the result's prototype, and a
  // repeated name silently replaced the first array.
  it('keeps every member an own array of a plain object, and refuses a name used twice', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'softmax-lab-npz-'));
    try {
      const npy = readFileSync(`${dir}i8_labels_6.npy`);
      const archive = (names: string[]) =>
        zipBytes(
          names.map((name) => ({ name, bytes: npy, deflate: false })),
          false,
        ).bytes;
      await writeFile(join(scratch, 'proto.npz'), archive(['__proto__.npy', 'constructor.npy']));
      const arrays = await readNpz(join(scratch, 'proto.npz'));
      expect(Object.getPrototypeOf(arrays)).toBe(Object.prototype);
      expect(Object.keys(arrays)).toEqual(['__proto__', 'constructor']);
      expect(Object.getOwnPropertyDescriptor(arrays, '__proto__')?.value.shape).toEqual([6]);
      await writeFile(join(scratch, 'twice.npz'), archive(['X.npy', 'X.npy']));
      await expect(readNpz(join(scratch, 'twice.npz'))).rejects.toThrow(
        /twice\.npz: expected one member per array name, got two members named "X\.npy"/,
      );
      // Found by fuzzing: a member name with control characters went into the message raw.
      await writeFile(join(scratch, 'odd.npz'), archive(['\u0000\u001b[2J.txt']));
      await expect(readNpz(join(scratch, 'odd.npz'))).rejects.toThrow(
        /member named "\\u0000\\u001b\[2J\.txt"/,
      );
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });

  it('turns a missing file or a directory into a ModelFormatError naming the path', async () => {
    await expect(readNpy(`${dir}nope.npy`)).rejects.toThrow(ModelFormatError);
    await expect(readNpy(`${dir}nope.npy`)).rejects.toThrow(
      /nope\.npy: expected a readable \.npy file, got no such file/,
    );
    await expect(readNpz(dir)).rejects.toThrow(/got a directory/);
  });
});
