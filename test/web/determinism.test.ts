/**
 * Training in the page's worker is deterministic: the same settings give bit-identical weights when the
 * page trains twice (reset and train again), in a freshly loaded page, and in Node with the library (the
 * worker's own model builders, run here with the settings the page wrote into the download). A run whose
 * loss stops being finite stops that model with the TrainingDivergedError message on the page, keeping
 * its last finite weights; the other model goes on.
 *
 * Skipped without a browser unless SOFTMAX_LAB_REQUIRE_BROWSER=1 (see page.test.ts).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrainingDivergedError } from '../../src/core/errors.js';
import type { Matrix } from '../../src/core/matrix.js';
import { buildLabModel, makeTrainingData } from '../../src/web/worker/lab-models.js';
import type { TrainSettings } from '../../src/web/worker/protocol.js';
import { sameBits } from '../helpers/lab-model.js';
import { findChromium } from './support/chromium.js';
import { type LabSite, startLabSite } from './support/lab-site.js';

const browserPath = findChromium();
const required = process.env.SOFTMAX_LAB_REQUIRE_BROWSER === '1';

type Kind = 'obvious' | 'preferred';
interface WeightsFile {
  epoch: number;
  settings: TrainSettings;
  models: Record<Kind, { kernel: number[][]; bias: number[] }[]>;
}

/** Every weight of a model in the download, as float32 (the page writes float32 values as JSON numbers). */
function flat(layers: WeightsFile['models'][Kind]): Float32Array {
  return Float32Array.from(layers.flatMap((l) => [...l.kernel.flat(), ...l.bias]));
}

async function trainAndDownload(page: Page, epochs: number): Promise<WeightsFile> {
  await page.getByTestId('train-start').click();
  await page
    .getByTestId('epoch')
    .filter({ hasText: new RegExp(`^${epochs}$`) })
    .waitFor({ timeout: 60_000 });
  await page.getByTestId('train-start').isEnabled();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-weights').click(),
  ]);
  return JSON.parse(readFileSync((await download.path())!, 'utf8')) as WeightsFile;
}

/** The same training in Node: the worker's builders and data, one fit of `epochs` epochs. */
async function nodeWeights(settings: TrainSettings, epochs: number): Promise<Record<Kind, Float32Array>> {
  const { X, y } = makeTrainingData(settings);
  const out = {} as Record<Kind, Float32Array>;
  for (const kind of ['obvious', 'preferred'] as const) {
    const model = buildLabModel(kind, settings, settings.centers.length);
    await model.fit(X, y, { epochs, batchSize: settings.batchSize, shuffle: true, verbose: 0 });
    out[kind] = Float32Array.from(
      model.getWeights().flatMap((w) => Array.from((w as Matrix).data ?? (w as Float32Array))),
    );
  }
  return out;
}

describe.skipIf(!browserPath && !required)('training in the page is deterministic', () => {
  let site: LabSite;

  beforeAll(async () => {
    if (!browserPath) throw new Error('SOFTMAX_LAB_REQUIRE_BROWSER=1 but no Chromium was found.');
    site = await startLabSite(browserPath);
  });

  afterAll(async () => {
    await site?.close();
  });

  const configurations = [
    { name: 'the lab defaults (Adam, relu 25,15)', query: '?epochs=5', epochs: 5 },
    {
      name: 'RMSprop, tanh 10,6, batch 16, 3 classes',
      query: '?epochs=4&opt=rmsprop&lr=0.01&act=tanh&hidden=10,6&batch=16&n=600&mseed=7&centers=-3,0;0,3;3,0',
      epochs: 4,
    },
    {
      name: 'SGD, sigmoid 8, batch 50',
      query: '?epochs=3&opt=sgd&lr=0.5&act=sigmoid&hidden=8&batch=50&n=500',
      epochs: 3,
    },
  ];

  it.each(configurations)(
    '$name: twice in one page, in a new page and in Node give the same bits',
    async ({ query, epochs }) => {
      const { page, errors } = await site.open(query);
      const first = await trainAndDownload(page, epochs);
      expect(first.epoch).toBe(epochs);
      await page.getByTestId('train-reset').click();
      await page.getByTestId('epoch').filter({ hasText: /^0$/ }).waitFor();
      const second = await trainAndDownload(page, epochs);
      const fresh = await site.open(query);
      const third = await trainAndDownload(fresh.page, epochs);
      const node = await nodeWeights(first.settings, epochs);
      for (const kind of ['obvious', 'preferred'] as const) {
        const a = flat(first.models[kind]);
        expect(a.length, kind).toBeGreaterThan(0);
        expect(sameBits(flat(second.models[kind]), a), `${kind}: reset and train again`).toBe(true);
        expect(sameBits(flat(third.models[kind]), a), `${kind}: a new page`).toBe(true);
        expect(sameBits(node[kind], a), `${kind}: Node`).toBe(true);
      }
      expect([...errors, ...fresh.errors]).toEqual([]);
      await page.close();
      await fresh.page.close();
    },
    120_000,
  );

  it('shows the divergence message of a model whose loss stops being finite, keeps its last finite weights, trains the other', async () => {
    // Four relu layers of 64, SGD at learning rate 10, far-apart wide blobs: the logits model's loss becomes
    // infinite within the first epoch; the softmax-output model keeps training.
    const { page, errors } = await site.open(
      '?epochs=2&act=relu&opt=sgd&lr=10&n=400&std=5&hidden=64,64,64,64&centers=-20,20;20,-20;20,20;-20,-20',
    );
    const file = await trainAndDownload(page, 2);
    const shown = (await page.getByRole('alert').allTextContents()).filter((t) => t.trim() !== '');
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatch(
      /^Training stopped: Training diverged: the loss became non-finite \((NaN|Infinity)\) at epoch 1, batch \d+ of 13\. .*smaller learning rate \(now 10\)/,
    );
    await expect(page.getByTestId('compare-note').textContent()).resolves.toBe(
      'One model stopped training; the other goes on.',
    );
    // Node, with the settings the page used: the same error, and the same last finite weights.
    const { X, y } = makeTrainingData(file.settings);
    const model = buildLabModel('preferred', file.settings, 4);
    const error = await model
      .fit(X, y, { epochs: 2, batchSize: file.settings.batchSize, shuffle: true, verbose: 0 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingDivergedError);
    expect(shown[0]).toBe(`Training stopped: ${(error as Error).message}`);
    const kept = flat(file.models.preferred);
    expect(kept.every(Number.isFinite)).toBe(true);
    const nodeKept = Float32Array.from(
      model.getWeights().flatMap((w) => Array.from((w as Matrix).data ?? (w as Float32Array))),
    );
    expect(sameBits(kept, nodeKept)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
