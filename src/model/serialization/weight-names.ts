/**
 * Matching manifest weight names to layers. Producers spell the same weight in many ways:
 *
 *   dense/kernel              TF.js, converter from Keras 2
 *   dense/kernel:0            raw tf.keras HDF5 names
 *   sequential/dense/kernel   Keras 3 variable paths (model prefix)
 *   dense/vars/0, dense/0     Keras 3 numbered variables (0 kernel, 1 bias; Normalization 0 mean, 1 variance)
 *   layers/dense/vars/0       converter from `.keras` (the layer part is the snake-cased class, not the name)
 *
 * Names are normalised to (layer, param) and matched by name. When that leaves weights unmatched, and the
 * remaining entries line up one to one with the layers' weights in order and shape, they are matched by order
 * (the last row above). Anything else is an error that lists what is missing and what is left over.
 *
 * @module
 */

import { ModelFormatError } from '../../core/errors.js';
import { printable, quoted } from '../../core/printable.js';

/** A weight slot of the model being loaded. */
export interface WeightSlot {
  layer: string;
  /** `kernel`, `bias`, `mean`, `variance`. */
  param: string;
  shape: readonly number[];
}

/** A manifest entry (name and shape) to match. */
export interface NamedWeight {
  name: string;
  shape: readonly number[];
}

/** Weights each class stores, in Keras' variable order (`count` is Keras 2 Normalization's sample count). */
const PARAM_ORDER: Record<string, readonly string[]> = {
  Dense: ['kernel', 'bias'],
  Normalization: ['mean', 'variance', 'count'],
};

/** Params that may be present in a file and are not needed. */
const IGNORED_PARAMS = new Set(['count']);

/** `layer` and `param` of a raw name, given the class of each layer (for numbered variables). */
export function normalizeWeightName(
  raw: string,
  classOf: (layer: string) => string | undefined,
): { layer: string; param: string } | undefined {
  const parts = raw
    .replace(/:\d+$/, '')
    .split('/')
    .filter((p) => p !== '');
  if (parts.length < 2) return undefined;
  const last = parts[parts.length - 1]!;
  if (/^\d+$/.test(last)) {
    const layerIndex = parts[parts.length - 2] === 'vars' ? parts.length - 3 : parts.length - 2;
    const layer = parts[layerIndex];
    if (layer === undefined) return undefined;
    const order = PARAM_ORDER[classOf(layer) ?? ''];
    const param = order?.[Number(last)];
    return param === undefined ? undefined : { layer, param };
  }
  return { layer: parts[parts.length - 2]!, param: last };
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  // A per-feature vector may be stored as [n] or [1, n] (Keras 2 Normalization keeps a broadcast shape).
  const squeeze = (s: readonly number[]) => (s.length === 2 && s[0] === 1 ? [s[1]!] : s);
  const x = squeeze(a);
  const y = squeeze(b);
  return x.length === y.length && x.every((d, i) => d === y[i]);
}

function shapeText(shape: readonly number[]): string {
  return `[${(shape.length > 8 ? [...shape.slice(0, 8), '…'] : shape).join(', ')}]`;
}

/** At most five items of a list for a message, and how many more there are. */
function someOf(items: string[]): string {
  const shown = items.slice(0, 5).join(', ');
  return items.length > 5 ? `${shown} and ${items.length - 5} more` : shown;
}

/** A weight as `layer/param` for a message (names come from the file: any length, any characters). */
function slotName(slot: WeightSlot): string {
  return printable(`${slot.layer}/${slot.param}`);
}

/**
 * For every slot, the index of the manifest entry that holds it.
 *
 * @throws {ModelFormatError} a weight with the wrong shape, two entries for one weight, missing weights, or
 *   left-over weights that cannot be matched (the message lists them)
 */
export function matchWeights(
  slots: readonly WeightSlot[],
  entries: readonly NamedWeight[],
  classOf: (layer: string) => string | undefined,
  source: string,
): number[] {
  const slotIndex = new Map(slots.map((s, i) => [`${s.layer}/${s.param}`, i]));
  const found: (number | undefined)[] = slots.map(() => undefined);
  const leftover: number[] = [];
  entries.forEach((entry, e) => {
    const key = normalizeWeightName(entry.name, classOf);
    const i = key ? slotIndex.get(`${key.layer}/${key.param}`) : undefined;
    if (i === undefined) {
      if (!(key && classOf(key.layer) !== undefined && IGNORED_PARAMS.has(key.param))) leftover.push(e);
      return;
    }
    if (found[i] !== undefined) {
      throw new ModelFormatError({
        subject: `${source}: weight ${slotName(slots[i]!)}`,
        expected: 'one manifest entry',
        got: `two: ${quoted(entries[found[i]!]!.name)} and ${quoted(entry.name)}`,
      });
    }
    found[i] = e;
  });
  const missing = slots.map((_, i) => i).filter((i) => found[i] === undefined);
  if (missing.length > 0 && missing.length === leftover.length) {
    // Fallback: the unmatched entries, in manifest order, fill the unmatched slots in model order.
    const fits = missing.every((slot, k) => sameShape(entries[leftover[k]!]!.shape, slots[slot]!.shape));
    if (fits) {
      missing.forEach((slot, k) => {
        found[slot] = leftover[k]!;
      });
      leftover.length = 0;
    }
  }
  const stillMissing = slots.filter((_, i) => found[i] === undefined);
  if (stillMissing.length > 0 || leftover.length > 0) {
    const want = someOf(stillMissing.map((s) => `${slotName(s)} ${shapeText(s.shape)}`));
    const extra = someOf(
      leftover.map((e) => `${printable(entries[e]!.name)} ${shapeText(entries[e]!.shape)}`),
    );
    throw new ModelFormatError({
      subject: `${source}: weights manifest`,
      expected: `weights for every layer of the topology${want ? ` (missing: ${want})` : ''}`,
      got: extra ? `entries that match no layer: ${extra}` : 'no entries for them',
    });
  }
  slots.forEach((slot, i) => {
    const entry = entries[found[i]!]!;
    if (!sameShape(entry.shape, slot.shape)) {
      throw new ModelFormatError({
        subject: `${source}: weight ${quoted(entry.name)}`,
        expected: `shape ${shapeText(slot.shape)} for ${slotName(slot)}`,
        got: `shape ${shapeText(entry.shape)}`,
      });
    }
  });
  return found as number[];
}
