/**
 * The handler registry behind `model.save(url)`, `loadModel(url)` and `model.exportOnnx(url)`, after
 * TensorFlow.js' `IORouterRegistry`: a router looks at a URL or path and returns a handler for it, or null.
 *
 * The model folder only defines the protocol; `src/io/` registers the file-system routers when it is imported
 * (the package entry does that for Node users). A handler object passed directly needs no registration, so
 * the browser page and tests can save to memory without pulling in any Node module.
 *
 * @module
 */

import { DataError, describeValue } from '../../core/errors.js';
import type { IOHandler } from './artifacts.js';
import type { OnnxExportHandler } from './inference-graph.js';

/** Returns a handler for `url`, or null when the URL is not for it. */
export type Router<H> = (url: string) => H | null;

const saveRouters: Router<IOHandler>[] = [];
const loadRouters: Router<IOHandler>[] = [];
const onnxRouters: Router<OnnxExportHandler>[] = [];

function checkRouter(router: unknown, subject: string): void {
  if (typeof router !== 'function') {
    throw new DataError({
      subject,
      expected: 'a function (url) => handler | null',
      got: describeValue(router),
    });
  }
}

/** Adds a router consulted by `model.save(url)`. */
export function registerSaveRouter(router: Router<IOHandler>): void {
  checkRouter(router, 'registerSaveRouter');
  if (!saveRouters.includes(router)) saveRouters.push(router);
}

/** Adds a router consulted by `loadModel(url)`. */
export function registerLoadRouter(router: Router<IOHandler>): void {
  checkRouter(router, 'registerLoadRouter');
  if (!loadRouters.includes(router)) loadRouters.push(router);
}

/** Adds a router consulted by `model.exportOnnx(url)`. */
export function registerOnnxExportRouter(router: Router<OnnxExportHandler>): void {
  checkRouter(router, 'registerOnnxExportRouter');
  if (!onnxRouters.includes(router)) onnxRouters.push(router);
}

function resolve<H>(target: string | H, routers: readonly Router<H>[], action: string, method: string): H {
  if (typeof target !== 'string') {
    const candidate = target as Record<string, unknown> | null;
    if (typeof candidate !== 'object' || candidate === null || typeof candidate[method] !== 'function') {
      throw new DataError({
        subject: action,
        expected: `a path, a URL or a handler object with ${/^[aeiou]/.test(method) ? 'an' : 'a'} ${method}() method`,
        got: describeValue(target),
      });
    }
    return target;
  }
  // An empty path would resolve to the working directory itself: a silent write (or read) of ./model.json.
  if (target.trim() === '') {
    throw new DataError({
      subject: action,
      expected: 'a path, a URL or a handler object',
      got: 'an empty path',
    });
  }
  for (const router of routers) {
    const handler = router(target);
    if (handler) return handler;
  }
  throw new DataError({
    subject: action,
    expected: 'a path or URL that a registered handler understands',
    got: JSON.stringify(target),
    hint:
      routers.length === 0
        ? "No handler is registered: import 'softmax-lab' (which registers the file-system handlers) or pass a handler object."
        : 'Pass a handler object instead.',
  });
}

/** The handler `model.save(target)` writes through. */
export function resolveSaveHandler(target: string | IOHandler): IOHandler {
  return resolve(target, saveRouters, 'save', 'save');
}

/** The handler `loadModel(target)` reads through. */
export function resolveLoadHandler(target: string | IOHandler): IOHandler {
  return resolve(target, loadRouters, 'loadModel', 'load');
}

/** The handler `model.exportOnnx(target)` writes through. */
export function resolveOnnxExportHandler(target: string | OnnxExportHandler): OnnxExportHandler {
  return resolve(target, onnxRouters, 'exportOnnx', 'exportOnnx');
}
