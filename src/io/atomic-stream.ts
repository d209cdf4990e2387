/**
 * Atomic replacement of a file written piece by piece (`softmax-lab predict --out` on millions of rows):
 * the pieces go to a uniquely named temporary file in the target's directory; `commit` flushes it to disk
 * and renames it over the target, `abort` removes it. Until `commit`, an existing file at the target is
 * untouched, whatever happens (a bad row in the input, a full disk, the process killed: then only the
 * temporary `.<name>.<pid>.<random>.tmp` is left behind).
 *
 * The streamed counterpart of `writeFileAtomic` (`atomic-write.ts`), with the same temporary names and the
 * same guarantees (permission bits of a replaced file kept, the rename flushed to the directory).
 *
 * @module
 */

import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { makeDirectory } from './make-directory.js';

/** Bytes of text gathered before one write to the temporary file. */
const FLUSH_CHARS = 1 << 18;

/** A file being written; see the module notes. */
export interface AtomicFileWriter {
  /** The target path. */
  readonly path: string;
  /** Appends text (UTF-8) to the new content. */
  write(text: string): Promise<void>;
  /** Makes the new content the file at {@link path}. */
  commit(): Promise<void>;
  /** Drops the new content; the target stays as it was. Safe to call after a failure, and more than once. */
  abort(): Promise<void>;
}

async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await fsp.open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open directories; the rename already happened, so nothing is lost by skipping this.
  }
}

/**
 * Starts writing a new version of `path` (creating missing parent directories).
 *
 * @example
 * const out = await openAtomicFile('predictions.csv');
 * try {
 *   for (const line of lines) await out.write(line);
 *   await out.commit();
 * } catch (e) {
 *   await out.abort();
 *   throw e;
 * }
 */
export async function openAtomicFile(path: string): Promise<AtomicFileWriter> {
  const directory = dirname(path);
  await makeDirectory(directory);
  const existing = await fsp.stat(path).catch(() => undefined);
  const mode = existing?.isFile() ? existing.mode & 0o7777 : undefined;
  const temporary = join(
    directory,
    `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  const handle = await fsp.open(temporary, 'wx', mode ?? 0o666);
  let pending: string[] = [];
  let pendingChars = 0;
  let state: 'open' | 'committed' | 'aborted' = 'open';

  const flush = async () => {
    if (pendingChars === 0) return;
    const text = pending.join('');
    pending = [];
    pendingChars = 0;
    await handle.writeFile(text);
  };
  const abort = async () => {
    if (state !== 'open') return;
    state = 'aborted';
    pending = [];
    await handle.close().catch(() => undefined);
    await fsp.rm(temporary, { force: true }).catch(() => undefined);
  };
  const ensureOpen = (action: string) => {
    if (state !== 'open') throw new Error(`${action} on ${path}: the file was already ${state}`);
  };

  return {
    path,
    async write(text: string) {
      ensureOpen('write');
      pending.push(text);
      pendingChars += text.length;
      if (pendingChars >= FLUSH_CHARS) await flush();
    },
    async commit() {
      ensureOpen('commit');
      try {
        await flush();
        await handle.sync();
        await handle.close();
        if (mode !== undefined) await fsp.chmod(temporary, mode);
        await fsp.rename(temporary, path);
        state = 'committed';
      } catch (error) {
        await abort();
        throw error;
      }
      await syncDirectory(directory);
    },
    abort,
  };
}
