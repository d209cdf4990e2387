/**
 * An {@link InferenceGraph} as an ONNX model (opset 13, IR version 8), encoded with our own small protobuf
 * writer. The graph, for a batch input `input` of shape [N, inputDim] (float32):
 *
 *   normalize:  Sub(x, mean) → Div(·, denominator)
 *   dense:      Gemm(x, kernel, bias)  (MatMul without a bias; Keras' [in, out] kernel is Gemm's B as is)
 *               then Relu / Sigmoid / Tanh / Softmax(axis = −1), nothing for linear
 *   and a final Softmax when the graph is asked for probabilities and the last layer is linear.
 *
 * The last tensor is named `output`, shape [N, outputDim]. Weights are initializers with raw little-endian
 * float32 data. Field numbers follow onnx/onnx.proto.
 *
 * @module
 */

import { DataError, describeValue } from '../../core/errors.js';
import { checkOptions } from '../../core/options.js';
import type { InferenceGraph } from '../../model/serialization/inference-graph.js';
import { bytesField, concatBytes, intField, messageField, stringField } from './protobuf-writer.js';

/** The opset the graph uses (Softmax with a per-row axis −1 exists since opset 13). */
export const ONNX_OPSET = 13;
/** ONNX IR version 8 (ONNX 1.10+); every current runtime reads it. */
export const ONNX_IR_VERSION = 8;

const FLOAT = 1;
/** AttributeProto.AttributeType.INT */
const ATTRIBUTE_INT = 2;

const ACTIVATION_OPS: Record<string, string | undefined> = {
  relu: 'Relu',
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
  softmax: 'Softmax',
  linear: undefined,
};

function tensor(name: string, dims: readonly number[], values: Float32Array): Uint8Array {
  const raw = new Uint8Array(values.length * 4);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return concatBytes([
    ...dims.map((d) => intField(1, d)),
    intField(2, FLOAT),
    stringField(8, name),
    bytesField(9, raw),
  ]);
}

function valueInfo(name: string, cols: number): Uint8Array {
  const dims = [messageField(1, [stringField(2, 'N')]), messageField(1, [intField(1, cols)])];
  const tensorType = messageField(1, [intField(1, FLOAT), messageField(2, dims)]);
  return concatBytes([stringField(1, name), messageField(2, [tensorType])]);
}

function node(
  opType: string,
  name: string,
  inputs: readonly string[],
  outputs: readonly string[],
  attributes: readonly Uint8Array[] = [],
): Uint8Array {
  return concatBytes([
    ...inputs.map((i) => stringField(1, i)),
    ...outputs.map((o) => stringField(2, o)),
    stringField(3, name),
    stringField(4, opType),
    ...attributes.map((a) => messageField(5, [a])),
  ]);
}

function intAttribute(name: string, value: number): Uint8Array {
  return concatBytes([stringField(1, name), intField(3, value), intField(20, ATTRIBUTE_INT)]);
}

/** Options of {@link encodeOnnx}. */
export interface OnnxEncodeOptions {
  /** `producer_name` (default `softmax-lab`). */
  producerName?: string;
  /** `producer_version` (default empty). */
  producerVersion?: string;
}

/**
 * The bytes of an ONNX model computing `graph`.
 *
 * @throws {DataError} `graph` is not an inference graph, or an unknown option
 */
export function encodeOnnx(graph: InferenceGraph, options: OnnxEncodeOptions = {}): Uint8Array {
  if (typeof graph !== 'object' || graph === null || !Array.isArray(graph.steps)) {
    throw new DataError({
      subject: 'encodeOnnx',
      expected: 'an inference graph (from toInferenceGraph(model))',
      got: describeValue(graph),
    });
  }
  checkOptions(options, 'encodeOnnx options', ['producerName', 'producerVersion']);
  const initializers: Uint8Array[] = [];
  let current = 'input';
  const ops: { op: string; name: string; inputs: string[]; attributes?: Uint8Array[] }[] = [];
  for (const step of graph.steps) {
    if (step.op === 'normalize') {
      const n = step.mean.length;
      initializers.push(tensor(`${step.name}/mean`, [n], step.mean));
      initializers.push(tensor(`${step.name}/denominator`, [n], step.denominator));
      ops.push({ op: 'Sub', name: `${step.name}/sub`, inputs: [current, `${step.name}/mean`] });
      current = `${step.name}/sub`;
      ops.push({ op: 'Div', name: `${step.name}/div`, inputs: [current, `${step.name}/denominator`] });
      current = `${step.name}/div`;
      continue;
    }
    initializers.push(tensor(`${step.name}/kernel`, [step.inputDim, step.units], step.kernel));
    if (step.bias) {
      initializers.push(tensor(`${step.name}/bias`, [step.units], step.bias));
      ops.push({
        op: 'Gemm',
        name: `${step.name}/gemm`,
        inputs: [current, `${step.name}/kernel`, `${step.name}/bias`],
      });
      current = `${step.name}/gemm`;
    } else {
      ops.push({ op: 'MatMul', name: `${step.name}/matmul`, inputs: [current, `${step.name}/kernel`] });
      current = `${step.name}/matmul`;
    }
    const activation = ACTIVATION_OPS[step.activation];
    if (activation) {
      const attributes = activation === 'Softmax' ? [intAttribute('axis', -1)] : [];
      ops.push({ op: activation, name: `${step.name}/${step.activation}`, inputs: [current], attributes });
      current = `${step.name}/${step.activation}`;
    }
  }
  const last = graph.steps[graph.steps.length - 1];
  if (graph.output === 'probabilities' && last?.op === 'dense' && last.activation === 'linear') {
    ops.push({
      op: 'Softmax',
      name: 'probabilities',
      inputs: [current],
      attributes: [intAttribute('axis', -1)],
    });
    current = 'probabilities';
  }
  const nodes = ops.map((o, i) =>
    node(o.op, o.name, o.inputs, [i === ops.length - 1 ? 'output' : o.name], o.attributes),
  );
  const graphProto = concatBytes([
    ...nodes.map((n) => messageField(1, [n])),
    stringField(2, graph.name),
    ...initializers.map((t) => messageField(5, [t])),
    messageField(11, [valueInfo('input', graph.inputDim)]),
    messageField(12, [valueInfo('output', graph.outputDim)]),
  ]);
  return concatBytes([
    intField(1, ONNX_IR_VERSION),
    stringField(2, options.producerName ?? 'softmax-lab'),
    stringField(3, options.producerVersion ?? ''),
    messageField(7, [graphProto]),
    messageField(8, [stringField(1, ''), intField(2, ONNX_OPSET)]),
  ]);
}
