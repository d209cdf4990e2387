/**
 * Model serialization without Node: the TF.js artifact types, the handler registry, the conversions between a
 * model and TF.js Layers artifacts, and the inference graph exporters read. (The file-system handlers live in
 * `src/io`.)
 *
 * @module
 */

export type {
  IOHandler,
  ModelArtifacts,
  ModelArtifactsInfo,
  SaveResult,
  TrainingConfig,
  WeightsManifestEntry,
  WeightsManifestGroup,
} from './artifacts.js';
export { modelFromArtifacts } from './from-artifacts.js';
export {
  type DenseStep,
  type GraphOutput,
  type InferenceGraph,
  type InferenceGraphOptions,
  type InferenceStep,
  type NormalizeStep,
  type OnnxExportHandler,
  toInferenceGraph,
} from './inference-graph.js';
export {
  type Router,
  registerLoadRouter,
  registerOnnxExportRouter,
  registerSaveRouter,
} from './registry.js';
export { modelToArtifacts, type SaveOptions } from './to-artifacts.js';
