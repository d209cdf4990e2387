/**
 * softmax-lab: softmax, cross-entropy and multiclass neural networks in TypeScript.
 *
 * @module
 */

export * from './core/errors.js';
export * from './core/matrix.js';
export {
  epochHeader,
  Progbar,
  type ProgbarOptions,
  type ProgbarSink,
  type ProgbarValue,
} from './format/progbar.js';
export { formatSummary, type SummaryInput, type SummaryLayer } from './format/summary-table.js';
