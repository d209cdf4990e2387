/**
 * The page state in the URL query: `?z=1,2,3,4&t=1&…`. Parsing never throws: a value that is not understood is
 * ignored (the default is kept) and one out of range is clamped, each with a notice the page shows, because a
 * shared link may be old, hand-edited or truncated (TF Playground trusted its URL and users found that edits
 * bypass the UI's limits, tensorflow/playground issue #63).
 *
 * Keys: z, c, t, naive, target, n, std, seed, centers, pts, hidden, act, opt, lr, batch, epochs, mseed.
 *
 * @module
 */

import { quoted } from '../../core/printable.js';
import { parseAddedPoints, serializeAddedPoints } from './added-points.js';
import {
  ACTIVATIONS,
  clampTo,
  defaultState,
  type LabState,
  LIMITS,
  OPTIMIZERS,
  type Range,
} from './lab-state.js';

/** The parsed state and what was wrong with the URL (empty when everything was understood). */
export interface ParsedState {
  state: LabState;
  notices: string[];
}

/** At most this many notices are listed; the rest are counted, so a junk URL cannot flood the page. */
const MAX_NOTICES = 8;

const KEYS = [
  'z',
  'c',
  't',
  'naive',
  'target',
  'n',
  'std',
  'seed',
  'centers',
  'pts',
  'hidden',
  'act',
  'opt',
  'lr',
  'batch',
  'epochs',
  'mseed',
] as const;
type Key = (typeof KEYS)[number];

// Plain decimal or exponent notation only: Number() would also accept '', ' ', '0x1f' and 'Infinity'.
// `\d+(\.\d*)?`, not `\d+\.?\d*`: the latter tries every split of a digit run before failing, which
// is quadratic (a shared link with 200,000 digits and an 'x' froze the page for minutes).
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

function shown(raw: string): string {
  return quoted(raw, 40);
}

/** Collects notices while the fields are read. */
class Reader {
  readonly notices: string[] = [];
  private readonly params: URLSearchParams;

