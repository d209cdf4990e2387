/**
 * softmax-lab under the benchmark: the public API as a user calls it (`Sequential.fit`, `predict`, the GEMM
 * kernels on buffers from `allocFloat32`). Threads follow `SOFTMAX_LAB_THREADS`; `SOFTMAX_LAB_KERNELS=js`
 * selects the plain-JS kernels.
 *
 * @module
 */

import { SparseCategoricalCrossentropy } from '../../src/core/losses/index.js';
import { Matrix } from '../../src/core/matrix.js';
import {
  allocFloat32,
  gemmNN,
  gemmNT,
  gemmTN,
  kernelInfo,
  kernelsReady,
  startKernelThreads,
} from '../../src/kernels/index.js';
import { Dense } from '../../src/model/dense.js';
import { Adam } from '../../src/model/optimizers/adam.js';
import { Sequential } from '../../src/model/sequential.js';
import { accuracyOf, type GemmVariant, W2_CLASSES, W2_FEATURES, W3_SIZE } from '../workloads.js';
import type { BenchLibrary } from './library.js';

function compiled(layers: Dense[], seed: number): Sequential {
  const model = new Sequential(layers, { seed });
  model.compile({
    loss: new SparseCategoricalCrossentropy({ fromLogits: true }),
    optimizer: new Adam(0.001),
  });
  return model;
}

export async function createSoftmaxLab(): Promise<BenchLibrary> {
  await kernelsReady();
  const threads = await startKernelThreads();
  const info = kernelInfo();
  let a: Float32Array = new Float32Array(0);
  let b: Float32Array = new Float32Array(0);
  let c: Float32Array = new Float32Array(0);
  const n = W3_SIZE;
  return {
    details:
      info.backend === 'wasm-simd' ? `wasm SIMD, ${threads} thread${threads > 1 ? 's' : ''}` : 'plain JS',
    async w1Fit(data) {
      const model = compiled(
        [
          new Dense({ units: 25, activation: 'relu' }),
          new Dense({ units: 15, activation: 'relu' }),
          new Dense({ units: 4, activation: 'linear' }),
        ],
        1234,
      );
      const x = new Matrix(data.rows, 2, data.x);
      const t0 = performance.now();
      await model.fit(x, data.y, { epochs: 10, batchSize: 32, verbose: 0 });
      const ms = performance.now() - t0;
      return { ms, accuracy: accuracyOf(model.predict(x).data, data.y, 4) };
    },
    async w2(data) {
      const model = compiled(
        [
          new Dense({ units: 128, activation: 'relu' }),
          new Dense({ units: W2_CLASSES, activation: 'linear' }),
        ],
        42,
      );
      const x = new Matrix(data.trainRows, W2_FEATURES, data.xTrain);
      const t0 = performance.now();
      await model.fit(x, data.yTrain, { epochs: 1, batchSize: 128, verbose: 0 });
      const trainMs = performance.now() - t0;
      const xTest = new Matrix(data.testRows, W2_FEATURES, data.xTest);
      const predictMs: number[] = [];
      let scores: Float32Array = new Float32Array(0);
      for (let r = 0; r < 2; r++) {
        const t1 = performance.now();
        scores = model.predict(xTest, { batchSize: 1024 }).data;
        predictMs.push(performance.now() - t1);
      }
      return { trainMs, predictMs, accuracy: accuracyOf(scores, data.yTest, W2_CLASSES) };
    },
    async w3Prepare(av, bv) {
      a = allocFloat32(av.length);
      b = allocFloat32(bv.length);
      c = allocFloat32(n * n);
      a.set(av);
      b.set(bv);
    },
    async w3Gemm(variant: GemmVariant) {
      const t0 = performance.now();
      c.fill(0);
      if (variant === 'NN') gemmNN(n, n, n, a, b, c);
      else if (variant === 'NT') gemmNT(n, n, n, a, b, c);
      else gemmTN(n, n, n, a, b, c);
      return { ms: performance.now() - t0, c };
    },
  };
}
