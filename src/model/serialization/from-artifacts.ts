/**
 * Building a model from TF.js Layers artifacts: ours, TF.js' own, and `tensorflowjs_converter` output from
 * Keras 2 and Keras 3 (see `topology.ts` and `weight-names.ts` for the dialects). The model is compiled when
 * the file carries a training configuration we can map (see `training-config.ts`), and a Normalization layer
 * that we folded into a Dense layer when saving is restored exactly from our metadata.
 *
 * @module
 */

import { describeValue, ModelFormatError } from '../../core/errors.js';
import { preview, quoted } from '../../core/printable.js';
import { Dense } from '../dense.js';
import type { Layer } from '../layer.js';
import { Normalization, normalizationDenominator } from '../normalization.js';
import { Sequential } from '../sequential.js';
import { firstInvalidWeight, weightRangeText } from '../weights.js';
import { LAYERS_MODEL_FORMAT, type ModelArtifacts } from './artifacts.js';
import { base64ToFloat32 } from './float32-base64.js';
import { foldNormalization, sameFloat32Bits } from './normalization-folding.js';
import { METADATA_KEY } from './to-artifacts.js';
import { type DenseSpec, type LayerSpec, parseTopology } from './topology.js';
import { compileOptionsFrom } from './training-config.js';
import { restoreTrainingState } from './training-state.js';
import { decodeWeightData } from './weight-data.js';
import { matchWeights, type WeightSlot } from './weight-names.js';

type Config = Record<string, unknown>;

