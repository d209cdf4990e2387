/**
 * The page's wiring: read the state from the URL, mount the five sections, keep the URL in step with the
 * state, and rebuild the training run when a data or model setting changes.
 *
 * @module
 */

import { h } from './render/dom.js';
import { mountCrossEntropy } from './sections/cross-entropy.js';
import { mountData } from './sections/data.js';
import { mountSoftmaxExplorer } from './sections/softmax-explorer.js';
import { mountTargets } from './sections/targets.js';
import { mountTraining, trainSettings } from './sections/training.js';
import { HoverLink } from './state/hover-link.js';
import type { LabState } from './state/lab-state.js';
import { Store } from './state/store.js';
import { parseState, serializeState } from './state/url-state.js';
import { TrainClient } from './worker/train-client.js';

/** Fields whose change needs new data or new models. */
const TRAINING_KEYS: readonly (keyof LabState)[] = [
  'samples',
  'std',
  'dataSeed',
  'centers',
  'addedPoints',
  'hidden',
  'activation',
  'optimizer',
  'learningRate',
  'batchSize',
  'modelSeed',
];

function mountPoint(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html has no #${id}`);
  return el;
}

function showNotices(notices: readonly string[]): void {
  const box = mountPoint('url-notice');
  box.hidden = notices.length === 0;
  if (notices.length === 0) return;
  const close = h('button', { type: 'button', class: 'close', 'aria-label': 'dismiss' }, '×');
  close.addEventListener('click', () => {
    box.hidden = true;
  });
  box.replaceChildren(
    close,
    h('strong', {}, 'Some settings in the link could not be used as given:'),
    h('ul', {}, ...notices.map((n) => h('li', {}, n))),
  );
}

const parsed = parseState(location.search);
const store = new Store(parsed.state);
const hover = new HoverLink();
showNotices(parsed.notices);

// The query, not the hash, holds the state, so the section links (#s-training) keep working.
const writeUrl = () => history.replaceState(null, '', `?${serializeState(store.get())}${location.hash}`);
writeUrl();
store.subscribe(writeUrl);

const worker = new Worker(new URL('./worker/train-worker.ts', import.meta.url), { type: 'module' });
const client = new TrainClient(worker);

mountSoftmaxExplorer(mountPoint('softmax-explorer'), store, hover);
mountCrossEntropy(mountPoint('cross-entropy'), store, hover);
mountData(mountPoint('data'), store, client);
mountTraining(mountPoint('training'), store, client);
mountTargets(mountPoint('targets'), client);

let pending: ReturnType<typeof setTimeout> | undefined;
store.subscribe((_state, changed) => {
  if (!TRAINING_KEYS.some((k) => changed.has(k))) return;
  clearTimeout(pending);
  // Typing a number fires one change per edit; rebuild once the settings are still for a moment.
  pending = setTimeout(() => client.reset(trainSettings(store.get())), 150);
});
client.reset(trainSettings(store.get()));

document.documentElement.dataset.ready = 'true';
