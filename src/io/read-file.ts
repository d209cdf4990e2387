/**
 * Reading a whole data file, with the failures users meet (no such file, a directory, no permission, too
 * large) turned into one-line `ModelFormatError`s that name the path.
 *
 * @module
 */

import { readFile, stat } from 'node:fs/promises';
import { ModelFormatError } from '../core/errors.js';
import { singleLine } from '../core/printable.js';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'a directory',
  EACCES: 'a file we may not read (permission denied)',
  EPERM: 'a file we may not read (permission denied)',
  ERR_FS_FILE_TOO_LARGE: 'a file larger than 2 GiB',
};

/**
 * The bytes of the file at `path`. A regular file larger than `maxBytes` is refused from its size, before
 * anything is read (pipes are read as they come).
 */
export async function readDataFile(
  path: string,
  what = 'a readable file',
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<Uint8Array> {
  try {
    if (Number.isFinite(maxBytes)) {
      const info = await stat(path);
      if (info.isFile() && info.size > maxBytes) {
        throw new ModelFormatError({
          subject: path,
          expected: `${what} of at most ${maxBytes} bytes`,
          got: `${info.size} bytes`,
        });
      }
    }
    return await readFile(path);
  } catch (e) {
    if (e instanceof ModelFormatError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? '';
    throw new ModelFormatError({
      subject: path,
      expected: what,
      got: REASONS[code] ?? singleLine((e as Error).message),
    });
  }
}
