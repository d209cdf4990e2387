/**
 * A model reduced to what inference needs, for exporters such as ONNX: the input width, then a list of
 * steps, each a standardisation or a dense layer with its activation. The steps compute exactly what
 * `model.predict` computes:
 *
 *   normalize:  y = (x − mean) / denominator          (denominator = max(√variance, 1e-7), float32)
 *   dense:      y = activation(x · kernel + bias)     (kernel row-major [inputDim, units])
 *
 * @module
 */

import { ModelFormatError, ShapeError } from '../../core/errors.js';
import { booleanOption, checkOptions } from '../../core/options.js';
import type { ActivationName } from '../activations.js';
import { Dense } from '../dense.js';
import { Normalization, normalizationDenominator } from '../normalization.js';
import type { Sequential } from '../sequential.js';
import { checkModelArgument } from './model-argument.js';

/** Feature-wise standardisation. */
export interface NormalizeStep {
  op: 'normalize';
  name: string;
  mean: Float32Array;
  denominator: Float32Array;
}

/** A fully connected layer. */
export interface DenseStep {
  op: 'dense';
  name: string;
  inputDim: number;
  units: number;
  /** Row-major [inputDim, units]. */
  kernel: Float32Array;
  bias: Float32Array | null;
  activation: ActivationName;
}

/** One step of an {@link InferenceGraph}. */
export type InferenceStep = NormalizeStep | DenseStep;

/** What the exported graph outputs. */
export type GraphOutput = 'logits' | 'probabilities' | 'values';

/** A model as a plain list of inference steps (copies of the weights). */
export interface InferenceGraph {
  /** The model's name. */
  name: string;
  inputDim: number;
  outputDim: number;
  steps: InferenceStep[];
  /** `probabilities` when the last step is a softmax, `logits` for a linear last layer, else `values`. */
  output: GraphOutput;
}

/** Options of {@link toInferenceGraph}. */
export interface InferenceGraphOptions {
  /**
   * Append a softmax when the last layer is linear, so the graph outputs probabilities instead of logits
   * (default false: the graph outputs what `model.predict` returns).
   */
  appendSoftmax?: boolean;
}

/** Writes an {@link InferenceGraph} somewhere (e.g. as an ONNX file); see `model.exportOnnx`. */
export interface OnnxExportHandler {
  exportOnnx(graph: InferenceGraph): Promise<{ bytes: number; path?: string }>;
}

/**
 * The inference steps of a built model.
 *
 * @throws {ShapeError} the model is not built
 * @throws {ModelFormatError} a layer that has no inference step (names the layer)
 */
export function toInferenceGraph(model: Sequential, options: InferenceGraphOptions = {}): InferenceGraph {
  checkModelArgument(model, 'toInferenceGraph');
  checkOptions(options, 'exportOnnx options', ['appendSoftmax']);
  const appendSoftmax = booleanOption(options.appendSoftmax, 'exportOnnx appendSoftmax', false);
  if (!model.built) {
    throw new ShapeError({
      subject: `model ${model.name}`,
      expected: 'a built model (with weights)',
      got: 'a model that is not built',
      hint: 'Call fit, predict or build(inputDim) first.',
    });
  }
  const steps: InferenceStep[] = model.layers.map((layer): InferenceStep => {
    if (layer instanceof Normalization) {
      return {
        op: 'normalize',
        name: layer.name,
        mean: layer.mean,
        denominator: normalizationDenominator(layer.variance),
      };
    }
    if (layer instanceof Dense) {
      const [kernel, bias] = layer.params();
      return {
        op: 'dense',
        name: layer.name,
        inputDim: layer.inputDim!,
        units: layer.units,
        kernel: kernel!.value.slice(),
        bias: bias ? bias.value.slice() : null,
        activation: layer.activation.name,
      };
    }
    throw new ModelFormatError(
      `Layer "${layer.name}" (${layer.className}) cannot be exported: only Dense and Normalization layers are supported.`,
    );
  });
  const last = steps[steps.length - 1];
  let output: GraphOutput = 'values';
  if (last?.op === 'dense' && last.activation === 'softmax') output = 'probabilities';
  else if (last?.op === 'dense' && last.activation === 'linear') {
    output = appendSoftmax ? 'probabilities' : 'logits';
  }
  return { name: model.name, inputDim: model.inputDim!, outputDim: model.outputDim, steps, output };
}
