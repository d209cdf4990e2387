/**
 * `RandomState`: numpy's legacy random generator (`numpy.random.RandomState`), reproduced bit for bit for an
 * integer seed: the same MT19937 stream, the same doubles, the same polar normals (glibc's `log` included) and
 * the same bounded integers and shuffles. It is what scikit-learn's `make_blobs(random_state=seed)` draws from.
 *
 * numpy freezes this stream by policy, so numpy 1.x and 2.x give the same numbers.
 *
 * @module
 */

import { DataError, describeValue, ShapeError } from '../errors.js';
import { checkArraySize, maxArrayValues } from '../limits.js';
import { Matrix } from '../matrix.js';
import { glibcLog } from './glibc-log.js';
import { MT19937 } from './mt19937.js';

/** An output shape: a length for a 1-D result, or `[rows, cols]` for a 2-D one. */
export type Size = number | readonly [number, number];

/** The result type for a given {@link Size}: a number without size, a vector for a length, a matrix for a pair. */
export type Sampled<S extends Size | undefined> = S extends undefined
  ? number
  : S extends number
    ? Float64Array
    : Matrix<Float64Array>;

/** The complete generator state, as numpy's `get_state()`: MT words and position, plus the cached normal. */
export interface RandomStateSnapshot {
  /** The 624 MT19937 state words. */
  key: Uint32Array;
  /** Read position in `key`, 0..624 (624: the next draw twists first). */
  pos: number;
  /** Whether a second polar normal is cached. */
  hasGauss: boolean;
  /** The cached normal (0 when none). */
  gauss: number;
}

const MAX_SEED = 4294967295;
const TWO_POW_32 = 4294967296;

/** A mutable sequence `shuffle` can permute in place. */
export type Shuffleable =
  | unknown[]
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | Matrix;

/**
 * numpy's legacy `RandomState`, MT19937-based.
 *
 * @example
 * const rs = new RandomState(0);
 * rs.randomSample(); // 0.5488135039273248, as np.random.RandomState(0).random_sample()
 * new RandomState(0).randint(0, 10, 5); // Float64Array [5, 0, 3, 3, 7]
 */
export class RandomState {
  private readonly mt: MT19937;
  private hasGauss = false;
  private cachedGauss = 0;

