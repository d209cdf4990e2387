/**
 * `loadModel`: a model from a directory (or `model.json` path, or `file://` URL) written by `model.save`,
 * TF.js or `tensorflowjs_converter`, or from any TF.js-style handler with a `load()` method.
 *
 * @module
 */

import { ModelFormatError } from '../core/errors.js';
import type { Sequential } from '../model/sequential.js';
import type { IOHandler } from '../model/serialization/artifacts.js';
import { modelFromArtifacts } from '../model/serialization/from-artifacts.js';
import { resolveLoadHandler } from '../model/serialization/registry.js';
import './register-file-handlers.js';

/**
 * Loads a TF.js Layers model. A model saved by `model.save` comes back bit for bit (weights, Normalization
 * statistics, compile settings); a TF.js or converted Keras model comes back with its weights, compiled when
 * its training configuration maps onto our losses and optimizers.
 *
 * @throws {ModelFormatError} missing or broken files, unsupported layers or activations (the message names the
 *   file, the layer and what is wrong)
 * @example
 * const model = await loadModel('models/digits');
 * const probabilities = softmax(model.predict(X));
 */
export async function loadModel(target: string | IOHandler): Promise<Sequential> {
  const handler = resolveLoadHandler(target);
  const source =
    typeof target !== 'string'
      ? 'model'
      : target.toLowerCase().endsWith('.json')
        ? target
        : `${target.replace(/[\\/]+$/, '')}/model.json`;
  if (typeof handler.load !== 'function') {
    throw new ModelFormatError({
      subject: source,
      expected: 'a handler that can load',
      got: 'a save-only handler',
    });
  }
  return modelFromArtifacts(await handler.load(), source);
}
