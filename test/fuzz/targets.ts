/**
 * Every fuzz target, by the name `npm run fuzz -- --target <name>` takes.
 *
 * @module
 */

import { artifactsTarget } from './artifacts-target.js';
import { csvTarget } from './csv-target.js';
import type { FuzzTarget } from './harness.js';
import { modelTarget } from './model-target.js';
import { npyTarget } from './npy-target.js';
import { npzTarget } from './npz-target.js';
import { urlTarget } from './url-target.js';

/** The targets, in the order `--target all` runs them. */
export const TARGETS: Record<string, FuzzTarget<never>> = {
  npy: npyTarget as FuzzTarget<never>,
  npz: npzTarget as FuzzTarget<never>,
  csv: csvTarget as FuzzTarget<never>,
  url: urlTarget as FuzzTarget<never>,
  model: modelTarget as FuzzTarget<never>,
  artifacts: artifactsTarget as FuzzTarget<never>,
};
