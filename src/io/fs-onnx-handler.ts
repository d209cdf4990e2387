/**
 * The file-system ONNX export handler (what `model.exportOnnx('model.onnx')` uses in Node): encodes the graph
 * with our protobuf writer and writes it atomically (temporary file, fsync, rename).
 *
 * @module
 */

import { resolve } from 'node:path';
import { DataError, describeValue } from '../core/errors.js';
import type { InferenceGraph, OnnxExportHandler } from '../model/serialization/inference-graph.js';
import { writeFileAtomic } from './atomic-write.js';
import { encodeOnnx } from './onnx/onnx-model.js';

/**
 * A handler writing the ONNX file at `path`.
 *
 * @throws {DataError} `path` is not a non-empty string
 */
export function fileSystemOnnxHandler(path: string): OnnxExportHandler {
  if (typeof path !== 'string' || path.trim() === '') {
    throw new DataError({
      subject: 'fileSystemOnnxHandler',
      expected: 'a file path',
      got: typeof path === 'string' ? 'an empty path' : describeValue(path),
    });
  }
  return {
    async exportOnnx(graph: InferenceGraph) {
      const bytes = encodeOnnx(graph);
      const target = resolve(path);
      await writeFileAtomic(target, bytes);
      return { bytes: bytes.length, path: target };
    },
  };
}
