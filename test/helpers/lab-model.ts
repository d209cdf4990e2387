/**
 * The softmax lab's model (2 → 25 relu → 15 relu → 4 linear, Adam(0.001), sparse cross-entropy from logits)
 * trained briefly on the lab's data set, for the model-file tests. Optionally with a Normalization layer first.
 */
import { SparseCategoricalCrossentropy } from '../../src/core/losses/index.js';
import { Matrix } from '../../src/core/matrix.js';
import { Dense } from '../../src/model/dense.js';
import { Normalization } from '../../src/model/normalization.js';
import { Adam } from '../../src/model/optimizers/adam.js';
import { Sequential } from '../../src/model/sequential.js';
import { readFixture } from './fixtures.js';

const lab = readFixture<{ X: number[][]; y: number[] }>('reference/blobs_lab.json');

/** The lab's X (2000 x 2, float64) and y. */
export const labX = Matrix.from(lab.X);
export const labY = lab.y;

/** A trained lab model (two epochs, seed 1234). */
export async function trainedLabModel(options: { normalize?: boolean } = {}): Promise<Sequential> {
  const layers = [
    new Dense({ units: 25, activation: 'relu' }),
    new Dense({ units: 15, activation: 'relu' }),
    new Dense({ units: 4, activation: 'linear' }),
  ];
  let norm: Normalization | undefined;
  if (options.normalize) {
    norm = new Normalization();
    norm.adapt(labX);
  }
  const model = new Sequential(norm ? [norm, ...layers] : layers, { seed: 1234 });
  model.compile({
    loss: new SparseCategoricalCrossentropy({ fromLogits: true }),
    optimizer: new Adam(0.001),
    metrics: ['accuracy'],
  });
  await model.fit(labX, labY, { epochs: 2, verbose: 0 });
  return model;
}

/** True when two float32 arrays hold the same bits. */
export function sameBits(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  return x.every((v, i) => v === y[i]);
}
