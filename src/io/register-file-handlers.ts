/**
 * Registers the file-system handlers, so that `model.save('dir')`, `loadModel('dir')` and
 * `model.exportOnnx('file.onnx')` work with plain paths (and `file://` URLs). Importing this module is its
 * whole effect; the package entry imports it for Node users.
 *
 * @module
 */

import {
  registerLoadRouter,
  registerOnnxExportRouter,
  registerSaveRouter,
} from '../model/serialization/registry.js';
import { fileSystemModelHandler } from './fs-model-handler.js';
import { fileSystemOnnxHandler } from './fs-onnx-handler.js';
import { fileSystemPath } from './model-paths.js';

function modelRouter(url: string) {
  const path = fileSystemPath(url);
  return path === undefined ? null : fileSystemModelHandler(path);
}

function onnxRouter(url: string) {
  const path = fileSystemPath(url);
  return path === undefined ? null : fileSystemOnnxHandler(path);
}

registerSaveRouter(modelRouter);
registerLoadRouter(modelRouter);
registerOnnxExportRouter(onnxRouter);
