/**
 * The training configuration in saved files, in two forms:
 *
 * - our own, under `userDefinedMetadata.softmaxLab.training`: loss name, `fromLogits`, probability variant,
 *   metrics and the optimizer's Keras config, so `loadModel` restores the compiled model exactly;
 * - the top-level `trainingConfig` that `tf.loadLayersModel` compiles from (`loss`, `metrics`,
 *   `optimizer_config` with TF.js class names `Adam`, `SGD`, `Momentum`, `RMSProp`).
 *
 * TF.js string losses always take probabilities, so the TF.js form is written only for a loss with
 * `fromLogits: false` and an optimizer TF.js has: a model trained from logits loads in TF.js uncompiled rather
 * than compiled with a loss that would read its logits as probabilities.
 *
 * Reading accepts our metadata, TF.js' `trainingConfig`, and the converter's Keras `training_config` (where a
 * loss may be `{class_name, config: {from_logits}}`). Anything we cannot map leaves the model uncompiled.
 *
 * @module
 */

import { getLoss, type Loss } from '../../core/losses/index.js';
import { Adam } from '../optimizers/adam.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import { RMSprop } from '../optimizers/rmsprop.js';
import { SGD } from '../optimizers/sgd.js';
import type { Compiled, CompileOptions } from '../sequential.js';
import type { TrainingConfig } from './artifacts.js';

/** Our record of a compiled model. */
export interface SavedTraining {
  loss: string;
  fromLogits: boolean;
  probabilityVariant?: string;
  metrics: string[];
  /** The optimizer's `getConfig()` (Keras snake_case keys, with `name`). */
  optimizer: Record<string, number | boolean | string>;
}

/** Our record of the compiled configuration. */
export function savedTraining(compiled: Compiled): SavedTraining {
  const loss = compiled.loss as Loss & { probabilityVariant?: string };
  return {
    loss: loss.name,
    fromLogits: loss.fromLogits,
    ...(loss.probabilityVariant === undefined ? {} : { probabilityVariant: loss.probabilityVariant }),
    metrics: [...compiled.metrics],
    optimizer: compiled.optimizer.getConfig(),
  };
}

/** The TF.js `trainingConfig`, or undefined when TF.js could not train with the same loss and optimizer. */
export function tfjsTrainingConfig(compiled: Compiled): TrainingConfig | undefined {
  if (compiled.loss.fromLogits) return undefined;
  const optimizer = tfjsOptimizerConfig(compiled.optimizer);
  if (!optimizer) return undefined;
  return { loss: compiled.loss.name, metrics: [...compiled.metrics], optimizer_config: optimizer };
}

function tfjsOptimizerConfig(optimizer: Optimizer): { class_name: string; config: object } | undefined {
  const c = optimizer.getConfig();
  if (optimizer instanceof Adam) {
    if (c.amsgrad) return undefined;
    return {
      class_name: 'Adam',
      config: { learning_rate: c.learning_rate, beta1: c.beta_1, beta2: c.beta_2, epsilon: c.epsilon },
    };
  }
  if (optimizer instanceof SGD) {
    if (c.momentum === 0) return { class_name: 'SGD', config: { learning_rate: c.learning_rate } };
    return {
      class_name: 'Momentum',
      config: { learning_rate: c.learning_rate, momentum: c.momentum, use_nesterov: c.nesterov },
    };
  }
  if (optimizer instanceof RMSprop) {
    return {
      class_name: 'RMSProp',
      config: {
        learning_rate: c.learning_rate,
        decay: c.rho,
        momentum: c.momentum,
        epsilon: c.epsilon,
        centered: c.centered,
      },
    };
  }
  return undefined;
}

type Config = Record<string, unknown>;

