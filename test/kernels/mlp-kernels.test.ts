/**
 * The whole-stack training pass (one wasm call: forward, cross-entropy of the logits, backward) gives the
 * bits of the same work done layer by layer (denseForward, logitsCrossEntropy, denseBackward), for labels
 * and target rows, with and without biases, relu and linear layers, batches in the kernels' memory or
 * copied in; it skips the backward pass when the loss is not finite, and declines layers large enough for
 * the worker threads.
 */
import { describe, expect, it } from 'vitest';
import { denseBackward, denseForward, type FusedActivation } from '../../src/kernels/dense-kernels.js';
import { logitsCrossEntropy } from '../../src/kernels/logits-loss.js';
import { type DenseArrays, MlpTrainingPass } from '../../src/kernels/mlp-kernels.js';
import { allocFloat32, allocInt32 } from '../../src/kernels/wasm-memory.js';
import { randomFloats } from './gemm-reference.js';

interface Spec {
  units: number;
  activation: FusedActivation;
  bias: boolean;
}

function layersFor(inDim: number, specs: Spec[], capacity: number, seed: number): DenseArrays[] {
  let k = inDim;
  return specs.map((s, l) => {
    const kernel = allocFloat32(k * s.units);
    kernel.set(randomFloats(k * s.units, seed + l));
    const bias = s.bias ? allocFloat32(s.units) : null;
    bias?.set(randomFloats(s.units, seed + 50 + l).map((v) => v * 0.2));
    const arrays: DenseArrays = {
      inDim: k,
      units: s.units,
      activation: s.activation,
      kernel,
      bias,
      y: allocFloat32(capacity * s.units),
      kernelGrad: allocFloat32(k * s.units),
      biasGrad: s.bias ? allocFloat32(s.units) : null,
      dx: l === 0 ? null : allocFloat32(capacity * k),
    };
    k = s.units;
    return arrays;
  });
}

/** The same step, one layer call at a time; returns the loss sum. */
function layerByLayer(
  layers: DenseArrays[],
  x: Float32Array,
  rows: number,
  target: Int32Array | Float32Array,
  sparse: boolean,
  grad: Float32Array,
): number {
  let input = x;
  for (const a of layers) {
    denseForward(rows, a.inDim, a.units, input, a.kernel, a.bias, a.y, a.activation);
    input = a.y;
  }
  const last = layers[layers.length - 1]!;
  const sum = logitsCrossEntropy(last.y, rows, last.units, target, sparse, grad, 1 / rows);
  let g: Float32Array = grad;
  for (let l = layers.length - 1; l >= 0; l--) {
    const a = layers[l]!;
    const below = l === 0 ? x : layers[l - 1]!.y;
    denseBackward(
      rows,
      a.inDim,
      a.units,
      below,
      a.kernel,
      a.y,
      g,
      a.kernelGrad,
      a.biasGrad,
      a.dx,
      a.activation,
    );
    if (a.dx) g = a.dx;
  }
  return sum;
}

const snapshot = (layers: DenseArrays[]) =>
  layers.map((a) => ({
    y: Array.from(a.y),
    dw: Array.from(a.kernelGrad),
    db: a.biasGrad ? Array.from(a.biasGrad) : null,
  }));

const stacks: { name: string; inDim: number; specs: Spec[] }[] = [
  {
    name: 'the lab model (2 → 25 relu → 15 relu → 4)',
    inDim: 2,
    specs: [
      { units: 25, activation: 'relu', bias: true },
      { units: 15, activation: 'relu', bias: true },
      { units: 4, activation: 'linear', bias: true },
    ],
  },
  {
    name: 'odd widths, no biases, a relu last layer',
    inDim: 7,
    specs: [
      { units: 13, activation: 'linear', bias: false },
      { units: 3, activation: 'relu', bias: false },
    ],
  },
  { name: 'a single layer', inDim: 5, specs: [{ units: 9, activation: 'linear', bias: true }] },
];

describe('MlpTrainingPass', () => {
  for (const { name, inDim, specs } of stacks) {
    for (const rows of [32, 13]) {
      for (const sparse of [true, false]) {
        it(`gives the layer-by-layer bits: ${name}, ${rows} rows, ${sparse ? 'labels' : 'one-hot rows'}`, () => {
          const capacity = 32;
          const units = specs[specs.length - 1]!.units;
          const x = allocFloat32(capacity * inDim);
          x.set(randomFloats(rows * inDim, rows).map((v) => v * 4));
          const labels = Int32Array.from({ length: rows }, (_, i) => (i * 7) % units);
          const target = sparse ? allocInt32(capacity) : allocFloat32(capacity * units);
          if (sparse) target.set(labels);
          else
            labels.forEach((y, i) => {
              target[i * units + y] = 1;
            });

          const fused = layersFor(inDim, specs, capacity, 11);
          const grad = allocFloat32(capacity * units);
          const pass = MlpTrainingPass.create(fused, capacity, sparse, grad);
          expect(pass).not.toBeNull();
          const sum = pass!.run(x, rows, target, 1 / rows);

          const plain = layersFor(inDim, specs, capacity, 11);
          const plainGrad = allocFloat32(capacity * units);
          const want = layerByLayer(plain, x, rows, target, sparse, plainGrad);
          expect(Object.is(sum, want)).toBe(true);
          expect(snapshot(fused)).toEqual(snapshot(plain));
          expect(Array.from(pass!.logits.subarray(0, rows * units))).toEqual(
            Array.from(plain[plain.length - 1]!.y.subarray(0, rows * units)),
          );

          // A batch outside the kernels' memory is copied in: same result.
          const again = pass!.run(Float32Array.from(x), rows, Int32Array.from(labels), 1 / rows);
          if (sparse) expect(Object.is(again, want)).toBe(true);
        });
      }
    }
  }

  it('skips the backward pass when the loss is not finite', () => {
    const layers = layersFor(2, stacks[0]!.specs, 4, 3);
    const grad = allocFloat32(4 * 4);
    const pass = MlpTrainingPass.create(layers, 4, true, grad)!;
    const x = allocFloat32(8);
    x.set([1, 2, 3, 4, 5, 6, 7, 8]);
    const labels = allocInt32(4);
    pass.run(x, 4, labels, 0.25);
    const before = snapshot(layers).map((s) => s.dw);
    x[3] = Number.NaN;
    expect(Number.isNaN(pass.run(x, 4, labels, 0.25))).toBe(true);
    expect(snapshot(layers).map((s) => s.dw)).toEqual(before);
  });

  it('declines a layer large enough for the worker threads, and arrays outside the kernels memory', () => {
    // 512 x 1024 weights: one row is 2^19 multiply-adds, two rows reach PARALLEL_MIN_MACS (2^20).
    const big = layersFor(512, [{ units: 1024, activation: 'relu', bias: true }], 2, 1);
    expect(MlpTrainingPass.create(big, 1, true, allocFloat32(2 * 1024))).not.toBeNull();
    expect(MlpTrainingPass.create(big, 2, true, allocFloat32(2 * 1024))).toBeNull();
    const small = layersFor(2, stacks[0]!.specs, 4, 3);
    expect(MlpTrainingPass.create(small, 4, true, new Float32Array(16))).toBeNull();
    small[1]!.kernel = new Float32Array(small[1]!.kernel);
    expect(MlpTrainingPass.create(small, 4, true, allocFloat32(16))).toBeNull();
  });
});
