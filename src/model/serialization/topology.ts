/**
 * Reading the `modelTopology` of a layers model in the three dialects found in the wild:
 *
 * - TF.js' own (`{class_name: 'Sequential', config: {name, layers}}`, `batch_input_shape` on the first layer);
 * - `tensorflowjs_converter` from Keras 2 (wrapped in `{model_config, training_config}`, an explicit
 *   `InputLayer` with `batch_input_shape`, `module` keys in initializer configs);
 * - Keras 3 (`InputLayer` with `batch_shape`, `module`/`registered_name`/`build_config` keys, `dtype` policy
 *   objects, `build_input_shape` on the Sequential config).
 *
 * Only Sequential stacks of Dense and Normalization layers on flat (batch, features) inputs are supported;
 * anything else is a `ModelFormatError` that names the layer.
 *
 * @module
 */

import { ModelFormatError } from '../../core/errors.js';
import { preview, printable, quoted } from '../../core/printable.js';
import { type ActivationName, activationNames } from '../activations.js';
import type { InitializerName } from '../initializers.js';

/** A Dense layer as the file describes it. */
export interface DenseSpec {
  className: 'Dense';
  name: string;
  units: number;
  activation: ActivationName;
  useBias: boolean;
  kernelInitializer: InitializerName;
  biasInitializer: InitializerName;
}

/** A Normalization layer as the file describes it (statistics in the config, or in the weights). */
export interface NormalizationSpec {
  className: 'Normalization';
  name: string;
  mean: number[] | undefined;
  variance: number[] | undefined;
}

/** A supported layer. */
export type LayerSpec = DenseSpec | NormalizationSpec;

/** The parts of a topology the loader needs. */
export interface ParsedTopology {
  name: string | undefined;
  inputDim: number;
  layers: LayerSpec[];
  /** The converter's Keras `training_config`, when the topology is wrapped. */
  kerasTrainingConfig: unknown;
}

type Config = Record<string, unknown>;

