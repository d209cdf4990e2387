/**
 * How a path given to `model.save`, `loadModel` or `exportOnnx` maps to files. A `file://` prefix is
 * accepted; other URL schemes (`http://`, `indexeddb://`, ...) are left to other handlers.
 *
 * @module
 */

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The file-system path of `target`, or undefined when it is a URL for another handler. */
export function fileSystemPath(target: string): string | undefined {
  if (target.startsWith('file://')) return fileURLToPath(target);
  if (SCHEME.test(target)) return undefined;
  return target;
}

/**
 * The `model.json` path and its directory for a model location: a directory (holding `model.json`) or a path
 * that ends in `.json` (the model file itself, any name).
 */
export function modelJsonLocation(path: string): { jsonPath: string; directory: string } {
  if (path.toLowerCase().endsWith('.json'))
    return { jsonPath: resolve(path), directory: dirname(resolve(path)) };
  return { jsonPath: resolve(join(path, 'model.json')), directory: resolve(path) };
}
