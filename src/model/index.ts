/** The model API: layers, the Sequential model, optimizers, callbacks and training results. */
export { type Activation, type ActivationName, activationNames } from './activations.js';
export {
  type Callback,
  EarlyStopping,
  type EarlyStoppingOptions,
  type Logs,
  type TrainingModel,
} from './callbacks.js';
export { Dense, type DenseOptions } from './dense.js';
export type { FitOptions } from './fit.js';
export { History, type HistoryParams } from './history.js';
export type { InitializerName } from './initializers.js';
export type { Layer, Param } from './layer.js';
export { MAX_BATCH_VALUES, MAX_MODEL_WEIGHTS } from './memory-limits.js';
export { clearSession } from './naming.js';
export {
  Adam,
  type AdamOptions,
  getOptimizer,
  type Optimizer,
  RMSprop,
  type RMSpropOptions,
  SGD,
  type SGDOptions,
} from './optimizers/index.js';
export {
  type Compiled,
  type CompileOptions,
  type EvaluateOptions,
  type OutputSink,
  type PredictOptions,
  Sequential,
  type SequentialOptions,
} from './sequential.js';
export type { WeightArray, WeightInput } from './weights.js';
