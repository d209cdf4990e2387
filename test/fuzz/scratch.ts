/**
 * Scratch directories and fixture bytes for the fuzz targets.
 *
 * @module
 */

import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LIMITS, type FuzzContext, FuzzStats } from './harness.js';

/** A fresh context with its own scratch directory, removed by `teardown`. */
export async function scratchContext(name: string): Promise<FuzzContext> {
  const directory = await mkdtemp(join(tmpdir(), `softmax-lab-fuzz-${name}-`));
  return {
    directory,
    stats: new FuzzStats(),
    limits: DEFAULT_LIMITS,
    teardown: () => rm(directory, { recursive: true, force: true }),
  };
}

/** The path of a directory of test/fixtures. */
export function fixturePath(relative: string): string {
  return new URL(`../fixtures/${relative}`, import.meta.url).pathname;
}

/** Every file of a fixture directory whose name ends with `extension`, by name. */
export function fixtureFiles(directory: string, extension: string): Map<string, Uint8Array> {
  const path = fixturePath(directory);
  const files = new Map<string, Uint8Array>();
  for (const name of readdirSync(path).sort()) {
    if (name.endsWith(extension)) files.set(name, new Uint8Array(readFileSync(join(path, name))));
  }
  return files;
}
