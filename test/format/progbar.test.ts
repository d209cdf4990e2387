import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/core/errors.js';
import { epochHeader, formatEta, formatStepTime, Progbar } from '../../src/format/progbar.js';

/** A fake terminal or log: records every write; the clock is set by hand. */
function harness(isTTY: boolean) {
  const writes: string[] = [];
  const clock = { t: 0 };
  const sink = { isTTY, write: (s: string) => writes.push(s) };
  return { writes, clock, sink, now: () => clock.t };
}

// Lines from the spec (keras-semantics.md §6.1, Keras 2 `Progbar`, lab model, verbose=1).
const START = ' 1/63 [..............................] - ETA: 24s - loss: 1.3877';
const MIDDLE = '32/63 [==============>...............] - ETA: 0s - loss: 1.0401';
const FINAL = '63/63 [==============================] - 0s 1ms/step - loss: 0.8726';

describe('Progbar on a terminal (verbose 1)', () => {
  it('draws the start, middle and final lines of the lab epoch exactly', () => {
    const h = harness(true);
    const bar = new Progbar(63, { sink: h.sink, now: h.now });
    // step 1 took 0.4 s → ETA 0.4·62 = 24.8 s, printed with %d: python3 -c 'print("%ds" % (0.4*62))' → 24s
    h.clock.t = 0.4;
    bar.update(1, [['loss', 1.3877]]);
    // steps 2..32 take 2 ms each (first step left out) → ETA 0.062 s → 0s; 0.062 s > 0.05 s, so drawn
    h.clock.t = 0.4 + 31 * 0.002;
    bar.update(32, [['loss', 1.0401]]);
    // steps 2..63 at 1.2 ms: python3 -c 't=0.4+62*0.0012; print(f"{t:.0f}", f"{(t-0.4)/62*1000.0:.0f}")' → 0 1
    h.clock.t = 0.4 + 62 * 0.0012;
    bar.update(63, [['loss', 0.8726]]);

    expect(h.writes).toEqual([
      `\r${START}`,
      `${'\b'.repeat(START.length)}\r${MIDDLE}${' '.repeat(START.length - MIDDLE.length)}`,
      `${'\b'.repeat(MIDDLE.length)}\r${FINAL}\n`,
    ]);
  });

  it('skips redraws less than 0.05 s apart but never the final one', () => {
    const h = harness(true);
    const bar = new Progbar(10, { sink: h.sink, now: h.now });
    h.clock.t = 0.01;
    bar.update(1, [['loss', 2]]);
    h.clock.t = 0.04; // 0.03 s after the last redraw: skipped
    bar.update(2, [['loss', 1.5]]);
    h.clock.t = 0.07; // 0.06 s after the last redraw: drawn, showing the newest value
    bar.update(3, [['loss', 1.25]]);
    h.clock.t = 0.08; // final: drawn even though only 0.01 s passed
    bar.update(10, [['loss', 1]]);
    expect(h.writes).toHaveLength(3);
    expect(h.writes[1]).toContain(' 3/10 [========>.....................] - ETA: 0s - loss: 1.2500');
    expect(h.writes[2]).toMatch(/10\/10 \[=+\] - 0s \d+ms\/step - loss: 1\.0000\n$/);
  });

  it('draws the bar full with "=" at the target even before finalizing', () => {
    const h = harness(true);
    const bar = new Progbar(4, { sink: h.sink, now: h.now });
    h.clock.t = 1;
    bar.update(4, [], false);
    expect(h.writes[0]).toBe('\r4/4 [==============================] - ETA: 0s');
  });

  it('prints tiny metrics in e-notation and several metrics in order', () => {
    const h = harness(true);
    const bar = new Progbar(1, { sink: h.sink, now: h.now });
    bar.update(1, [
      ['loss', 0.000123456],
      ['val_loss', 0.1111],
    ]);
    expect(h.writes[0]).toBe(
      '\r1/1 [==============================] - 0s 0s/step - loss: 1.2346e-04 - val_loss: 0.1111\n',
    );
  });
});

