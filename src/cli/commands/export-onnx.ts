/**
 * `softmax-lab export-onnx`: a saved model as an ONNX file (opset 13), for onnxruntime and other runtimes.
 *
 * @module
 */

import { parseFlags } from '../args.js';
import type { Command } from '../io.js';
import { checkOutputPath } from '../output-paths.js';
import { loadModelFlag, outputActivation, readInputs, required } from './model-inputs.js';

const USAGE = `Usage: softmax-lab export-onnx --model DIR --out FILE.onnx [--probabilities]

Writes the model saved in DIR as an ONNX graph (opset 13): Gemm (MatMul without a bias) per Dense layer with
its Relu/Sigmoid/Tanh/Softmax, and Sub/Div for a Normalization layer. The input is "input" [N, features]
float32, the output "output" [N, classes].

Options:
  --model DIR        the saved model (a directory with model.json, or the model.json path)
  --out FILE.onnx    the file to write (atomically)
  --probabilities    append a Softmax when the output layer is linear, so the graph outputs probabilities
                     instead of logits
`;

const OPTIONS = {
  model: { type: 'string' },
  out: { type: 'string' },
  probabilities: { type: 'boolean' },
} as const;

export const exportOnnxCommand: Command = {
  name: 'export-onnx',
  summary: 'write a saved model as an ONNX file',
  usage: USAGE,
  async run(args, io) {
    const { values } = parseFlags(args, OPTIONS);
    required(values, 'model', 'DIR (a saved model)');
    const out = required(values, 'out', 'FILE.onnx');
    await checkOutputPath(out, '--out', 'file');
    const model = await readInputs(() => loadModelFlag(values));
    const appendSoftmax = values.probabilities === true;
    const { bytes } = await model.exportOnnx(out, { appendSoftmax });
    const kind =
      outputActivation(model) === 'softmax' || (appendSoftmax && outputActivation(model) === 'linear')
        ? 'probabilities'
        : outputActivation(model) === 'linear'
          ? 'logits'
          : 'outputs';
    io.stdout.write(
      `Wrote ${out} (${bytes} bytes, ONNX opset 13): input "input" [N, ${model.inputDim}] float32 -> output "output" [N, ${model.outputDim}] (${kind})\n`,
    );
    return 0;
  },
};
