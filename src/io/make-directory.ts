/**
 * `mkdir -p` that cannot hang. Node 20's `mkdir(path, { recursive: true })` loops forever, at full CPU, when
 * the file system answers ENOENT for a folder whose parent exists (e.g. anything under `/proc`): it keeps
 * "creating the parent" and retrying. Here each level is created once, parents first, and a refusal is thrown.
 *
 * @module
 */

import { mkdirSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

function code(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException).code;
}

/** Creates `path` and its missing parents; an existing folder is fine. Throws the file system's error otherwise. */
export async function makeDirectory(path: string): Promise<void> {
  const target = resolve(path);
  try {
    await mkdir(target);
  } catch (e) {
    if (code(e) === 'EEXIST') {
      checkIsFolder(e, target);
      return;
    }
    const parent = dirname(target);
    if (code(e) !== 'ENOENT' || parent === target) throw e;
    await makeDirectory(parent);
    try {
      await mkdir(target);
    } catch (again) {
      if (code(again) !== 'EEXIST') throw again;
      checkIsFolder(again, target);
    }
  }
}

/** {@link makeDirectory}, synchronously. */
export function makeDirectorySync(path: string): void {
  const target = resolve(path);
  try {
    mkdirSync(target);
  } catch (e) {
    if (code(e) === 'EEXIST') {
      checkIsFolder(e, target);
      return;
    }
    const parent = dirname(target);
    if (code(e) !== 'ENOENT' || parent === target) throw e;
    makeDirectorySync(parent);
    try {
      mkdirSync(target);
    } catch (again) {
      if (code(again) !== 'EEXIST') throw again;
      checkIsFolder(again, target);
    }
  }
}

// EEXIST also comes for a file of that name: keep the error then, as mkdir -p does.
function checkIsFolder(error: unknown, target: string): void {
  let folder = false;
  try {
    folder = statSync(target).isDirectory();
  } catch {
    folder = false;
  }
  if (!folder) throw error;
}
