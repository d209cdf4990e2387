/**
 * TensorFlow.js 4.22 under the benchmark, on its `cpu` backend (plain JS) or its `wasm` backend (XNNPACK,
 * SIMD). The models mirror softmax-lab's: same layers, Glorot-uniform kernels (set explicitly: TF.js
 * defaults to Glorot-normal), Adam(0.001), softmax
 * cross-entropy from logits (one-hot targets), same batch sizes, shuffled; `fit` with verbose 0.
 *
 * @module
 */

import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { accuracyOf, type GemmVariant, W2_CLASSES, W2_FEATURES, W3_SIZE } from '../workloads.js';
import type { BenchLibrary } from './library.js';

function model(layers: tf.layers.Layer[]): tf.Sequential {
  const m = tf.sequential({ layers });
  m.compile({
    optimizer: tf.train.adam(0.001),
    loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, yPred),
  });
  return m;
}

async function scoresOf(m: tf.Sequential, x: tf.Tensor2D): Promise<Float32Array> {
  const out = m.predict(x, { batchSize: 1024 }) as tf.Tensor;
  const data = (await out.data()) as Float32Array;
  out.dispose();
  return data;
}

export async function createTfjs(backend: 'cpu' | 'wasm'): Promise<BenchLibrary> {
  await tf.setBackend(backend);
  await tf.ready();
  let details = `tfjs ${tf.version.tfjs}, ${backend} backend`;
  if (backend === 'wasm') {
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    details += `, SIMD ${simd ? 'on' : 'off'}, ${threads ? 'multi-threaded' : '1 thread'}`;
  }
  let a: tf.Tensor2D | undefined;
  let b: tf.Tensor2D | undefined;
  return {
    details,
    async w1Fit(data) {
      const x = tf.tensor2d(data.x, [data.rows, 2]);
      const labels = tf.tensor1d(data.y, 'int32');
      const y = tf.oneHot(labels, 4).toFloat();
      const m = model([
        tf.layers.dense({
          units: 25,
          activation: 'relu',
          inputShape: [2],
          kernelInitializer: 'glorotUniform',
        }),
        tf.layers.dense({ units: 15, activation: 'relu', kernelInitializer: 'glorotUniform' }),
        tf.layers.dense({ units: 4, kernelInitializer: 'glorotUniform' }),
      ]);
      const t0 = performance.now();
      await m.fit(x, y, { epochs: 10, batchSize: 32, shuffle: true, verbose: 0 });
      const ms = performance.now() - t0;
      const accuracy = accuracyOf(await scoresOf(m, x), data.y, 4);
      m.dispose();
      tf.dispose([x, labels, y]);
      return { ms, accuracy };
    },
    async w2(data) {
      const x = tf.tensor2d(data.xTrain, [data.trainRows, W2_FEATURES]);
      const labels = tf.tensor1d(data.yTrain, 'int32');
      const y = tf.oneHot(labels, W2_CLASSES).toFloat();
      const xTest = tf.tensor2d(data.xTest, [data.testRows, W2_FEATURES]);
      const m = model([
        tf.layers.dense({
          units: 128,
          activation: 'relu',
          inputShape: [W2_FEATURES],
          kernelInitializer: 'glorotUniform',
        }),
        tf.layers.dense({ units: W2_CLASSES, kernelInitializer: 'glorotUniform' }),
      ]);
      const t0 = performance.now();
      await m.fit(x, y, { epochs: 1, batchSize: 128, shuffle: true, verbose: 0 });
      const trainMs = performance.now() - t0;
      const predictMs: number[] = [];
      let scores: Float32Array = new Float32Array(0);
      for (let r = 0; r < 2; r++) {
        const t1 = performance.now();
        scores = await scoresOf(m, xTest);
        predictMs.push(performance.now() - t1);
      }
      m.dispose();
      tf.dispose([x, labels, y, xTest]);
      return { trainMs, predictMs, accuracy: accuracyOf(scores, data.yTest, W2_CLASSES) };
    },
    async w3Prepare(av, bv) {
      a = tf.tensor2d(av, [W3_SIZE, W3_SIZE]);
      b = tf.tensor2d(bv, [W3_SIZE, W3_SIZE]);
    },
    async w3Gemm(variant: GemmVariant) {
      const t0 = performance.now();
      const c = tf.matMul(a!, b!, variant === 'TN', variant === 'NT');
      const data = await c.data();
      const ms = performance.now() - t0;
      c.dispose();
      return { ms, c: data as Float32Array };
    },
  };
}