  constructor(text: string) {
    this.params = new URLSearchParams(text.replace(/^[#?]/, ''));
    for (const key of new Set(this.params.keys())) {
      if (!(KEYS as readonly string[]).includes(key)) this.notice(`unknown setting ${shown(key)} ignored`);
    }
  }

  notice(text: string): void {
    this.notices.push(text);
  }

  raw(key: Key): string | undefined {
    const v = this.params.get(key);
    return v === null ? undefined : v.trim();
  }

  /** A number in `range`: missing → fallback; not a number → fallback + notice; outside → clamped + notice. */
  number(key: Key, range: Range, fallback: number): number {
    const raw = this.raw(key);
    if (raw === undefined) return fallback;
    if (!NUMBER.test(raw)) {
      this.notice(`${key}=${shown(raw)} is not a number; kept ${fallback}`);
      return fallback;
    }
    return this.clamped(key, Number(raw), range);
  }

  clamped(key: string, v: number, range: Range): number {
    const c = clampTo(v, range);
    if (c !== v) {
      const why =
        range.integer && Number.isFinite(v) && v >= range.min && v <= range.max ? 'rounded' : 'clamped';
      this.notice(
        `${key}=${v} is outside ${range.min}…${range.max}${range.integer ? ' (whole numbers)' : ''}; ${why} to ${c}`,
      );
    }
    return c;
  }

  /** A comma list of numbers with a length in `count`; anything unreadable keeps the fallback. */
  list(key: Key, count: Range, item: Range, fallback: number[]): number[] {
    const raw = this.raw(key);
    if (raw === undefined) return fallback;
    const parts = raw === '' ? [] : raw.split(',').map((p) => p.trim());
    if (parts.some((p) => !NUMBER.test(p))) {
      this.notice(
        `${key}=${shown(raw)} is not a comma-separated list of numbers; kept ${fallback.join(',')}`,
      );
      return fallback;
    }
    if (parts.length < count.min) {
      this.notice(
        `${key} needs at least ${count.min} values, got ${parts.length}; kept ${fallback.join(',')}`,
      );
      return fallback;
    }
    if (parts.length > count.max) {
      this.notice(`${key} has ${parts.length} values; only the first ${count.max} are used`);
    }
    return parts.slice(0, count.max).map((p, i) => this.clamped(`${key}[${i}]`, Number(p), item));
  }

  /** One of `choices`; anything else keeps the fallback. */
  choice<T extends string>(key: Key, choices: readonly T[], fallback: T): T {
    const raw = this.raw(key);
    if (raw === undefined) return fallback;
    const v = raw.toLowerCase();
    if ((choices as readonly string[]).includes(v)) return v as T;
    this.notice(`${key}=${shown(raw)} is not one of ${choices.join(', ')}; kept ${fallback}`);
    return fallback;
  }

  flag(key: Key, fallback: boolean): boolean {
    const raw = this.raw(key);
    if (raw === undefined) return fallback;
    if (raw === '1' || raw === 'true') return true;
    if (raw === '0' || raw === 'false') return false;
    this.notice(`${key}=${shown(raw)} is not 0 or 1; kept ${fallback ? 1 : 0}`);
    return fallback;
  }

  /** Centres as `x0,x1;x0,x1;…`. */
  centers(fallback: [number, number][]): [number, number][] {
    const raw = this.raw('centers');
    if (raw === undefined) return fallback;
    const rows = raw.split(';').map((r) => r.split(',').map((p) => p.trim()));
    if (rows.some((r) => r.length !== 2 || !r.every((p) => NUMBER.test(p)))) {
      this.notice(
        `centers=${shown(raw)} is not a list of x0,x1 pairs separated by ";"; kept the lab's centres`,
      );
      return fallback;
    }
    if (rows.length < LIMITS.centers.min) {
      this.notice(`centers needs at least ${LIMITS.centers.min} centres; kept the lab's centres`);
      return fallback;
    }
    if (rows.length > LIMITS.centers.max) {
      this.notice(`centers has ${rows.length} centres; only the first ${LIMITS.centers.max} are used`);
    }
    return rows
      .slice(0, LIMITS.centers.max)
      .map((r, i) => [
        this.clamped(`centers[${i}].x0`, Number(r[0]), LIMITS.coordinate),
        this.clamped(`centers[${i}].x1`, Number(r[1]), LIMITS.coordinate),
      ]);
  }

  /** The learner's points (`pts`, see added-points.ts), for a page with `classes` classes. */
  addedPoints(classes: number): LabState['addedPoints'] {
    const raw = this.raw('pts');
    if (raw === undefined) return [];
    const { points, notices } = parseAddedPoints(raw, classes);
    for (const n of notices) this.notice(n);
    return points;
  }

  summary(): string[] {
    if (this.notices.length <= MAX_NOTICES) return this.notices;
    const more = this.notices.length - MAX_NOTICES;
    return [...this.notices.slice(0, MAX_NOTICES), `… and ${more} more problem${more === 1 ? '' : 's'}`];
  }
}

/**
 * Reads the state from a URL hash or query (`#k=v&…`, `?k=v&…` or `k=v&…`). Never throws: missing keys
 * keep the lab's defaults, unreadable values are ignored and out-of-range ones clamped, each with a notice.
 *
 * @example
 * parseState('#z=1,2,3,100&t=50').state.temperature; // 10 (clamped), with a notice
 */
export function parseState(text: string): ParsedState {
  const d = defaultState();
  const r = new Reader(typeof text === 'string' ? text : '');
  const z = r.list('z', LIMITS.classes, LIMITS.logit, d.z);
  const centers = r.centers(d.centers);
  const state: LabState = {
    z,
    shift: r.number('c', LIMITS.shift, d.shift),
    temperature: r.number('t', LIMITS.temperature, d.temperature),
    naive: r.flag('naive', d.naive),
    target: r.number(
      'target',
      { min: 0, max: z.length - 1, integer: true },
      Math.min(d.target, z.length - 1),
    ),
    samples: r.number('n', LIMITS.samples, d.samples),
    std: r.number('std', LIMITS.std, d.std),
    dataSeed: r.number('seed', LIMITS.seed, d.dataSeed),
    centers,
    addedPoints: r.addedPoints(centers.length),
    hidden: r.list('hidden', LIMITS.hiddenLayers, LIMITS.units, d.hidden),
    activation: r.choice('act', ACTIVATIONS, d.activation),
    optimizer: r.choice('opt', OPTIMIZERS, d.optimizer),
    learningRate: r.number('lr', LIMITS.learningRate, d.learningRate),
    batchSize: r.number('batch', LIMITS.batchSize, d.batchSize),
    epochs: r.number('epochs', LIMITS.epochs, d.epochs),
    modelSeed: r.number('mseed', LIMITS.seed, d.modelSeed),
  };
  return { state, notices: r.summary() };
}

/**
 * Writes every field (not only the changed ones, so a shared link keeps its meaning if the defaults change),
 * except `pts` when there are no added points: "none" is what a link without the key means, and links of
 * pages without added points stay as they were.
 * Numbers use JavaScript's shortest round-trip form, so `parseState(serializeState(s)).state` equals `s`.
 *
 * @example
 * serializeState(defaultState()); // 'z=1,2,3,4&c=0&t=1&naive=0&target=3&n=2000&…&mseed=1234'
 */
export function serializeState(s: LabState): string {
  const pairs: [Key, string][] = [
    ['z', s.z.join(',')],
    ['c', String(s.shift)],
    ['t', String(s.temperature)],
    ['naive', s.naive ? '1' : '0'],
    ['target', String(s.target)],
    ['n', String(s.samples)],
    ['std', String(s.std)],
    ['seed', String(s.dataSeed)],
    ['centers', s.centers.map((c) => c.join(',')).join(';')],
    ...(s.addedPoints.length > 0 ? [['pts', serializeAddedPoints(s.addedPoints)] as [Key, string]] : []),
    ['hidden', s.hidden.join(',')],
    ['act', s.activation],
    ['opt', s.optimizer],
    ['lr', String(s.learningRate)],
    ['batch', String(s.batchSize)],
    ['epochs', String(s.epochs)],
    ['mseed', String(s.modelSeed)],
  ];
  // Only '+' needs escaping among the characters numbers produce: a query decodes it as a space.
  return pairs.map(([k, v]) => `${k}=${v.replaceAll('+', '%2B')}`).join('&');
}