  /**
   * Seeds like `np.random.RandomState(seed)` (Matsumoto–Nishimura `init_genrand`). Without a seed, a random
   * 32-bit seed comes from `crypto.getRandomValues` (numpy seeds differently then; only seeded streams match).
   *
   * @throws {DataError} `seed` is not an integer in [0, 2^32 - 1]
   */
  constructor(seed?: number) {
    if (seed === undefined) {
      seed = globalThis.crypto.getRandomValues(new Uint32Array(1))[0]!;
    } else if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
      throw new DataError({
        subject: 'RandomState seed',
        expected: 'an integer from 0 to 2^32 - 1 (4294967295)',
        got: describeValue(seed),
      });
    }
    this.mt = new MT19937(seed);
  }

  /** A new generator in the state given by {@link getState} (checked). */
  static fromState(state: RandomStateSnapshot): RandomState {
    const rs = new RandomState(0);
    rs.setState(state);
    return rs;
  }

  /** The full state (copied): restoring it with {@link setState} replays the same draws. */
  getState(): RandomStateSnapshot {
    const { key, pos } = this.mt.getState();
    return { key, pos, hasGauss: this.hasGauss, gauss: this.cachedGauss };
  }

  /**
   * Restores a state from {@link getState}.
   *
   * @throws {ShapeError} `key` is not 624 words
   * @throws {DataError} `pos` is not an integer in [0, 624]
   */
  setState(state: RandomStateSnapshot): void {
    if (typeof state !== 'object' || state === null) {
      throw new DataError({
        subject: 'RandomState state',
        expected: 'an object { key, pos, hasGauss, gauss } from getState()',
        got: describeValue(state),
      });
    }
    if (!(state.key instanceof Uint32Array) || state.key.length !== 624) {
      throw new ShapeError({
        subject: 'RandomState state.key',
        expected: 'a Uint32Array of 624 words',
        got: describeValue(state.key),
      });
    }
    if (!Number.isInteger(state.pos) || state.pos < 0 || state.pos > 624) {
      throw new DataError({
        subject: 'RandomState state.pos',
        expected: 'an integer from 0 to 624',
        got: describeValue(state.pos),
      });
    }
    this.mt.setState({ key: state.key, pos: state.pos });
    this.hasGauss = Boolean(state.hasGauss);
    this.cachedGauss = this.hasGauss ? Number(state.gauss) : 0;
  }

  /** An independent generator that continues exactly where this one is now. */
  clone(): RandomState {
    return RandomState.fromState(this.getState());
  }

  /** The next raw 32-bit output of the MT19937 stream, in [0, 2^32). */
  nextUint32(): number {
    return this.mt.next32();
  }

  /**
   * Uniform doubles in [0, 1) (numpy `random_sample`): `(a·2^26 + b) / 2^53` from two 32-bit words.
   * Filled row-major for a 2-D size.
   */
  randomSample<S extends Size | undefined = undefined>(size?: S): Sampled<S> {
    return this.fill(size, () => this.mt.nextDouble());
  }

  /**
   * Uniform doubles in [low, high) (numpy `uniform`): `low + (high - low)·u`, with `high - low` computed once
   * and no fused multiply-add, as numpy does. `high < low` is allowed (then values lie in (high, low]).
   *
   * @throws {DataError} `high - low` is not finite (numpy: OverflowError "Range exceeds valid bounds")
   */
  uniform<S extends Size | undefined = undefined>(low = 0, high = 1, size?: S): Sampled<S> {
    const range = high - low;
    if (typeof low !== 'number' || typeof high !== 'number' || !Number.isFinite(range)) {
      throw new DataError({
        subject: 'uniform(low, high)',
        expected: 'numbers whose difference high - low is finite',
        got: `low=${describeValue(low)}, high=${describeValue(high)}`,
      });
    }
    return this.fill(size, () => low + range * this.mt.nextDouble());
  }

  /** Standard normal values (numpy `standard_normal`): the legacy polar method with its one-value cache. */
  standardNormal<S extends Size | undefined = undefined>(size?: S): Sampled<S> {
    return this.fill(size, () => this.gauss());
  }

  /**
   * Normal values `loc + scale·g` with `g` from {@link standardNormal} (numpy `normal`): a plain multiply then
   * add. The cached second value of each polar pair carries over between calls.
   *
   * @throws {DataError} `scale` < 0; like numpy, -0 counts as negative and NaN is let through
   */
  normal<S extends Size | undefined = undefined>(loc = 0, scale = 1, size?: S): Sampled<S> {
    if (typeof loc !== 'number' || typeof scale !== 'number' || scale < 0 || Object.is(scale, -0)) {
      throw new DataError({
        subject: 'normal(loc, scale)',
        expected: 'a number loc and a scale >= 0',
        got: `loc=${describeValue(loc)}, scale=${Object.is(scale, -0) ? '-0' : describeValue(scale)}`,
      });
    }
    return this.fill(size, () => loc + scale * this.gauss());
  }

  /**
   * Integers in [low, high) (numpy legacy `randint`, default int64 dtype); `randint(n)` means [0, n).
   *
   * Verified against numpy's `_bounded_integers.pyx.in` (`_rand_int64`) and `distributions.c`
   * (`random_bounded_uint64_fill`): legacy `RandomState` always takes the masked-rejection path on
   * `rng = high - 1 - low`. When `rng` fits in 32 bits, each attempt is one unbuffered 32-bit word
   * (`buffered_bounded_masked_uint32` ignores its buffer) masked to the smallest `2^b - 1 >= rng`, retried while
   * it exceeds `rng`; wider ranges use 64-bit words, high word first. `rng = 0` draws nothing.
   *
   * @throws {DataError} bounds that are not safe integers, `low >= high`, or a range wider than 2^53
   */
  randint<S extends Size | undefined = undefined>(low: number, high?: number, size?: S): Sampled<S> {
    let lo = low;
    let hi = high;
    if (hi === undefined) {
      hi = lo;
      lo = 0;
    }
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi)) {
      throw new DataError({
        subject: 'randint(low, high)',
        expected: 'safe integers (|n| < 2^53)',
        got: `low=${describeValue(lo)}, high=${describeValue(hi)}`,
      });
    }
    if (lo >= hi) {
      throw new DataError({
        subject: 'randint(low, high)',
        expected: 'low < high',
        got: `low=${lo}, high=${hi}`,
      });
    }
    const rng = hi - 1 - lo;
    if (!Number.isSafeInteger(rng)) {
      throw new DataError({
        subject: 'randint(low, high)',
        expected: 'high - low <= 2^53',
        got: `high - low = ${hi - lo}`,
      });
    }
    const offset = lo;
    return this.fill(size, () => offset + this.boundedMasked(rng));
  }

  /**
   * A shuffled copy of `0..n-1` (an `Int32Array`), or of an array / matrix (rows are permuted). Same draws as
   * numpy's `permutation`: `arange` then {@link shuffle}.
   *
   * @throws {DataError} `n` is not a non-negative integer, or above 2^28 (1 GiB of int32; refused before allocating)
   */
  permutation(n: number): Int32Array;
  permutation<T extends Shuffleable>(items: T): T;
  permutation(x: number | Shuffleable): Shuffleable {
    if (typeof x === 'number') {
      if (!Number.isSafeInteger(x) || x < 0) {
        throw new DataError({
          subject: 'permutation(n)',
          expected: `an integer from 0 to ${maxArrayValues('int32')}`,
          got: describeValue(x),
        });
      }
      checkArraySize(x, 'int32', 'permutation(n)');
      const out = new Int32Array(x);
      for (let i = 0; i < x; i++) out[i] = i;
      this.shuffle(out);
      return out;
    }
    const copy = x instanceof Matrix ? x.clone() : x.slice();
    this.shuffle(copy);
    return copy;
  }

  /**
   * Shuffles in place (numpy `shuffle`): Fisher–Yates from the top, `for i = n-1 .. 1: j = interval(i);
   * swap(x[i], x[j])`, one bounded draw per step even when j = i. A {@link Matrix} has its rows shuffled.
   */
  shuffle(x: Shuffleable): void {
    if (x instanceof Matrix) {
      const { data, cols } = x;
      const buffer = data.slice(0, cols);
      for (let i = x.rows - 1; i > 0; i--) {
        const j = this.boundedMasked(i);
        if (j === i) continue;
        buffer.set(data.subarray(j * cols, (j + 1) * cols));
        data.copyWithin(j * cols, i * cols, (i + 1) * cols);
        data.set(buffer, i * cols);
      }
      return;
    }
    if (!Array.isArray(x) && !ArrayBuffer.isView(x)) {
      throw new ShapeError({
        subject: 'shuffle(x)',
        expected: 'an array, a typed array or a Matrix',
        got: describeValue(x),
      });
    }
    const items = x as { [index: number]: unknown; length: number };
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.boundedMasked(i);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
  }

  /**
   * A uniform integer in [0, max] by masked rejection: numpy's `random_interval`, and the draw of legacy
   * `randint`. 32-bit words while `max < 2^32`, else 64-bit words (high word first); nothing drawn for 0.
   */
  private boundedMasked(max: number): number {
    if (max === 0) return 0;
    if (max <= 0xffffffff) {
      let mask = max;
      mask |= mask >>> 1;
      mask |= mask >>> 2;
      mask |= mask >>> 4;
      mask |= mask >>> 8;
      mask |= mask >>> 16;
      mask >>>= 0;
      let value: number;
      do value = (this.mt.next32() & mask) >>> 0;
      while (value > max);
      return value;
    }
    // max < 2^53 here, so the high word of the mask is below 2^21 and the value stays an exact double.
    let maskHigh = Math.floor(max / TWO_POW_32);
    maskHigh |= maskHigh >>> 1;
    maskHigh |= maskHigh >>> 2;
    maskHigh |= maskHigh >>> 4;
    maskHigh |= maskHigh >>> 8;
    maskHigh |= maskHigh >>> 16;
    let value: number;
    do {
      const high = this.mt.next32() & maskHigh;
      value = high * TWO_POW_32 + this.mt.next32();
    } while (value > max);
    return value;
  }

  /**
   * numpy's `legacy_gauss`: Marsaglia's polar method. Each accepted pair gives two normals; the `x2` one is
   * returned and the `x1` one cached for the next call.
   */
  private gauss(): number {
    if (this.hasGauss) {
      const cached = this.cachedGauss;
      this.hasGauss = false;
      this.cachedGauss = 0;
      return cached;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2.0 * this.mt.nextDouble() - 1.0;
      x2 = 2.0 * this.mt.nextDouble() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 === 0.0);
    // glibcLog, not Math.log: numpy calls the C library's log, and V8's differs in the last bit for ~4% of r2.
    const f = Math.sqrt((-2.0 * glibcLog(r2)) / r2);
    this.cachedGauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  private fill<S extends Size | undefined>(size: S | undefined, draw: () => number): Sampled<S> {
    if (size === undefined) return draw() as Sampled<S>;
    const [rows, cols] = checkSize(size);
    const data = new Float64Array(rows * cols);
    for (let k = 0; k < data.length; k++) data[k] = draw();
    return (typeof size === 'number' ? data : new Matrix(rows, cols, data)) as Sampled<S>;
  }
}

function checkSize(size: Size): [number, number] {
  const shaped = typeof size === 'number' || (Array.isArray(size) && size.length === 2);
  const [rows, cols] = !shaped ? [Number.NaN, Number.NaN] : typeof size === 'number' ? [size, 1] : size;
  if (!Number.isSafeInteger(rows) || !Number.isSafeInteger(cols) || rows < 0 || cols < 0) {
    throw new ShapeError({
      subject: 'size',
      expected: 'a length or [rows, cols] of non-negative integers',
      got: Array.isArray(size) ? `[${size.map((v) => describeValue(v)).join(', ')}]` : describeValue(size),
    });
  }
  checkArraySize(
    rows * cols,
    'float64',
    'size',
    typeof size === 'number' ? String(rows) : `${rows} x ${cols}`,
  );
  return [rows, cols];
}
