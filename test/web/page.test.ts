/**
 * End-to-end tests of the lab page in a real Chromium (Debian's, driven by playwright-core): the site is built
 * with Vite into a temporary folder, served by a tiny static server and exercised through its data-testid
 * hooks. Screenshots go to test-artifacts/web/.
 *
 * Without a browser the suite is skipped with one line on stderr, unless SOFTMAX_LAB_REQUIRE_BROWSER=1 (CI),
 * where a missing browser is a failure.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SparseCategoricalCrossentropy } from '../../src/core/losses/index.js';
import type { Matrix } from '../../src/core/matrix.js';
import { makeBlobs } from '../../src/data/make-blobs.js';
import { Adam, Dense, Sequential } from '../../src/model/index.js';
import { expectClose } from '../helpers/close.js';
import { findChromium, launchChromium } from './support/chromium.js';
import { type StaticServer, serveStatic } from './support/static-server.js';

const ROOT = resolve(import.meta.dirname, '../..');
const ARTIFACTS = join(ROOT, 'test-artifacts', 'web');
const browserPath = findChromium();
const required = process.env.SOFTMAX_LAB_REQUIRE_BROWSER === '1';
if (!browserPath && !required) {
  console.error(
    'SKIPPED the browser tests of the web page: no Chromium found. Install it (sudo apt-get install chromium) or set CHROMIUM_PATH=/path/to/chromium.',
  );
}

/** The textbook softmax in float64, written out here as the independent reference for the page's numbers. */
function referenceSoftmax(z: readonly number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

describe.skipIf(!browserPath && !required)('the lab page in Chromium', () => {
  let outDir = '';
  let server: StaticServer | undefined;
  let context: BrowserContext | undefined;
  let closeBrowser: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    if (!browserPath) {
      throw new Error(
        'SOFTMAX_LAB_REQUIRE_BROWSER=1 but no Chromium was found: apt-get install chromium, or set CHROMIUM_PATH.',
      );
    }
    outDir = mkdtempSync(join(tmpdir(), 'softmax-lab-web-'));
    await build({
      configFile: join(ROOT, 'vite.config.ts'),
      build: { outDir, emptyOutDir: true },
      logLevel: 'warn',
    });
    server = await serveStatic(outDir);
    const browser = await launchChromium(browserPath);
    context = browser.context;
    closeBrowser = browser.close;
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await closeBrowser?.();
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  /** Opens the page with a query, collecting console errors and uncaught exceptions; waits for epoch 0. */
  async function open(query = ''): Promise<{ page: Page; errors: string[] }> {
    const page = await context!.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`console.${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
    await page.goto(`${server!.url}${query}`);
    await page.getByTestId('obvious-accuracy').filter({ hasText: /^\d/ }).waitFor({ timeout: 15_000 });
    return { page, errors };
  }

  const probs = async (page: Page, k: number) => {
    const out: string[] = [];
    for (let i = 0; i < k; i++) out.push((await page.getByTestId(`softmax-prob-${i}`).textContent()) ?? '');
    return out;
  };
  const expectProbs = async (page: Page, z: number[]) => {
    const shown = (await probs(page, z.length)).map(Number);
    referenceSoftmax(z).forEach((p, i) => {
      expect(Math.abs(shown[i]! - p), `a${i}`).toBeLessThanOrEqual(5.1e-5);
    });
    expect(await page.getByTestId('softmax-sum').textContent()).toBe('1.0000');
  };

  it("opens on the lab's picture: z = 1, 2, 3, 4 and softmax 0.0321, 0.0871, 0.2369, 0.6439", async () => {
    const { page, errors } = await open();
    // The lab's starting values, as quoted from the course notebook's figure in the design notes.
    expect(await probs(page, 4)).toEqual(['0.0321', '0.0871', '0.2369', '0.6439']);
    expect(await page.getByTestId('softmax-sum').textContent()).toBe('1.0000');
    await expect(page.getByTestId('softmax-slider-0').getAttribute('aria-valuetext')).resolves.toBe('1.0');
    await page.screenshot({ path: join(ARTIFACTS, 'initial-page.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('moves a logit slider with the keyboard and updates every probability, keeping the sum at 1', async () => {
    const { page, errors } = await open();
    const slider = page.getByTestId('softmax-slider-0');
    await slider.focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    await expect(slider.inputValue()).resolves.toBe('2');
    await expectProbs(page, [2, 2, 3, 4]);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expectProbs(page, [1.8, 2, 3, 4]);
    // The coupling note counts what moved: all four softmax outputs, one sigmoid, one ReLU.
    await expect(page.getByTestId('coupling-note').textContent()).resolves.toMatch(
      /moved 4 of 4 softmax outputs, 1 of 4 sigmoid outputs and 1 of 4 ReLU/,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('changes the class count and the temperature', async () => {
    const { page, errors } = await open();
    const count = page.getByTestId('class-count');
    await count.fill('6');
    await count.press('Tab');
    await expect(page.getByTestId('softmax-slider-5').count()).resolves.toBe(1);
    await expect(page.getByTestId('softmax-prob-6').count()).resolves.toBe(0);
    await expectProbs(page, [1, 2, 3, 4, 0, 0]);
    await page.getByTestId('class-remove').click();
    await expect(page.getByTestId('softmax-prob-5').count()).resolves.toBe(0);
    await expectProbs(page, [1, 2, 3, 4, 0]);

    const t = page.getByTestId('temperature');
    await t.focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    await expect(t.inputValue()).resolves.toBe('2');
    await expectProbs(page, [0.5, 1, 1.5, 2, 0]);
    await page.getByTestId('target-1').click();
    // −log a1 at T = 2, from the reference softmax.
    const a1 = referenceSoftmax([0.5, 1, 1.5, 2, 0])[1]!;
    expect(Number(await page.getByTestId('ce-loss').textContent())).toBeCloseTo(-Math.log(a1), 4);
    await page
      .locator('section')
      .nth(1)
      .screenshot({ path: join(ARTIFACTS, 'cross-entropy.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the naive softmax breaking at z = 100 (float32 overflow) while the stable one stays right', async () => {
    const { page, errors } = await open();
    const box = page.getByTestId('softmax-z-3');
    await box.fill('100');
    await box.press('Tab');
    // Stable: e^(z − 100) for z = 1, 2, 3 is below 1e-42, so a3 rounds to 1.
    expect(await probs(page, 4)).toEqual(['0.0000', '0.0000', '0.0000', '1.0000']);
    expect(await page.getByTestId('softmax-sum').textContent()).toBe('1.0000');
    await page.getByTestId('naive-toggle').check();
    // Naive in float32: e^100 > 3.4e38 overflows to Infinity, and Infinity / Infinity is NaN.
    expect(await probs(page, 4)).toEqual(['0.0000', '0.0000', '0.0000', 'NaN']);
    expect(await page.getByTestId('softmax-sum').textContent()).toBe('NaN');
    await expect(page.getByTestId('naive-note').textContent()).resolves.toMatch(/broke/);
    await page
      .locator('section')
      .first()
      .screenshot({ path: join(ARTIFACTS, 'naive-overflow.png') });
    await page.getByTestId('naive-toggle').uncheck();
    expect(await probs(page, 4)).toEqual(['0.0000', '0.0000', '0.0000', '1.0000']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('trains both lab models 10 epochs to the same accuracies and losses as the library in Node', async () => {
    // The Node reference: the lab's data and models, built directly with the library, one fit of 10 epochs.
    const { X, y } = makeBlobs({
      nSamples: 2000,
      centers: [
        [-5, 2],
        [-2, -2],
        [1, 2],
        [5, -2],
      ],
      clusterStd: 1.0,
      randomState: 30,
    });
    const expected: Record<string, { loss: string; accuracy: string; lossValue: number }> = {};
    const nodeModels: Record<string, Sequential> = {};
    for (const kind of ['obvious', 'preferred'] as const) {
      const model = new Sequential(
        [
          new Dense({ units: 25, activation: 'relu' }),
          new Dense({ units: 15, activation: 'relu' }),
          new Dense({ units: 4, activation: kind === 'obvious' ? 'softmax' : 'linear' }),
        ],
        { seed: 1234 },
      );
      model.compile({
        optimizer: new Adam(0.001),
        loss: new SparseCategoricalCrossentropy({ fromLogits: kind === 'preferred' }),
        metrics: ['accuracy'],
      });
      await model.fit(X, y, { epochs: 10, batchSize: 32, verbose: 0 });
      const r = model.evaluate(X, y, { returnDict: true });
      expect(r.accuracy).toBeGreaterThanOrEqual(0.95);
      expected[kind] = { loss: r.loss!.toFixed(4), accuracy: r.accuracy!.toFixed(4), lossValue: r.loss! };
      nodeModels[kind] = model;
    }

    const { page, errors } = await open();
    expect(await page.getByTestId('epoch').textContent()).toBe('0');
    await page.getByTestId('train-step').click();
    await page.getByTestId('epoch').filter({ hasText: /^1$/ }).waitFor();
    await page.getByTestId('train-start').click();
    await page.getByTestId('epoch').filter({ hasText: /^10$/ }).waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('train-start').isDisabled()).resolves.toBe(false);
    for (const kind of ['obvious', 'preferred'] as const) {
      const accuracy = (await page.getByTestId(`${kind}-accuracy`).textContent()) ?? '';
      expect(Number(accuracy), kind).toBeGreaterThanOrEqual(0.95);
      expect(accuracy, kind).toBe(expected[kind]!.accuracy);
      expect(await page.getByTestId(`${kind}-loss`).textContent(), kind).toBe(expected[kind]!.loss);
      // Beyond the 4 printed decimals (which e.g. an unshuffled run would also match): the full float32 loss.
      const full = Number(await page.getByTestId(`${kind}-loss`).getAttribute('data-value'));
      expect(Math.abs(full - expected[kind]!.lossValue), kind).toBeLessThanOrEqual(
        1e-6 * expected[kind]!.lossValue,
      );
    }

    // The decision regions are painted: many distinct colours in the plot area.
    const colours = await page.getByTestId('decision-canvas-preferred').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set<number>();
      for (let i = 0; i < d.length; i += 4 * 7) seen.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
      return seen.size;
    });
    expect(colours).toBeGreaterThan(50);

    // Hovering a point of class 0 near its centre (−5, 2) shows its 4 probabilities, c0 the largest.
    const canvas = page.getByTestId('decision-canvas-obvious');
    const hook = JSON.parse((await canvas.getAttribute('data-plot'))!) as {
      box: { xMin: number; xMax: number; yMin: number; yMax: number };
      rect: [number, number, number, number];
      cssWidth: number;
    };
    const bounds = (await canvas.boundingBox())!;
    const scale = bounds.width / hook.cssWidth;
    const [l, t, w, hgt] = hook.rect;
    const px = l + ((-5 - hook.box.xMin) / (hook.box.xMax - hook.box.xMin)) * w;
    const py = t + ((hook.box.yMax - 2) / (hook.box.yMax - hook.box.yMin)) * hgt;
    await page.mouse.move(bounds.x + px * scale, bounds.y + py * scale);
    const tip = page.getByTestId('tooltip-obvious');
    await tip.waitFor({ state: 'visible' });
    const text = (await tip.textContent()) ?? '';
    const values = [...text.matchAll(/p\(c(\d)\) = ([\d.]+)/g)].map((m) => Number(m[2]));
    expect(values).toHaveLength(4);
    expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    expect(values.indexOf(Math.max(...values))).toBe(0);
    expect(text).toMatch(/class c0/);

    // Keyboard: focus the other canvas and walk to the first point; the card shows its 4 probabilities.
    await page.getByTestId('decision-canvas-preferred').focus();
    await page.keyboard.press('ArrowRight');
    const keyTip = page.getByTestId('tooltip-preferred');
    await keyTip.waitFor({ state: 'visible' });
    expect(await keyTip.getAttribute('data-point')).toBe('0');
    expect([...((await keyTip.textContent()) ?? '').matchAll(/p\(c\d\) = /g)]).toHaveLength(4);

    // The downloaded weights are the Node model's weights (Keras order: kernel, bias per layer).
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-weights').click(),
    ]);
    const file = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      epoch: number;
      models: Record<string, { kernel: number[][]; bias: number[] }[]>;
    };
    expect(file.epoch).toBe(10);
    for (const kind of ['obvious', 'preferred'] as const) {
      const layers = file.models[kind]!;
      expect(layers.map((l) => [l.kernel.length, l.bias.length])).toEqual([
        [2, 25],
        [25, 15],
        [15, 4],
      ]);
      const nodeWeights = nodeModels[kind]!.getWeights();
      layers.forEach((l, i) => {
        const tol = { rtol: 1e-5, atol: 1e-6 };
        expectClose(l.kernel, (nodeWeights[2 * i] as Matrix).toArray(), tol, `${kind} kernel ${i}`);
        expectClose(l.bias, nodeWeights[2 * i + 1] as Float32Array, tol, `${kind} bias ${i}`);
      });
    }

    await page
      .locator('section')
      .nth(3)
      .screenshot({ path: join(ARTIFACTS, 'training-10-epochs.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'trained-page.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('pauses, resets, and retrains from scratch when the data change', async () => {
    const { page, errors } = await open('?epochs=1000');
    const epoch = async () => Number(await page.getByTestId('epoch').textContent());
    const untrained = await page.getByTestId('preferred-accuracy').textContent();
    await page.getByTestId('train-start').click();
    await expect.poll(epoch, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    await page.getByTestId('train-pause').click();
    await expect.poll(() => page.getByTestId('train-start').isEnabled()).toBe(true);
    const paused = await epoch();
    expect(paused).toBeLessThan(1000);
    await page.waitForTimeout(400);
    expect(await epoch()).toBe(paused);

    await page.getByTestId('train-reset').click();
    await page.getByTestId('epoch').filter({ hasText: /^0$/ }).waitFor();
    // Reset rebuilds the same untrained models from the seed.
    expect(await page.getByTestId('preferred-accuracy').textContent()).toBe(untrained);

    const samples = page.getByTestId('data-samples');
    await samples.fill('400');
    await samples.press('Tab');
    await page.getByText('400 training points (+ 100 test points, seed + 1)').waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get('n')).toBe('400');
    expect(await epoch()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps every setting in the URL: a reload restores the same page', async () => {
    const query =
      '?z=-2,0.5,3&c=0&t=2&naive=0&target=1&n=400&std=0.8&seed=7&hidden=10&act=tanh&opt=sgd&lr=0.05&batch=16&epochs=3&mseed=5';
    const { page, errors } = await open(query);
    await expect(page.getByTestId('class-count').inputValue()).resolves.toBe('3');
    await expect(page.getByTestId('temperature').inputValue()).resolves.toBe('2');
    await expect(page.getByTestId('hidden-layers').inputValue()).resolves.toBe('10');
    await expect(page.getByTestId('epochs').inputValue()).resolves.toBe('3');
    await expect(page.getByTestId('target-1').getAttribute('aria-checked')).resolves.toBe('true');
    await expectProbs(page, [-1, 0.25, 1.5]);

    const slider = page.getByTestId('softmax-slider-2');
    await slider.focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => new URL(page.url()).searchParams.get('z')).toBe('-2,0.5,2.9');
    await page.getByTestId('train-start').click();
    await page.getByTestId('epoch').filter({ hasText: /^3$/ }).waitFor({ timeout: 20_000 });
    const before = {
      probs: await probs(page, 3),
      accuracy: await page.getByTestId('preferred-accuracy').textContent(),
    };

    await page.reload();
    await page.getByTestId('obvious-accuracy').filter({ hasText: /^\d/ }).waitFor();
    expect(await probs(page, 3)).toEqual(before.probs);
    await expect(page.getByTestId('url-notice').isHidden()).resolves.toBe(true);
    await page.getByTestId('train-start').click();
    await page.getByTestId('epoch').filter({ hasText: /^3$/ }).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('preferred-accuracy').textContent()).toBe(before.accuracy);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('survives a broken URL: shows what it ignored or clamped and works with the rest', async () => {
    const { page, errors } = await open('?z=1,abc&t=999&n=-5&hidden=x,y&bogus=1&naive=maybe');
    const notice = page.getByTestId('url-notice');
    await expect(notice.isVisible()).resolves.toBe(true);
    const items = await notice.locator('li').allTextContents();
    expect(items).toHaveLength(6);
    expect(items.join('\n')).toMatch(/t=999 is outside 0\.1…10; clamped to 10/);
    // z fell back to the lab's 1, 2, 3, 4 and T was clamped to 10.
    await expectProbs(page, [0.1, 0.2, 0.3, 0.4]);
    expect(new URL(page.url()).searchParams.get('t')).toBe('10');
    await page.screenshot({ path: join(ARTIFACTS, 'broken-url.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
