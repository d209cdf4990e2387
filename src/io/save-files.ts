/**
 * The names of the files a model save writes next to `model.json`, and the clean-up of the ones an
 * interrupted save (a killed process, a power cut) left behind.
 *
 * Every save writes its weights under a new name, `<stem>.<time>-<pid>-<random>.weights.bin`, so it never
 * touches the weights the current `model.json` points at. A save killed before it renamed its `model.json`
 * into place leaves that weights file unreferenced, and possibly a temporary file of the atomic writer
 * (`.<name>.<pid>.<random>.tmp`). Such a file is removed by a later save only when all of these hold:
 *
 * - its name has one of those two forms, for this model's stem (never a file someone else put there);
 * - the process that wrote it (the pid in its name) is no longer running on this machine, so it cannot be
 *   about to commit it;
 * - it has not been modified for {@link STALE_AFTER_MS} (a writer on another machine sharing the folder has
 *   a different pid space, so age is the only sign that it is done);
 * - the `model.json` on disk, read again just before, does not list it.
 *
 * @module
 */

import { randomBytes } from 'node:crypto';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';

/** How long an unreferenced save file must sit untouched before a later save may remove it. */
export const STALE_AFTER_MS = 60_000;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The stem of a model.json path: `model` for `model.json`, `digits` for `digits.json`. */
function stemOf(jsonPath: string): string {
  return basename(jsonPath).replace(/\.json$/i, '');
}

/**
 * A weights file name no earlier save used: `<stem>.<time base 36>-<pid>-<8 hex>.weights.bin`.
 *
 * @example
 * newWeightsFileName('/models/digits/model.json'); // 'model.mwzuglf0-48213-34e58e9b.weights.bin'
 */
export function newWeightsFileName(jsonPath: string): string {
  return `${stemOf(jsonPath)}.${Date.now().toString(36)}-${process.pid}-${randomBytes(4).toString('hex')}.weights.bin`;
}

/** True while a process with this id exists (EPERM: it exists but belongs to someone else). */
function processIsRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return true;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** The writer's pid when `name` is a weights file or an atomic-write temporary of this model; else undefined. */
function writerPid(name: string, jsonPath: string): number | undefined {
  const stem = escapeRegExp(stemOf(jsonPath));
  const weights = `${stem}\\.[0-9a-z]+-(\\d+)-[0-9a-f]{8}\\.weights\\.bin`;
  const own = new RegExp(`^${weights}$`).exec(name);
  if (own) return Number(own[1]);
  const target = `(?:${escapeRegExp(basename(jsonPath))}|${stem}\\.[0-9a-z]+-\\d+-[0-9a-f]{8}\\.weights\\.bin)`;
  const temporary = new RegExp(`^\\.${target}\\.(\\d+)\\.[0-9a-f]+\\.tmp$`).exec(name);
  return temporary ? Number(temporary[1]) : undefined;
}

/** The file names the model.json on disk lists now (empty when it cannot be read). */
async function referencedNames(jsonPath: string): Promise<Set<string>> {
  try {
    const json = JSON.parse(await readFile(jsonPath, 'utf8')) as { weightsManifest?: { paths?: unknown }[] };
    const paths = (json.weightsManifest ?? []).flatMap((g) => (Array.isArray(g?.paths) ? g.paths : []));
    return new Set(paths.map((p) => basename(String(p))));
  } catch {
    return new Set();
  }
}

/**
 * Removes the files interrupted saves of the model at `jsonPath` left in `directory` (see the module notes
 * for the conditions). Best effort: a file that cannot be removed stays, and nothing here throws. Resolves
 * to the names removed.
 */
export async function removeStaleSaveFiles(
  directory: string,
  jsonPath: string,
  now = Date.now(),
): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return [];
  }
  const candidates: string[] = [];
  for (const name of names) {
    const pid = writerPid(name, jsonPath);
    if (pid === undefined || processIsRunning(pid)) continue;
    const info = await stat(join(directory, name)).catch(() => undefined);
    if (info?.isFile() && now - info.mtimeMs >= STALE_AFTER_MS) candidates.push(name);
  }
  if (candidates.length === 0) return [];
  const referenced = await referencedNames(jsonPath);
  const removed: string[] = [];
  for (const name of candidates) {
    if (referenced.has(name)) continue;
    try {
      await rm(join(directory, name));
      removed.push(name);
    } catch {}
  }
  return removed;
}