describe('Progbar on a log or pipe (verbose 1)', () => {
  it('writes only the final line of each epoch, with no control characters', () => {
    const h = harness(false);
    const bar = new Progbar(63, { sink: h.sink, now: h.now });
    h.clock.t = 0.4;
    bar.update(1, [['loss', 1.3877]]);
    h.clock.t = 0.431;
    bar.update(32, [['loss', 1.0401]]);
    h.clock.t = 0.4 + 62 * 0.0012;
    bar.update(63, [['loss', 0.8726]]);
    expect(h.writes).toEqual([`${FINAL}\n`]);
  });
});

describe('Progbar verbose 2', () => {
  it('writes one line per epoch with epoch and step times', () => {
    const h = harness(true);
    const bar = new Progbar(63, { verbose: 2, sink: h.sink, now: h.now });
    for (let step = 1; step < 63; step++) {
      h.clock.t = step * 0.002;
      bar.update(step, [['loss', 0.9]]);
    }
    // python3 -c 'print(f"{0.145:.0f}", f"{0.145*1000.0:.0f}", f"{0.145/63*1000.0:.0f}")' → 0 145 2
    h.clock.t = 0.145;
    bar.update(63, [['loss', 0.8726]]);
    expect(h.writes).toEqual(['63/63 - 0s - loss: 0.8726 - 145ms/epoch - 2ms/step\n']);
  });

  it('compares the metric with 1e-3 without abs(), as Keras 2 does here', () => {
    const h = harness(false);
    const bar = new Progbar(2, { verbose: 2, sink: h.sink, now: h.now });
    bar.update(2, [['loss', -0.5]]);
    expect(h.writes[0]).toBe('2/2 - 0s - loss: -5.0000e-01 - 0s/epoch - 0s/step\n');
  });
});

describe('Progbar verbose 0 and bad targets', () => {
  it('writes nothing when silent', () => {
    const h = harness(true);
    const bar = new Progbar(3, { verbose: 0, sink: h.sink, now: h.now });
    bar.update(3, [['loss', 1]]);
    expect(h.writes).toEqual([]);
  });

  it('refuses a target that is not a positive integer', () => {
    expect(() => new Progbar(0)).toThrow(DataError);
    expect(() => new Progbar(2.5)).toThrow(/Progbar target: expected a positive integer, got 2\.5/);
  });
});

describe('formatStepTime and formatEta', () => {
  it('rounds like Python %.0f and picks s, ms or us', () => {
    // python3 -c 'print(f"{2.5:.0f}", f"{0.0025*1000.0:.0f}", f"{0.0005*1e6:.0f}")' → 2 2 500
    expect(formatStepTime(2.5, 'step')).toBe(' 2s/step');
    expect(formatStepTime(0.0025, 'step')).toBe(' 2ms/step');
    expect(formatStepTime(0.0005, 'step')).toBe(' 500us/step');
    expect(formatStepTime(0, 'epoch')).toBe(' 0s/epoch');
  });

  it('truncates seconds and switches to m:ss and h:mm:ss', () => {
    // python3 -c 'print("%d" % 24.8, "%d:%02d" % (125.7//60, 125.7%60), "%d:%02d:%02d" % (3725.9//3600, (3725.9%3600)//60, 3725.9%60))'
    // → 24 2:05 1:02:05
    expect(formatEta(24.8)).toBe('24s');
    expect(formatEta(60)).toBe('60s');
    expect(formatEta(125.7)).toBe('2:05');
    expect(formatEta(3725.9)).toBe('1:02:05');
  });
});

describe('epochHeader', () => {
  it('numbers epochs from 1 and prints nothing for a single epoch', () => {
    expect(epochHeader(0, 10)).toBe('Epoch 1/10');
    expect(epochHeader(9, 10)).toBe('Epoch 10/10');
    expect(epochHeader(0, 1)).toBeUndefined();
  });
});
