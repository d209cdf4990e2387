/**
 * Atomic file replacement: the new content goes to a uniquely named temporary file in the same directory,
 * is flushed to disk (`fsync`), and is then renamed over the target. A reader sees the old file or the new
 * one, never a truncated mix, and a failure (full disk, bad data, killed process before the rename) leaves
 * the old file as it was. The temporary file is removed when a step fails.
 *
 * Same directory on purpose: `rename` is only atomic within one file system.
 *
 * @module
 */

import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { makeDirectory, makeDirectorySync } from './make-directory.js';

/** A hidden sibling name unique to this process and call, e.g. `.report.html.1234.9f3a1c0b2d4e.tmp`. */
function temporaryPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Permission bits of the file being replaced, so replacing keeps them; undefined if there is none. */
function existingMode(stats: fs.Stats | undefined): number | undefined {
  return stats?.isFile() ? stats.mode & 0o7777 : undefined;
}

/**
 * Writes `data` to `path` atomically (see the module notes), creating missing parent directories.
 * Resolves once the new content is on disk under `path`.
 *
 * @example
 * await writeFileAtomic('out/report.html', html);
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const directory = dirname(path);
  await makeDirectory(directory);
  const mode = existingMode(await fsp.stat(path).catch(() => undefined));
  const temporary = temporaryPathFor(path);
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(temporary, 'wx', mode ?? 0o666);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (mode !== undefined) await fsp.chmod(temporary, mode);
    await fsp.rename(temporary, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fsp.rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(directory);
}

/**
 * The synchronous form of {@link writeFileAtomic}, for exit paths and simple scripts.
 *
 * @example
 * writeFileAtomicSync('out/softmax.svg', renderSoftmaxBars(z, p));
 */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const directory = dirname(path);
  makeDirectorySync(directory);
  const mode = existingMode(fs.statSync(path, { throwIfNoEntry: false }));
  const temporary = temporaryPathFor(path);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temporary, 'wx', mode ?? 0o666);
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    if (mode !== undefined) fs.chmodSync(temporary, mode);
    fs.renameSync(temporary, path);
  } catch (error) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {}
    }
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  syncDirectorySync(directory);
}

// Flushing the directory makes the rename itself durable on POSIX; Windows cannot open directories this
// way, and a failure here does not undo the completed write, so errors are ignored.
async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await fsp.open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {}
}

function syncDirectorySync(directory: string): void {
  try {
    const fd = fs.openSync(directory, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {}
}