function isObject(v: unknown): v is Config {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A layer of the file with its weights, as loaded. */
interface Loaded {
  spec: LayerSpec;
  inputDim: number;
  values: Float32Array[];
}

function slotsOf(spec: LayerSpec, inputDim: number): WeightSlot[] {
  if (spec.className === 'Dense') {
    const slots: WeightSlot[] = [{ layer: spec.name, param: 'kernel', shape: [inputDim, spec.units] }];
    if (spec.useBias) slots.push({ layer: spec.name, param: 'bias', shape: [spec.units] });
    return slots;
  }
  if (spec.mean !== undefined) return [];
  return [
    { layer: spec.name, param: 'mean', shape: [inputDim] },
    { layer: spec.name, param: 'variance', shape: [inputDim] },
  ];
}

function makeLayer(spec: LayerSpec): Layer {
  if (spec.className === 'Dense') {
    return new Dense({
      name: spec.name,
      units: spec.units,
      activation: spec.activation,
      useBias: spec.useBias,
      kernelInitializer: spec.kernelInitializer,
      biasInitializer: spec.biasInitializer,
    });
  }
  return new Normalization({ name: spec.name });
}

/**
 * Widest input a Normalization whose statistics are scalars may have. Every other size the loader allocates
 * is backed by the file's own bytes (weights are checked against the data length, listed statistics are
 * in the JSON), but a scalar is broadcast to the width the topology claims: without a bound, a 200-byte
 * model.json claiming 2^31 features made the loader allocate gigabytes and crash the process.
 */
export const MAX_BROADCAST_FEATURES = 2 ** 20;

/** Statistics given in a Normalization config (Keras `mean=`, `variance=`), broadcast from a scalar. */
function configStatistics(spec: LayerSpec, inputDim: number, source: string): Float32Array[] | undefined {
  if (spec.className !== 'Normalization' || spec.mean === undefined) return undefined;
  const variance = spec.variance ?? [];
  const subject = `${source}: layer ${quoted(spec.name)} (Normalization)`;
  const fits = (v: number[]) => v.length === 1 || v.length === inputDim;
  if (!fits(spec.mean) || !fits(variance)) {
    throw new ModelFormatError({
      subject,
      expected: `a mean and a variance of ${inputDim} values (or scalars)`,
      got: `${spec.mean.length} and ${variance.length} values`,
    });
  }
  if (inputDim > MAX_BROADCAST_FEATURES && (spec.mean.length === 1 || variance.length === 1)) {
    throw new ModelFormatError({
      subject,
      expected: `at most ${MAX_BROADCAST_FEATURES} input features for statistics given as scalars`,
      got: `an input width of ${inputDim}`,
      hint: 'Check the input shape, or give the mean and variance once per feature.',
    });
  }
  const widen = (v: number[]) =>
    v.length === 1 ? new Float32Array(inputDim).fill(v[0]!) : Float32Array.from(v);
  return [widen(spec.mean), widen(variance)];
}

/**
 * Replaces a Dense layer that carries a folded Normalization by the two layers it came from, when our
 * metadata holds them and folding them again gives the stored weights bit for bit (so metadata that no longer
 * matches the weights, e.g. after another tool retrained the model, is ignored).
 */
function unfold(loaded: Loaded[], records: unknown, source: string): Loaded[] {
  if (!Array.isArray(records)) return loaded;
  let out = loaded;
  for (const record of records) {
    // A record that cannot describe a layer is ignored like stale metadata (a Normalization needs a name).
    if (
      !isObject(record) ||
      typeof record.name !== 'string' ||
      record.name === '' ||
      typeof record.foldedInto !== 'string'
    )
      continue;
    const at = out.findIndex((l) => l.spec.name === record.foldedInto && l.spec.className === 'Dense');
    if (at < 0 || out.some((l) => l.spec.name === record.name)) continue;
    const target = out[at]!;
    const spec = target.spec as DenseSpec;
    const n = target.inputDim;
    const subject = `${source}: userDefinedMetadata.${METADATA_KEY} normalization ${quoted(record.name)}`;
    const mean = base64ToFloat32(record.mean, n, `${subject} mean`);
    const variance = base64ToFloat32(record.variance, n, `${subject} variance`);
    const kernel = base64ToFloat32(record.kernel, n * spec.units, `${subject} kernel`);
    const bias = record.bias === null ? null : base64ToFloat32(record.bias, spec.units, `${subject} bias`);
    const refolded = foldNormalization(
      mean,
      normalizationDenominator(variance),
      { kernel, bias },
      spec.units,
    );
    const [storedKernel, storedBias] = target.values;
    const finite = (v: Float32Array | null) => v === null || v.every(Number.isFinite);
    if (
      !storedBias ||
      ![mean, variance, kernel, bias].every(finite) ||
      !sameFloat32Bits(refolded.kernel, storedKernel!) ||
      !sameFloat32Bits(refolded.bias, storedBias)
    ) {
      continue;
    }
    const normalization: Loaded = {
      spec: { className: 'Normalization', name: record.name, mean: undefined, variance: undefined },
      inputDim: n,
      values: [mean, variance],
    };
    const dense: Loaded = {
      spec: { ...spec, useBias: bias !== null },
      inputDim: n,
      values: bias ? [kernel, bias] : [kernel],
    };
    out = [...out.slice(0, at), normalization, dense, ...out.slice(at + 1)];
  }
  return out;
}

/**
 * A model from TF.js Layers artifacts. `source` names the origin (e.g. the model.json path) in errors.
 *
 * @throws {ModelFormatError} a graph model, an unsupported layer or activation (named), weights that do not
 *   match the topology, a byte count that differs from the manifest's
 */
export function modelFromArtifacts(artifacts: ModelArtifacts, source = 'model'): Sequential {
  if (typeof artifacts !== 'object' || artifacts === null) {
    throw new ModelFormatError({
      subject: source,
      expected: 'model artifacts (an object)',
      got: describeValue(artifacts),
    });
  }
  if (artifacts.format !== undefined && artifacts.format !== LAYERS_MODEL_FORMAT) {
    throw new ModelFormatError({
      subject: `${source}: format`,
      expected: `"${LAYERS_MODEL_FORMAT}"`,
      got: preview(artifacts.format),
      hint:
        artifacts.format === 'graph-model'
          ? 'A graph model is a TensorFlow GraphDef for tf.loadGraphModel; export the Keras model as a layers model instead.'
          : undefined,
    });
  }
  const topology = parseTopology(artifacts.modelTopology, source);
  const entries = Array.isArray(artifacts.weightSpecs) ? artifacts.weightSpecs : [];
  if (artifacts.weightSpecs !== undefined && !Array.isArray(artifacts.weightSpecs)) {
    throw new ModelFormatError({
      subject: `${source}: weightSpecs`,
      expected: 'a list',
      got: describeValue(artifacts.weightSpecs),
    });
  }
  const decoded = decodeWeightData(entries, artifacts.weightData, source);
  const modelEntries = entries.map((e, i) => ({ e, i })).filter(({ e }) => e.group !== 'optimizer');

  const widths: number[] = [];
  let width = topology.inputDim;
  const slots: WeightSlot[] = [];
  for (const spec of topology.layers) {
    widths.push(width);
    slots.push(...slotsOf(spec, width));
    if (spec.className === 'Dense') width = spec.units;
  }
  const classes = new Map(topology.layers.map((l) => [l.name, l.className]));
  const match = matchWeights(
    slots,
    modelEntries.map(({ e }) => e),
    (layer) => classes.get(layer),
    source,
  );
  const byLayer = new Map<string, Float32Array[]>();
  slots.forEach((slot, k) => {
    const list = byLayer.get(slot.layer) ?? [];
    list.push(decoded[modelEntries[match[k]!]!.i]!);
    byLayer.set(slot.layer, list);
  });
  let loaded: Loaded[] = topology.layers.map((spec, i) => ({
    spec,
    inputDim: widths[i]!,
    values: configStatistics(spec, widths[i]!, source) ?? byLayer.get(spec.name) ?? [],
  }));
  const ours = isObject(artifacts.userDefinedMetadata)
    ? artifacts.userDefinedMetadata[METADATA_KEY]
    : undefined;
  if (isObject(ours)) loaded = unfold(loaded, ours.foldedNormalizations, source);

  const layers = loaded.map((l) => makeLayer(l.spec));
  const model = new Sequential(layers, topology.name === undefined ? {} : { name: topology.name });
  model.build(topology.inputDim);
  // Shapes were matched against the topology above, so the values go straight into the weight buffers.
  const arrays = loaded.flatMap((l) => l.values);
  const params = model.params();
  if (arrays.length !== params.length || params.some((p, i) => p.value.length !== arrays[i]!.length)) {
    throw new ModelFormatError({
      subject: `${source}: weights`,
      expected: `${params.length} arrays matching the layers`,
      got: `${arrays.length} arrays`,
    });
  }
  const names = layers.flatMap((l) => l.params().map((p) => `${l.name}/${p.name}`));
  params.forEach((p, i) => {
    const bad = firstInvalidWeight(p, arrays[i]!);
    if (bad) {
      throw new ModelFormatError({
        subject: `${source}: weight ${JSON.stringify(names[i])}`,
        expected: weightRangeText(p),
        got: String(bad.value),
        where: `index ${bad.index}`,
      });
    }
    p.value.set(arrays[i]!);
  });
  const compile = compileOptionsFrom(
    isObject(ours) ? ours.training : undefined,
    artifacts.trainingConfig,
    topology.kerasTrainingConfig,
  );
  if (compile) {
    model.compile(compile);
    restoreTrainingState(model, entries, decoded, isObject(ours) ? ours.trainingState : undefined, source);
  }
  return model;
}
