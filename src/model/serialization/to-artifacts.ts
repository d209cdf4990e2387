/**
 * A model as TF.js Layers artifacts, in the Keras-2 dialect that `tf.loadLayersModel` (4.22) reads:
 *
 * - `modelTopology`: `{class_name: 'Sequential', config: {name, layers}}`, no InputLayer, the input width as
 *   `batch_input_shape: [null, n]` on the first layer, every Dense config written out in full;
 * - `weightSpecs`: `<layer>/kernel` [in, units] then `<layer>/bias` [units] per Dense layer, float32;
 * - `weightData`: those values, little-endian, concatenated in the same order, no padding.
 *
 * A `Normalization` layer has no TF.js counterpart: it is folded into the Dense layer after it (see
 * `normalization-folding.ts`), and its exact form (μ, σ², the unfolded kernel and bias, as base64 float32) is
 * kept in `userDefinedMetadata.softmaxLab.foldedNormalizations` for our own loader, which restores the
 * original layers bit for bit.
 *
 * @module
 */

import { DataError, ModelFormatError, ShapeError } from '../../core/errors.js';
import { booleanOption, checkOptions } from '../../core/options.js';
import { Dense } from '../dense.js';
import type { InitializerName } from '../initializers.js';
import { Normalization, normalizationDenominator } from '../normalization.js';
import type { Sequential } from '../sequential.js';
import { LAYERS_MODEL_FORMAT, type ModelArtifacts, type WeightsManifestEntry } from './artifacts.js';
import { float32ToBase64 } from './float32-base64.js';
import { checkModelArgument } from './model-argument.js';
import { foldNormalization } from './normalization-folding.js';
import { savedTraining, tfjsTrainingConfig } from './training-config.js';
import { trainingStateArtifacts } from './training-state.js';

/** Key of our entry in `userDefinedMetadata`. */
export const METADATA_KEY = 'softmaxLab';

/** Version of the layout of our metadata entry. */
export const METADATA_VERSION = 1;

/** The `generatedBy` field we write. */
export const GENERATED_BY = 'softmax-lab';

/** A folded Normalization as stored in our metadata (arrays as base64 little-endian float32). */
export interface FoldedNormalizationRecord {
  /** The Normalization layer's name. */
  name: string;
  /** The Dense layer that carries the folded weights. */
  foldedInto: string;
  mean: string;
  variance: string;
  /** The Dense layer's own (unfolded) kernel and bias; bias null when it had none. */
  kernel: string;
  bias: string | null;
}

const KERAS_INITIALIZERS: Record<InitializerName, { class_name: string; config: object }> = {
  glorotUniform: { class_name: 'GlorotUniform', config: { seed: null } },
  glorotNormal: { class_name: 'GlorotNormal', config: { seed: null } },
  heUniform: { class_name: 'HeUniform', config: { seed: null } },
  heNormal: { class_name: 'HeNormal', config: { seed: null } },
  zeros: { class_name: 'Zeros', config: {} },
  ones: { class_name: 'Ones', config: {} },
};

function denseConfig(layer: Dense, useBias: boolean, inputDim: number | undefined): object {
  return {
    class_name: 'Dense',
    config: {
      name: layer.name,
      trainable: true,
      ...(inputDim === undefined ? {} : { batch_input_shape: [null, inputDim] }),
      dtype: 'float32',
      units: layer.units,
      activation: layer.activation.name,
      use_bias: useBias,
      kernel_initializer: KERAS_INITIALIZERS[layer.kernelInitializer],
      bias_initializer: KERAS_INITIALIZERS[layer.biasInitializer],
      kernel_regularizer: null,
      bias_regularizer: null,
      activity_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
    },
  };
}

function unsupported(name: string, className: string, why: string): ModelFormatError {
  return new ModelFormatError(
    `Layer "${name}" (${className}) cannot be saved in the TF.js Layers format: ${why}.`,
  );
}

/** Options of {@link modelToArtifacts} and `Sequential.save` (TF.js' `SaveConfig` name). */
export interface SaveOptions {
  /**
   * Also save the training state (the optimizer's step count and slots, and the model's random stream), so
   * that `fit` on the loaded model continues exactly where this one stopped. Needs a compiled model.
   * Default false, as in TF.js (Keras' `.keras` files include it).
   */
  includeOptimizer?: boolean;
}

/**
 * The TF.js Layers artifacts of a built model (see the module comment for the layout).
 *
 * @throws {ShapeError} the model is not built
 * @throws {ModelFormatError} a layer TF.js cannot represent (names the layer)
 * @throws {DataError} `includeOptimizer` on a model that is not compiled
 */