function isObject(v: unknown): v is Config {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const INITIALIZERS: Record<string, InitializerName> = {
  glorotuniform: 'glorotUniform',
  glorotnormal: 'glorotNormal',
  heuniform: 'heUniform',
  henormal: 'heNormal',
  zeros: 'zeros',
  ones: 'ones',
};

/** Our name for a Keras initializer config, or the Keras default when it is one we do not draw. */
function initializerOf(spec: unknown, fallback: InitializerName): InitializerName {
  const name = isObject(spec) ? spec.class_name : spec;
  if (typeof name !== 'string') return fallback;
  const key = name.replace(/_/g, '').toLowerCase();
  // hasOwn: a name like "constructor" must not find Object.prototype's members.
  return Object.hasOwn(INITIALIZERS, key) ? INITIALIZERS[key]! : fallback;
}

/** The feature count from an input shape that includes the batch dimension, e.g. `[null, 64]`. */
function flatWidth(shape: unknown, where: string, source: string): number {
  if (
    !Array.isArray(shape) ||
    shape.length !== 2 ||
    !(shape[0] === null || typeof shape[0] === 'number') ||
    !Number.isSafeInteger(shape[1]) ||
    (shape[1] as number) < 1
  ) {
    throw new ModelFormatError({
      subject: `${source}: ${where}`,
      expected: 'a flat input shape [null, features]',
      got: preview(shape),
      hint: 'softmax-lab reads models whose input is a vector of features per row.',
    });
  }
  return shape[1] as number;
}

/** The input width a layer config declares, if any (every spelling Keras and TF.js have used). */
function declaredWidth(config: Config, where: string, source: string): number | undefined {
  for (const key of ['batch_input_shape', 'batch_shape', 'batchInputShape']) {
    if (config[key] !== undefined && config[key] !== null) return flatWidth(config[key], where, source);
  }
  for (const key of ['input_shape', 'inputShape']) {
    const shape = config[key];
    if (shape !== undefined && shape !== null) {
      return flatWidth(Array.isArray(shape) ? [null, ...shape] : shape, where, source);
    }
  }
  if (typeof config.input_dim === 'number') return flatWidth([null, config.input_dim], where, source);
  return undefined;
}

function layerLabel(name: string, className: string): string {
  return `layer ${quoted(name)} (${printable(className, 40)})`;
}

function parseDense(config: Config, name: string, source: string): DenseSpec {
  const label = layerLabel(name, 'Dense');
  const units = config.units;
  if (!Number.isSafeInteger(units) || (units as number) < 1) {
    throw new ModelFormatError({
      subject: `${source}: ${label}`,
      expected: 'units, a positive integer',
      got: preview(units),
    });
  }
  const raw = config.activation ?? 'linear';
  if (typeof raw !== 'string' || !(activationNames as readonly string[]).includes(raw)) {
    throw new ModelFormatError({
      subject: `${source}: ${label}`,
      expected: `an activation among ${activationNames.join(', ')}`,
      got: `activation ${preview(raw)}`,
    });
  }
  if (config.use_bias !== undefined && typeof config.use_bias !== 'boolean') {
    throw new ModelFormatError({
      subject: `${source}: ${label}`,
      expected: 'use_bias true or false',
      got: preview(config.use_bias),
    });
  }
  return {
    className: 'Dense',
    name,
    units: units as number,
    activation: raw as ActivationName,
    useBias: config.use_bias !== false,
    kernelInitializer: initializerOf(config.kernel_initializer, 'glorotUniform'),
    biasInitializer: initializerOf(config.bias_initializer, 'zeros'),
  };
}

function numberList(value: unknown, what: string, label: string, source: string): number[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value.flat(2) : [value];
  // Finite as float32, the layer's storage (1e300 is a finite double but Infinity in float32).
  if (list.length === 0 || list.some((v) => typeof v !== 'number' || !Number.isFinite(Math.fround(v)))) {
    throw new ModelFormatError({
      subject: `${source}: ${label}`,
      expected: `${what}, a list of finite (float32) numbers`,
      got: preview(value),
    });
  }
  return list as number[];
}

function parseNormalization(config: Config, name: string, source: string): NormalizationSpec {
  const label = layerLabel(name, 'Normalization');
  const axis = config.axis;
  const lastAxis =
    axis === undefined ||
    axis === -1 ||
    axis === 1 ||
    (Array.isArray(axis) && axis.length === 1 && (axis[0] === -1 || axis[0] === 1));
  if (!lastAxis) {
    throw new ModelFormatError({
      subject: `${source}: ${label}`,
      expected: 'axis -1 (one mean and variance per feature)',
      got: `axis ${preview(axis)}`,
    });
  }
  if (config.invert === true) {
    throw new ModelFormatError({
      subject: `${source}: ${label}`,
      expected: 'a forward normalisation',
      got: 'invert: true',
    });
  }
  return {
    className: 'Normalization',
    name,
    mean: numberList(config.mean, 'mean', label, source),
    variance: numberList(config.variance, 'variance', label, source),
  };
}

/**
 * Parses a `modelTopology`.
 *
 * @throws {ModelFormatError} not a Sequential model, an unsupported layer or activation, no or a non-flat input
 *   shape, duplicate layer names (every message names `source` and, where relevant, the layer)
 */
export function parseTopology(topology: unknown, source: string): ParsedTopology {
  if (!isObject(topology)) {
    throw new ModelFormatError({
      subject: `${source}: modelTopology`,
      expected: 'a JSON object',
      got: topology === undefined ? 'nothing' : preview(topology),
    });
  }
  let kerasTrainingConfig: unknown;
  let model = topology;
  if (isObject(topology.model_config)) {
    model = topology.model_config;
    kerasTrainingConfig = topology.training_config;
  }
  if (model.class_name !== 'Sequential') {
    throw new ModelFormatError({
      subject: `${source}: modelTopology`,
      expected: 'a Sequential model',
      got: `class_name ${preview(model.class_name)}`,
      hint: 'softmax-lab reads Sequential stacks of Dense (and Normalization) layers.',
    });
  }
  const config = model.config;
  const entries = Array.isArray(config) ? config : isObject(config) ? config.layers : undefined;
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new ModelFormatError({
      subject: `${source}: Sequential config`,
      expected: 'a non-empty list of layers',
      got: preview(entries ?? null),
    });
  }
  const modelConfig: Config = isObject(config) ? config : {};
  let inputDim: number | undefined;
  if (modelConfig.build_input_shape !== undefined && modelConfig.build_input_shape !== null) {
    inputDim = flatWidth(modelConfig.build_input_shape, 'build_input_shape', source);
  }
  const layers: LayerSpec[] = [];
  const names = new Set<string>();
  entries.forEach((entry, index) => {
    const className = isObject(entry) ? entry.class_name : undefined;
    const layerConfig = isObject(entry) && isObject(entry.config) ? entry.config : undefined;
    if (typeof className !== 'string' || !layerConfig) {
      throw new ModelFormatError({
        subject: `${source}: layer ${index}`,
        expected: '{"class_name": ..., "config": {...}}',
        got: preview(entry),
      });
    }
    const name =
      typeof layerConfig.name === 'string' && layerConfig.name !== ''
        ? layerConfig.name
        : `${className}_${index}`;
    const label = layerLabel(name, className);
    if (names.has(name)) {
      throw new ModelFormatError({
        subject: `${source}: ${label}`,
        expected: 'unique layer names',
        got: `a second layer named ${quoted(name)}`,
      });
    }
    names.add(name);
    const declared = declaredWidth(layerConfig, label, source);
    const buildShape = isObject(entry.build_config) ? entry.build_config.input_shape : undefined;
    const width =
      declared ?? (buildShape ? flatWidth(buildShape, `${label} build_config`, source) : undefined);
    if (layers.length === 0 && inputDim === undefined) inputDim = width;
    if (className === 'InputLayer') {
      if (layers.length > 0) {
        throw new ModelFormatError({
          subject: `${source}: ${label}`,
          expected: 'an InputLayer only at the start',
          got: `one at position ${index}`,
        });
      }
      if (width === undefined) {
        throw new ModelFormatError({
          subject: `${source}: ${label}`,
          expected: 'batch_input_shape or batch_shape',
          got: 'neither',
        });
      }
      return;
    }
    if (className === 'Dense') layers.push(parseDense(layerConfig, name, source));
    else if (className === 'Normalization') layers.push(parseNormalization(layerConfig, name, source));
    else {
      throw new ModelFormatError(
        `${source}: ${label} is not supported: softmax-lab reads Sequential models of Dense and Normalization layers.`,
      );
    }
  });
  if (layers.length === 0) {
    throw new ModelFormatError({
      subject: `${source}: Sequential config`,
      expected: 'at least one Dense layer',
      got: 'none',
    });
  }
  if (inputDim === undefined) {
    throw new ModelFormatError({
      subject: `${source}: modelTopology`,
      expected: 'an input shape (batch_input_shape or batch_shape on the first layer, or an InputLayer)',
      got: 'none',
    });
  }
  return {
    name: typeof modelConfig.name === 'string' && modelConfig.name !== '' ? modelConfig.name : undefined,
    inputDim,
    layers,
    kerasTrainingConfig,
  };
}
