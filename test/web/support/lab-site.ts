/**
 * The lab page for end-to-end tests: built with Vite into a temporary folder, served by the static server,
 * opened in Debian's Chromium. `open` collects console errors and uncaught exceptions and waits until the
 * first epoch-0 report is shown.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { launchChromium } from './chromium.js';
import { type StaticServer, serveStatic } from './static-server.js';

const ROOT = resolve(import.meta.dirname, '../../..');

/** A built and served page in a browser. */
export interface LabSite {
  /** Opens the page with a query (e.g. `?epochs=3`); `errors` fills with console errors and exceptions. */
  open(query?: string): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/** Builds the site and starts the server and the browser. */
export async function startLabSite(browserPath: string): Promise<LabSite> {
  const outDir = mkdtempSync(join(tmpdir(), 'softmax-lab-web-'));
  let server: StaticServer | undefined;
  let browser: { context: BrowserContext; close(): Promise<void> } | undefined;
  try {
    await build({
      configFile: join(ROOT, 'vite.config.ts'),
      build: { outDir, emptyOutDir: true },
      logLevel: 'warn',
    });
    server = await serveStatic(outDir);
    browser = await launchChromium(browserPath);
  } catch (e) {
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
    throw e;
  }
  const { context } = browser;
  const url = server.url;
  return {
    async open(query = '') {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') errors.push(`console.${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
      await page.goto(`${url}${query}`);
      await page.getByTestId('obvious-accuracy').filter({ hasText: /^\d/ }).waitFor({ timeout: 15_000 });
      return { page, errors };
    },
    async close() {
      await browser?.close();
      await server?.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
