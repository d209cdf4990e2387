/**
 * Reading a .npy by blocks of rows gives readNpy's matrix (values and dtype), and whatever it cannot stream
 * (1-D, Fortran order, a refused dtype, a truncated file) fails with readNpy's own error.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/core/matrix.js';
import { readNpy } from '../../src/io/read-npy.js';
import { readNpyRowChunks } from '../../src/io/read-npy-chunks.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'softmax-lab-npy-chunks-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A version 1.0 .npy file of `data` with this header text (written out here, independently of our code). */
function npy(header: string, data: ArrayBufferView): Uint8Array {
  const padded = `${header.padEnd(Math.ceil((header.length + 11) / 64) * 64 - 11)}\n`;
  const out = new Uint8Array(10 + padded.length + data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, padded.length & 0xff, padded.length >> 8]);
  out.set(new TextEncoder().encode(padded), 10);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + padded.length);
  return out;
}

async function chunks(path: string, chunkBytes: number): Promise<Matrix[] | string> {
  const out: Matrix[] = [];
  try {
    for await (const m of readNpyRowChunks(path, chunkBytes)) out.push(m);
  } catch (e) {
    return (e as Error).message;
  }
  return out;
}

async function whole(path: string): Promise<Matrix | string> {
  try {
    return (await readNpy(path)).toMatrix();
  } catch (e) {
    return (e as Error).message;
  }
}

describe('readNpyRowChunks', () => {
  const rows = 1000;
  const cases: [string, ArrayBufferView][] = [
    ['<f8', Float64Array.from({ length: rows * 3 }, (_, i) => i / 7 - 100)],
    ['<f4', Float32Array.from({ length: rows * 3 }, (_, i) => Math.sin(i))],
    ['|u1', Uint8Array.from({ length: rows * 3 }, (_, i) => i % 256)],
    ['<i8', BigInt64Array.from({ length: rows * 3 }, (_, i) => BigInt(i - 1500))],
  ];
  it.each(cases)('reads %s rows in blocks as readNpy reads them whole', async (descr, data) => {
    const path = join(dir, `m${descr.slice(1)}.npy`);
    await writeFile(
      path,
      npy(`{'descr': '${descr}', 'fortran_order': False, 'shape': (${rows}, 3), }`, data),
    );
    const expected = (await whole(path)) as Matrix;
    const parts = (await chunks(path, 200)) as Matrix[];
    expect(parts.length).toBeGreaterThan(10);
    expect(parts.every((p) => p.cols === 3 && p.dtype === expected.dtype)).toBe(true);
    expect(parts.flatMap((p) => Array.from(p.data))).toEqual(Array.from(expected.data));
  });

  it('names the element index in the whole file for an int64 value out of range far down', async () => {
    const data = BigInt64Array.from({ length: rows * 2 }, (_, i) => BigInt(i));
    data[1777] = 2n ** 40n;
    const path = join(dir, 'big-int.npy');
    await writeFile(path, npy(`{'descr': '<i8', 'fortran_order': False, 'shape': (${rows}, 2), }`, data));
    const message = await chunks(path, 64);
    expect(message).toMatch(/at index 1777\)/);
    expect(message).toBe(await whole(path));
  });

  it('leaves what it cannot stream to readNpy: 1-D, Fortran order, a refused dtype, a truncated file', async () => {
    const values = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const files: Record<string, Uint8Array> = {
      'one-d.npy': npy("{'descr': '<f8', 'fortran_order': False, 'shape': (6,), }", values),
      'fortran.npy': npy("{'descr': '<f8', 'fortran_order': True, 'shape': (3, 2), }", values),
      'complex.npy': npy("{'descr': '<c16', 'fortran_order': False, 'shape': (3, 1), }", values),
      'short.npy': npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4, 2), }", values),
      'not-npy.npy': new TextEncoder().encode('x0,x1\n1,2\n'),
    };
    for (const [name, bytes] of Object.entries(files)) {
      const path = join(dir, name);
      await writeFile(path, bytes);
      const expected = await whole(path);
      expect(typeof expected, name).toBe('string');
      expect(await chunks(path, 16), name).toBe(expected);
    }
    expect(await chunks(join(dir, 'missing.npy'), 16)).toBe(await whole(join(dir, 'missing.npy')));
  });
});
