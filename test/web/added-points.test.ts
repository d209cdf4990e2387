/**
 * The learner's own points, end to end in Chromium: pick a class, click the scatter to add a point there,
 * find it in the URL and again after a reload, train with it, shift-click it away; the typed form and the
 * clear button; a link with a class the centres do not have. Screenshots go to test-artifacts/web/.
 *
 * Skipped without a browser unless SOFTMAX_LAB_REQUIRE_BROWSER=1 (see page.test.ts).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from './support/chromium.js';
import { type LabSite, startLabSite } from './support/lab-site.js';

const ARTIFACTS = join(resolve(import.meta.dirname, '../..'), 'test-artifacts', 'web');
const browserPath = findChromium();
const required = process.env.SOFTMAX_LAB_REQUIRE_BROWSER === '1';

interface PlotHook {
  box: { xMin: number; xMax: number; yMin: number; yMax: number };
  rect: [number, number, number, number];
  cssWidth: number;
}

/** Where the plane point (x0, x1) is on `canvas`, in displayed CSS pixels from its top-left corner. */
async function spotOf(canvas: Locator, x0: number, x1: number): Promise<{ x: number; y: number }> {
  const hook = JSON.parse((await canvas.getAttribute('data-plot'))!) as PlotHook;
  const bounds = (await canvas.boundingBox())!;
  const scale = bounds.width / hook.cssWidth;
  const [l, t, w, hgt] = hook.rect;
  const { xMin, xMax, yMin, yMax } = hook.box;
  return {
    x: (l + ((x0 - xMin) / (xMax - xMin)) * w) * scale,
    y: (t + ((yMax - x1) / (yMax - yMin)) * hgt) * scale,
  };
}

/** Near-black pixels (the added points' ring) in a 24 × 24 square of the canvas around `spot`. */
async function ringPixels(canvas: Locator, spot: { x: number; y: number }): Promise<number> {
  return canvas.evaluate(
    (c: HTMLCanvasElement, at) => {
      const k = c.width / c.getBoundingClientRect().width;
      const size = Math.round(24 * k);
      // Read a copy: repeated reads of the page's own canvas make Chromium warn on the console.
      const copy = document.createElement('canvas');
      copy.width = size;
      copy.height = size;
      const ctx = copy.getContext('2d', { willReadFrequently: true })!;
      ctx.drawImage(
        c,
        Math.round(at.x * k - size / 2),
        Math.round(at.y * k - size / 2),
        size,
        size,
        0,
        0,
        size,
        size,
      );
      const d = ctx.getImageData(0, 0, size, size).data;
      let dark = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i]! < 60 && d[i + 1]! < 60 && d[i + 2]! < 60) dark++;
      return dark;
    },
    { x: spot.x, y: spot.y },
  );
}

const pts = (page: Page) => new URL(page.url()).searchParams.get('pts');

