/**
 * Reading a whole data file, with the failures users meet (no such file, a directory, no permission, too
 * large) turned into one-line `ModelFormatError`s that name the path.
 *
 * @module
 */

import { readFile } from 'node:fs/promises';
import { ModelFormatError } from '../core/errors.js';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'a directory',
  EACCES: 'a file we may not read (permission denied)',
  EPERM: 'a file we may not read (permission denied)',
  ERR_FS_FILE_TOO_LARGE: 'a file larger than 2 GiB',
};

/** The bytes of the file at `path`. */
export async function readDataFile(path: string, what = 'a readable file'): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    throw new ModelFormatError({ subject: path, expected: what, got: REASONS[code] ?? (e as Error).message });
  }
}
