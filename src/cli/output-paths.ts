/**
 * A look at an output path before the work starts, so that `--out` naming a file where a folder is needed (or
 * the other way round) is a usage error at once, not a failure after minutes of training.
 *
 * @module
 */

import { stat } from 'node:fs/promises';
import { UsageError } from './io.js';

/**
 * Throws a {@link UsageError} when `path` cannot be what `flag` needs: an existing file for a `folder`, an
 * existing folder for a `file`, or a path that runs through a file (`out.csv/model`). A path that does not
 * exist yet is fine (it is created); other problems (permissions, ...) are left to the write, which names them.
 *
 * @example
 * await checkOutputPath('models/digits', '--out', 'folder');
 */
export async function checkOutputPath(path: string, flag: string, kind: 'file' | 'folder'): Promise<void> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOTDIR') {
      throw new UsageError(
        `${flag} expects a path through folders, got ${JSON.stringify(path)}, where part of the path is a file`,
      );
    }
    return;
  }
  if (kind === 'folder' && !isDirectory) {
    throw new UsageError(`${flag} expects a folder, got ${JSON.stringify(path)}, which is a file`);
  }
  if (kind === 'file' && isDirectory) {
    throw new UsageError(`${flag} expects a file name, got ${JSON.stringify(path)}, which is a folder`);
  }
}
