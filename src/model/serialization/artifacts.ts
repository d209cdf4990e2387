/**
 * The in-memory form of a saved model, shaped like TensorFlow.js' `ModelArtifacts` so that TF.js IO handlers
 * (`tf.io.withSaveHandler`, `tf.io.fromMemory`, `tf.io.browserFiles`, ...) and ours are interchangeable:
 *
 * - `modelTopology`: the Keras-style JSON of the layers (`{class_name: 'Sequential', config: {...}}`, or the
 *   converter's `{model_config, training_config}` wrapper);
 * - `weightSpecs`: one entry per weight in byte order, `{name: '<layer>/<kernel|bias>', shape, dtype}`;
 * - `weightData`: the raw little-endian bytes of every weight, concatenated (one buffer, or shards in order);
 * - `trainingConfig`, `userDefinedMetadata`: optional, see `to-artifacts.ts`.
 *
 * The types are deliberately loose where files from other tools vary (dtype names, topology layout):
 * everything read is validated by `from-artifacts.ts`.
 *
 * @module
 */

/** One weight's entry in a manifest (TF.js `WeightsManifestEntry`). */
export interface WeightsManifestEntry {
  /** `<layer>/<param>`, e.g. `dense/kernel`. */
  name: string;
  shape: number[];
  /** `float32` for what we write; files may also hold `float16`, `int32`, ... */
  dtype: string;
  /** `optimizer` marks optimizer slots (ignored when loading). */
  group?: string;
  /** Quantised storage: value = q · scale + min (uint8/uint16), or half floats. */
  quantization?: { dtype: string; scale?: number; min?: number };
}

/** A group of weights and the files (shards) that hold their bytes (TF.js `WeightsManifestGroupConfig`). */
export interface WeightsManifestGroup {
  paths: string[];
  weights: WeightsManifestEntry[];
}

/** The top-level `trainingConfig` of a layers model (TF.js/Keras `TrainingConfig`, snake_case keys). */
export interface TrainingConfig {
  loss?: unknown;
  metrics?: unknown;
  optimizer_config?: unknown;
}

/** A saved model in memory (TF.js `ModelArtifacts`). */
export interface ModelArtifacts {
  modelTopology?: unknown;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  weightSpecs?: WeightsManifestEntry[];
  weightData?: ArrayBuffer | ArrayBuffer[];
  trainingConfig?: TrainingConfig;
  userDefinedMetadata?: Record<string, unknown>;
}

/** What a save reports (TF.js `ModelArtifactsInfo`). */
export interface ModelArtifactsInfo {
  dateSaved: Date;
  modelTopologyType: 'JSON' | 'GraphDef';
  modelTopologyBytes?: number;
  weightSpecsBytes?: number;
  weightDataBytes?: number;
}

/** The result of a save (TF.js `SaveResult`). */
export interface SaveResult {
  modelArtifactsInfo: ModelArtifactsInfo;
  errors?: unknown[];
}

/**
 * Where a model goes to or comes from: TF.js' `IOHandler` protocol. Declared with method syntax so that
 * TF.js' own handlers type-check as ours.
 */
export interface IOHandler {
  save?(artifacts: ModelArtifacts): Promise<SaveResult>;
  load?(): Promise<ModelArtifacts>;
}

/** The `format` field of a layers model. */
export const LAYERS_MODEL_FORMAT = 'layers-model';

/** Sizes of a set of artifacts, for {@link SaveResult}. */
export function artifactsInfo(artifacts: ModelArtifacts): ModelArtifactsInfo {
  const data = artifacts.weightData;
  const weightDataBytes =
    data === undefined
      ? 0
      : Array.isArray(data)
        ? data.reduce((n, b) => n + b.byteLength, 0)
        : data.byteLength;
  return {
    dateSaved: new Date(),
    modelTopologyType: 'JSON',
    modelTopologyBytes: JSON.stringify(artifacts.modelTopology ?? null).length,
    weightSpecsBytes: JSON.stringify(artifacts.weightSpecs ?? []).length,
    weightDataBytes,
  };
}
