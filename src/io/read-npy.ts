/**
 * `readNpy` and `readNpz`: NumPy arrays from `.npy` files and `.npz` archives (see `src/data/npy.ts` for the
 * formats and dtypes we read, `zip.ts` for the archive).
 *
 * @module
 */

import { ModelFormatError } from '../core/errors.js';
import { printable, quoted } from '../core/printable.js';
import { type NpyArray, parseNpy } from '../data/npy.js';
import { readDataFile } from './read-file.js';
import { readZip } from './zip.js';

/**
 * Reads a `.npy` file.
 *
 * @throws {ModelFormatError} a missing or unreadable file, or anything `parseNpy` refuses (named, with why)
 * @example
 * const X = (await readNpy('X.npy')).toMatrix();
 * const y = (await readNpy('y.npy')).data; // int64 labels arrive as an Int32Array
 */
export async function readNpy(path: string): Promise<NpyArray> {
  return parseNpy(await readDataFile(path, 'a readable .npy file'), path);
}

/**
 * Reads every array of a `.npz` archive (`np.savez` or `np.savez_compressed`), keyed by name without `.npy`.
 *
 * @throws {ModelFormatError} a missing file, a broken archive, a member that is not a .npy array
 * @example
 * const { X, y } = await readNpz('digits.npz');
 */
export async function readNpz(path: string): Promise<Record<string, NpyArray>> {
  const entries = readZip(await readDataFile(path, 'a readable .npz file'), path);
  const out: Record<string, NpyArray> = {};
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    if (!entry.name.endsWith('.npy')) {
      throw new ModelFormatError({
        subject: path,
        expected: 'an archive of .npy arrays',
        got: `a member named ${quoted(entry.name)}`,
      });
    }
    const name = entry.name.slice(0, -4);
    if (Object.hasOwn(out, name)) {
      throw new ModelFormatError({
        subject: path,
        expected: 'one member per array name',
        got: `two members named ${quoted(entry.name)}`,
      });
    }
    // defineProperty, not assignment: a member named "__proto__.npy" must be an array of the result, not
    // its prototype.
    Object.defineProperty(out, name, {
      value: parseNpy(entry.bytes, `${path}:${printable(entry.name)}`),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
