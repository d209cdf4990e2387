/**
 * Node file input and output: model files (`loadModel`, and the handlers behind `model.save(dir)` and
 * `model.exportOnnx(file)`, registered on import), ONNX encoding, and data readers (CSV, `.npy`, `.npz`).
 *
 * @module
 */

import './register-file-handlers.js';

export { fileSystemModelHandler } from './fs-model-handler.js';
export { fileSystemOnnxHandler } from './fs-onnx-handler.js';
export { loadModel } from './load-model.js';
export { encodeOnnx, ONNX_IR_VERSION, ONNX_OPSET, type OnnxEncodeOptions } from './onnx/onnx-model.js';
export { readCsv } from './read-csv.js';
export { type Dataset, type DatasetOptions, readDataset } from './read-dataset.js';
export { readNpy, readNpz } from './read-npy.js';
