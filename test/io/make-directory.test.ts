import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDirectory, makeDirectorySync } from '../../src/io/make-directory.js';

const dir = mkdtempSync(join(tmpdir(), 'softmax-lab-mkdir-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each([
  ['makeDirectory', (path: string) => makeDirectory(path)],
  ['makeDirectorySync', async (path: string) => makeDirectorySync(path)],
])('%s', (name, make) => {
  it('creates a folder and its missing parents, and accepts one that exists', async () => {
    const path = join(dir, name, 'a', 'b', 'c');
    await make(path);
    expect(statSync(path).isDirectory()).toBe(true);
    await expect(make(path)).resolves.toBeUndefined();
  });

  it('refuses a file in the way, with the file system error', async () => {
    const file = join(dir, `${name}-file`);
    writeFileSync(file, 'x');
    await expect(make(file)).rejects.toMatchObject({ code: 'EEXIST' });
    await expect(make(join(file, 'below'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  // Node 20's mkdir(..., { recursive: true }) spins forever here: /proc answers ENOENT for any new name.
  it.skipIf(!existsSync('/proc/self'))(
    'fails at once, instead of hanging, where the file system says ENOENT',
    async () => {
      const started = Date.now();
      await expect(make('/proc/softmax-lab-cannot-exist/x')).rejects.toMatchObject({ code: 'ENOENT' });
      expect(Date.now() - started).toBeLessThan(1000);
    },
  );
});