export function modelToArtifacts(model: Sequential, options: SaveOptions = {}): ModelArtifacts {
  checkModelArgument(model, 'modelToArtifacts');
  checkOptions(options, 'save options', ['includeOptimizer']);
  const includeOptimizer = booleanOption(options.includeOptimizer, 'save includeOptimizer', false);
  if (includeOptimizer && !model.compileConfig) {
    throw new DataError({
      subject: `save ${model.name} includeOptimizer`,
      expected: 'a compiled model (there is no optimizer state without compile)',
      got: 'a model that is not compiled',
      hint: 'Call compile (and fit) before saving with includeOptimizer, or leave it out.',
    });
  }
  if (!model.built) {
    throw new ShapeError({
      subject: `save ${model.name}`,
      expected: 'a built model (with weights)',
      got: 'a model that is not built',
      hint: 'Call fit, predict or build(inputDim) before saving.',
    });
  }
  const layers: object[] = [];
  const weightSpecs: WeightsManifestEntry[] = [];
  const values: (Float32Array | Int32Array)[] = [];
  const folded: FoldedNormalizationRecord[] = [];
  let pending: Normalization | undefined;
  for (const layer of model.layers) {
    if (layer instanceof Normalization) {
      if (pending) {
        throw unsupported(layer.name, layer.className, `it follows Normalization "${pending.name}" directly`);
      }
      pending = layer;
      continue;
    }
    if (!(layer instanceof Dense)) {
      throw unsupported(layer.name, layer.className, 'only Dense and Normalization layers are supported');
    }
    const [kernelParam, biasParam] = layer.params();
    let kernel = kernelParam!.value;
    let bias = biasParam ? biasParam.value : null;
    if (pending) {
      const norm = foldNormalization(
        pending.mean,
        normalizationDenominator(pending.variance),
        { kernel, bias },
        layer.units,
      );
      folded.push({
        name: pending.name,
        foldedInto: layer.name,
        mean: float32ToBase64(pending.mean),
        variance: float32ToBase64(pending.variance),
        kernel: float32ToBase64(kernel),
        bias: bias ? float32ToBase64(bias) : null,
      });
      kernel = norm.kernel;
      bias = norm.bias;
      pending = undefined;
    }
    layers.push(denseConfig(layer, bias !== null, layers.length === 0 ? model.inputDim : undefined));
    weightSpecs.push({
      name: `${layer.name}/kernel`,
      shape: [layer.inputDim!, layer.units],
      dtype: 'float32',
    });
    values.push(kernel);
    if (bias) {
      weightSpecs.push({ name: `${layer.name}/bias`, shape: [layer.units], dtype: 'float32' });
      values.push(bias);
    }
  }
  if (pending) {
    throw unsupported(
      pending.name,
      pending.className,
      'TF.js has no Normalization layer, and it can only be folded into a Dense layer that follows it',
    );
  }

  const compiled = model.compileConfig;
  const trainingConfig = compiled ? tfjsTrainingConfig(compiled) : undefined;
  const state = includeOptimizer ? trainingStateArtifacts(model, trainingConfig !== undefined) : undefined;
  if (state) {
    weightSpecs.push(...state.specs);
    values.push(...state.values);
  }

  // Every stored value is 4 bytes: float32, or int32 for the optimizer's step count.
  const total = values.reduce((n, v) => n + v.length, 0);
  const weightData = new ArrayBuffer(total * 4);
  const view = new DataView(weightData);
  let offset = 0;
  for (const v of values) {
    const int = v instanceof Int32Array;
    for (let i = 0; i < v.length; i++, offset += 4) {
      if (int) view.setInt32(offset, v[i]!, true);
      else view.setFloat32(offset, v[i]!, true);
    }
  }
  return {
    modelTopology: {
      class_name: 'Sequential',
      config: { name: model.name, layers },
      keras_version: `${GENERATED_BY} (Keras 2 dialect)`,
      backend: 'tensor_flow.js',
    },
    format: LAYERS_MODEL_FORMAT,
    generatedBy: GENERATED_BY,
    convertedBy: null,
    weightSpecs,
    weightData,
    ...(trainingConfig ? { trainingConfig } : {}),
    userDefinedMetadata: {
      [METADATA_KEY]: {
        version: METADATA_VERSION,
        ...(compiled ? { training: savedTraining(compiled) } : {}),
        ...(folded.length > 0 ? { foldedNormalizations: folded } : {}),
        ...(state ? { trainingState: state.metadata } : {}),
      },
    },
  };
}