describe.skipIf(!browserPath && !required)('adding your own points in Chromium', () => {
  let site: LabSite;

  beforeAll(async () => {
    if (!browserPath) throw new Error('SOFTMAX_LAB_REQUIRE_BROWSER=1 but no Chromium was found.');
    site = await startLabSite(browserPath);
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await site?.close();
  });

  it('adds a point of class 2 by clicking, keeps it through a reload, trains with it, removes it with shift-click', async () => {
    const { page, errors } = await site.open();
    const scatter = page.getByTestId('data-scatter');
    const count = page.getByTestId('added-points-count');
    expect(await count.textContent()).toBe('0');
    expect(pts(page)).toBeNull();

    await page.getByTestId('class-picker-2').click();
    await expect(page.getByTestId('class-picker-2').getAttribute('aria-checked')).resolves.toBe('true');
    await expect(page.getByTestId('class-picker-0').getAttribute('aria-checked')).resolves.toBe('false');

    // (0.5, 4): above the gap between the lab's blobs, inside the plotted box.
    const spot = await spotOf(scatter, 0.5, 4);
    expect(await ringPixels(scatter, spot)).toBe(0);
    await scatter.click({ position: spot });
    expect(await count.textContent()).toBe('1');
    await expect.poll(() => pts(page)).toMatch(/^[-\d.]+_[-\d.]+_2$/);
    const [x0, x1] = pts(page)!.split('_').map(Number);
    expect(Math.abs(x0! - 0.5)).toBeLessThan(0.1);
    expect(Math.abs(x1! - 4)).toBeLessThan(0.1);
    // The worker rebuilt the data with the point after the 2000 blob rows.
    await page
      .getByText('2001 training points: 2000 from the blobs and 1 of yours', { exact: false })
      .waitFor();
    await expect(page.getByTestId('epoch').textContent()).resolves.toBe('0');
    // Drawn distinctly: a dark ring on the scatter (blob dots have white rims only).
    expect(await ringPixels(scatter, await spotOf(scatter, x0!, x1!))).toBeGreaterThan(10);

    await page.reload();
    await page.getByTestId('obvious-accuracy').filter({ hasText: /^\d/ }).waitFor();
    expect(await count.textContent()).toBe('1');
    expect(pts(page)).toBe(`${x0}_${x1}_2`);
    await expect(page.getByTestId('url-notice').isHidden()).resolves.toBe(true);
    await page
      .getByText('2001 training points: 2000 from the blobs and 1 of yours', { exact: false })
      .waitFor();

    await page.getByTestId('train-step').click();
    await page.getByTestId('epoch').filter({ hasText: /^1$/ }).waitFor({ timeout: 20_000 });
    for (const kind of ['obvious', 'preferred'] as const) {
      const accuracy = Number(await page.getByTestId(`${kind}-accuracy`).getAttribute('data-value'));
      expect(accuracy, kind).toBeGreaterThanOrEqual(0);
      expect(accuracy, kind).toBeLessThanOrEqual(1);
      const canvas = page.getByTestId(`decision-canvas-${kind}`);
      expect(await ringPixels(canvas, await spotOf(canvas, x0!, x1!)), kind).toBeGreaterThan(10);
    }
    await page
      .locator('section')
      .nth(2)
      .screenshot({ path: join(ARTIFACTS, 'added-point-data.png') });
    await page
      .locator('section')
      .nth(3)
      .screenshot({ path: join(ARTIFACTS, 'added-point-training.png') });

    await scatter.click({ position: await spotOf(scatter, x0!, x1!), modifiers: ['Shift'] });
    expect(await count.textContent()).toBe('0');
    await expect.poll(() => pts(page)).toBeNull();
    await page.getByText('2000 training points (+ 500 test points, seed + 1)').waitFor();
    await expect(page.getByTestId('epoch').textContent()).resolves.toBe('0');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('adds points from the keyboard with the typed form, and clears them', async () => {
    const { page, errors } = await site.open();
    const count = page.getByTestId('added-points-count');
    // Arrow keys move the class pick round the swatches, as in any radio group.
    await page.getByTestId('class-picker-0').focus();
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('class-picker-3').getAttribute('aria-checked')).resolves.toBe('true');
    await expect(page.getByTestId('add-point-class').inputValue()).resolves.toBe('3');

    const form = page.getByTestId('add-point-form');
    await form.getByLabel('x0').fill('-3.5');
    await form.getByLabel('x1').fill('1.254');
    await form.getByLabel('x1').press('Enter');
    expect(await count.textContent()).toBe('1');
    await page.getByTestId('add-point-class').selectOption('1');
    await form.getByLabel('x0').fill('25');
    await page.getByTestId('add-point-submit').click();
    expect(await count.textContent()).toBe('2');
    await expect.poll(() => pts(page)).toBe('-3.5_1.25_3~20_1.25_1');
    await expect(page.getByTestId('class-picker-1').getAttribute('aria-checked')).resolves.toBe('true');

    // Unreadable input adds nothing and marks the box.
    await form.getByLabel('x0').fill('');
    await page.getByTestId('add-point-submit').click();
    expect(await count.textContent()).toBe('2');
    await expect(form.getByLabel('x0').getAttribute('aria-invalid')).resolves.toBe('true');

    await page.getByTestId('clear-added-points').click();
    expect(await count.textContent()).toBe('0');
    await expect.poll(() => pts(page)).toBeNull();
    await expect(page.getByTestId('clear-added-points').isDisabled()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('drops points of a class the link has no centre for, with a notice, and trains on the rest', async () => {
    const { page, errors } = await site.open('?centers=-3,0;0,3;3,0&n=300&pts=1_1_0~2_2_3~-1_-1_2');
    const notice = page.getByTestId('url-notice');
    await expect(notice.isVisible()).resolves.toBe(true);
    expect(await notice.locator('li').allTextContents()).toEqual([
      'pts: 1 point has a class outside c0…c2 (there are 3 centres); dropped',
    ]);
    expect(await page.getByTestId('added-points-count').textContent()).toBe('2');
    expect(pts(page)).toBe('1_1_0~-1_-1_2');
    await expect(page.getByTestId('class-picker-3').count()).resolves.toBe(0);

    // Fewer centres: the points of the class that went away leave the page, with a note.
    const centers = page.getByTestId('data-centers');
    await centers.fill('-3, 0; 0, 3');
    await centers.press('Tab');
    expect(await page.getByTestId('added-points-count').textContent()).toBe('1');
    await expect.poll(() => pts(page)).toBe('1_1_0');
    await expect(page.getByTestId('added-points-note').textContent()).resolves.toMatch(
      /Removed 1 of your points whose class no longer exists \(there are now 2 classes\)/,
    );
    await page
      .getByText('301 training points: 300 from the blobs and 1 of yours', { exact: false })
      .waitFor();
    await page.getByTestId('train-step').click();
    await page.getByTestId('epoch').filter({ hasText: /^1$/ }).waitFor({ timeout: 20_000 });
    const accuracy = Number(await page.getByTestId('preferred-accuracy').getAttribute('data-value'));
    expect(accuracy).toBeGreaterThanOrEqual(0);
    expect(accuracy).toBeLessThanOrEqual(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