function isObject(v: unknown): v is Config {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A name from the file, or '' when it is not a string (String() of a 100,000-deep array overflows the stack). */
function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function numberOr(config: Config, keys: string[]): number | undefined {
  for (const k of keys) if (typeof config[k] === 'number') return config[k] as number;
  return undefined;
}

/** An optimizer from a Keras/TF.js `{class_name, config}` or from our `{name, ...}`; undefined if unknown. */
function optimizerFrom(spec: unknown): Optimizer | undefined {
  if (!isObject(spec)) return undefined;
  // Keras 2.11+ may write `Custom>Adam` or a module path; the class is the last part.
  const name = (
    text(spec.class_name ?? spec.name)
      .split(/[>.]/)
      .pop() ?? ''
  ).toLowerCase();
  const c: Config = isObject(spec.config) ? spec.config : spec;
  const learningRate = numberOr(c, ['learning_rate', 'learningRate', 'lr']);
  const lr = learningRate === undefined ? {} : { learningRate };
  const epsilon = numberOr(c, ['epsilon']);
  const eps = epsilon === undefined ? {} : { epsilon };
  try {
    if (name === 'adam') {
      const beta1 = numberOr(c, ['beta_1', 'beta1']);
      const beta2 = numberOr(c, ['beta_2', 'beta2']);
      return new Adam({
        ...lr,
        ...eps,
        ...(beta1 === undefined ? {} : { beta1 }),
        ...(beta2 === undefined ? {} : { beta2 }),
        ...(c.amsgrad === true ? { amsgrad: true } : {}),
      });
    }
    if (name === 'sgd' || name === 'momentum') {
      const momentum = numberOr(c, ['momentum']);
      const nesterov = c.nesterov === true || c.use_nesterov === true || c.useNesterov === true;
      return new SGD({ ...lr, ...(momentum === undefined ? {} : { momentum }), nesterov });
    }
    if (name === 'rmsprop') {
      const rho = numberOr(c, ['rho', 'decay']);
      const momentum = numberOr(c, ['momentum']);
      return new RMSprop({
        ...lr,
        ...eps,
        ...(rho === undefined ? {} : { rho }),
        ...(momentum === undefined ? {} : { momentum }),
        centered: c.centered === true,
      });
    }
  } catch {
    // Out-of-range hyper-parameters from a foreign file: load the model uncompiled.
  }
  return undefined;
}

/** A loss from a name (snake or camel case) or a Keras `{class_name, config}`; undefined if unknown. */
function lossFrom(spec: unknown, fromLogits: boolean, probabilityVariant?: string): Loss | undefined {
  let name: string | undefined;
  let logits = fromLogits;
  if (typeof spec === 'string') name = spec;
  else if (isObject(spec)) {
    const className = text(spec.class_name);
    name = className.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
    const config = isObject(spec.config) ? spec.config : {};
    if (typeof config.from_logits === 'boolean') logits = config.from_logits;
  }
  if (name === undefined) return undefined;
  try {
    return getLoss(name, {
      fromLogits: logits,
      ...(probabilityVariant === undefined ? {} : { probabilityVariant: probabilityVariant as never }),
    });
  } catch {
    return undefined;
  }
}

function metricsFrom(spec: unknown): string[] {
  if (!Array.isArray(spec)) return [];
  const known = ['accuracy', 'acc', 'sparse_categorical_accuracy', 'categorical_accuracy'];
  return spec
    .map((m) => (typeof m === 'string' ? m.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase() : ''))
    .filter((m) => known.includes(m));
}

/**
 * Compile options from a saved file: our metadata first, then TF.js' `trainingConfig`, then the converter's
 * `training_config`. Undefined when none maps onto our losses and optimizers.
 */
export function compileOptionsFrom(
  ours: unknown,
  tfjs: unknown,
  keras: unknown,
): (CompileOptions & { optimizer: Optimizer; loss: Loss }) | undefined {
  if (isObject(ours)) {
    const loss = lossFrom(
      ours.loss,
      ours.fromLogits === true,
      typeof ours.probabilityVariant === 'string' ? ours.probabilityVariant : undefined,
    );
    const optimizer = optimizerFrom(ours.optimizer);
    if (loss && optimizer) return { loss, optimizer, metrics: metricsFrom(ours.metrics) };
  }
  for (const config of [tfjs, keras]) {
    if (!isObject(config)) continue;
    const loss = lossFrom(config.loss, false);
    const optimizer = optimizerFrom(config.optimizer_config);
    if (loss && optimizer) return { loss, optimizer, metrics: metricsFrom(config.metrics) };
  }
  return undefined;
}
