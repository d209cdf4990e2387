/**
 * softmax-lab: softmax, cross-entropy and multiclass neural networks in TypeScript.
 *
 * @module
 */

export { argmax, oneHot } from './core/argmax.js';
export * from './core/errors.js';
export * from './core/labels.js';
export { checkArraySize, type ElementType, MAX_ARRAY_BYTES, maxArrayValues } from './core/limits.js';
export * from './core/losses/index.js';
export * from './core/matrix.js';
export * from './core/random/random-state.js';
export { logSoftmax, naiveSoftmax, softmax } from './core/softmax.js';
export * from './data/csv.js';
export * from './data/make-blobs.js';
export * from './data/npy.js';
export * from './data/train-test-split.js';
export {
  epochHeader,
  Progbar,
  type ProgbarOptions,
  type ProgbarSink,
  type ProgbarValue,
} from './format/progbar.js';
export { formatSummary, type SummaryInput, type SummaryLayer } from './format/summary-table.js';
// Node file handlers and readers; importing them registers the file-system routers of model.save(dir),
// loadModel(dir) and model.exportOnnx(file).
export * from './io/index.js';
export * from './kernels/index.js';
export * from './model/index.js';
export * from './model/normalization.js';
export * from './model/serialization/index.js';
