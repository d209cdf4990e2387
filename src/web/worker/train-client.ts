/**
 * The page side of the training worker: reset / step / play / pause, with run numbers so that results of a
 * run that was reset meanwhile are ignored. Play asks for the next epoch only after the previous one arrived
 * and was drawn, so the page stays responsive and pause takes effect at the next epoch boundary.
 *
 * @module
 */

import type {
  DataMessage,
  EpochMessage,
  FromWorker,
  ToWorker,
  TrainSettings,
  WeightsMessage,
} from './protocol.js';

/** What the client tells the page. */
export interface TrainListener {
  onData?(data: DataMessage): void;
  onEpoch?(epoch: EpochMessage): void;
  /** The answer to {@link TrainClient.requestWeights}. */
  onWeights?(weights: WeightsMessage): void;
  /** Playing, busy or the epoch target changed. */
  onStatus?(status: TrainStatus): void;
  onError?(message: string): void;
}

/** The client's state, for the buttons. */
export interface TrainStatus {
  playing: boolean;
  /** A message is out and its answer has not come back. */
  busy: boolean;
  /** Epochs trained in the current run. */
  epoch: number;
}

/** Drives the worker. */
export class TrainClient {
  private readonly worker: Worker;
  private readonly listeners: TrainListener[] = [];
  private run = 0;
  private epoch = 0;
  private playing = false;
  private busy = false;
  private target = 0;

  constructor(worker: Worker) {
    this.worker = worker;
    worker.onmessage = (event: MessageEvent<FromWorker>) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.busy = false;
      this.playing = false;
      this.emitStatus();
      for (const l of this.listeners) l.onError?.(event.message || 'the training worker failed to start');
    };
  }

  /** Adds a listener. */
  listen(listener: TrainListener): void {
    this.listeners.push(listener);
  }

  /** Status for the buttons. */
  status(): TrainStatus {
    return { playing: this.playing, busy: this.busy, epoch: this.epoch };
  }

  /** Rebuilds the data and both models; epoch 0 (the untrained models) follows. */
  reset(settings: TrainSettings): void {
    this.run += 1;
    this.epoch = 0;
    this.playing = false;
    this.send({ type: 'reset', run: this.run, settings });
  }

  /** Trains one more epoch (ignored while another message is out). */
  step(): void {
    if (this.busy) return;
    this.send({ type: 'step', run: this.run });
  }

  /** Trains epoch after epoch until `epochs` are done. */
  play(epochs: number): void {
    this.target = epochs;
    if (this.epoch >= epochs) return;
    this.playing = true;
    this.emitStatus();
    this.step();
  }

  /** Stops playing after the epoch in progress. */
  pause(): void {
    this.playing = false;
    this.emitStatus();
  }

  /** Asks for both models' current weights (answered through `onWeights`, without pausing training). */
  requestWeights(): void {
    this.worker.postMessage({ type: 'weights', run: this.run } satisfies ToWorker);
  }

  /** Changes where play stops. */
  setTarget(epochs: number): void {
    this.target = epochs;
    if (this.playing && this.epoch >= epochs) this.pause();
  }

  private send(msg: ToWorker): void {
    this.busy = true;
    this.worker.postMessage(msg);
    this.emitStatus();
  }

  private receive(msg: FromWorker): void {
    if (msg.run !== this.run) return;
    if (msg.type === 'data') {
      for (const l of this.listeners) l.onData?.(msg);
      return;
    }
    if (msg.type === 'weights') {
      for (const l of this.listeners) l.onWeights?.(msg);
      return;
    }
    this.busy = false;
    if (msg.type === 'error') {
      this.playing = false;
      this.emitStatus();
      for (const l of this.listeners) l.onError?.(msg.message);
      return;
    }
    this.epoch = msg.epoch;
    for (const l of this.listeners) l.onEpoch?.(msg);
    if (this.playing && this.epoch >= this.target) this.playing = false;
    this.emitStatus();
    if (this.playing) requestAnimationFrame(() => this.playing && this.step());
  }

  private emitStatus(): void {
    const st = this.status();
    for (const l of this.listeners) l.onStatus?.(st);
  }
}
