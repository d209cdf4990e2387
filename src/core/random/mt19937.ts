/**
 * The 32-bit Mersenne Twister (Matsumoto & Nishimura, 1998) exactly as numpy's legacy `RandomState` runs it:
 * `init_genrand` seeding, the 624-word twist, tempering, and numpy's 53-bit `random_sample` double.
 *
 * Ported from the description of numpy `numpy/random/src/mt19937/mt19937.{h,c}` in our make-blobs spec; the
 * stream is frozen by numpy's policy, so numpy 1.24 and 2.x give the same numbers.
 *
 * @module
 */

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** A snapshot of the generator: the 624 state words and the read position (624 = twist on next draw). */
export interface MT19937State {
  key: Uint32Array;
  pos: number;
}

/**
 * MT19937 with numpy's seeding and output functions.
 *
 * @example
 * const mt = new MT19937(0);
 * mt.next32(); // 2357136044, the first word of numpy's RandomState(0)
 * new MT19937(0).nextDouble(); // 0.5488135039273248 = RandomState(0).random_sample()
 */
export class MT19937 {
  /** The state words, always kept as uint32. */
  readonly key = new Uint32Array(N);
  /** Index of the next word to temper; {@link N} means the state must be twisted first. */
  pos = N;

  /** Seeds with `init_genrand(seed)`; `seed` must already be checked to be an integer in [0, 2^32). */
  constructor(seed: number) {
    const key = this.key;
    key[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = key[i - 1]!;
      // 1812433253 * x overflows float64's exact range, so multiply mod 2^32 with Math.imul.
      key[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0;
    }
    this.pos = N;
  }

  /** Regenerates all 624 words (numpy's `mt19937_gen`). */
  private twist(): void {
    const key = this.key;
    let y: number;
    for (let i = 0; i < N - 1; i++) {
      y = (key[i]! & UPPER_MASK) | (key[i + 1]! & LOWER_MASK);
      key[i] = key[(i + M) % N]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    y = (key[N - 1]! & UPPER_MASK) | (key[0]! & LOWER_MASK);
    key[N - 1] = key[M - 1]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.pos = 0;
  }

  /** The next tempered 32-bit word, as a number in [0, 2^32). */
  next32(): number {
    if (this.pos === N) this.twist();
    let y = this.key[this.pos++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /**
   * numpy's `random_sample`: `(a * 2^26 + b) / 2^53` with `a` the top 27 bits of one word and `b` the top 26
   * of the next, a double in [0, 1). Every step is exact in float64, so JS gives numpy's bits.
   */
  nextDouble(): number {
    const a = this.next32() >>> 5;
    const b = this.next32() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /** A deep copy of the state. */
  getState(): MT19937State {
    return { key: this.key.slice(), pos: this.pos };
  }

  /** Restores a state taken with {@link getState} (the words are copied). */
  setState(state: MT19937State): void {
    this.key.set(state.key);
    this.pos = state.pos;
  }
}
