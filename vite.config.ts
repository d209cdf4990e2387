import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Headers that make the page cross-origin isolated (SharedArrayBuffer for future worker pools). */
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  // Relative asset URLs: the built site works from any folder of any static server, with no network.
  base: './',
  build: {
    outDir: fileURLToPath(new URL('./web-dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  worker: { format: 'es' },
  server: { headers: isolation },
  preview: { headers: isolation },
});
