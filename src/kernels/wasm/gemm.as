// AssemblyScript source (compiled by scripts/build-wasm.ts; the `.as` extension keeps it away from tsc).
//
// C (m x n, row stride ldc) += op(A) · op(B), float32, with 128-bit SIMD (f32x4), after Goto/BLIS:
//   for each NC-wide column block of B, each KC-deep slice of k:
//     pack that B slice into NR-wide column panels (zero-padded);
//     for each MC-tall row block of A: pack it into MR-tall row panels (zero-padded), then run the MR x NR
//     micro-kernel over every (row panel, column panel) pair.
// The micro-kernel keeps the whole MR x NR tile of C in registers (MR·NR/4 = 8 vectors of the 16 that x64
// has) and walks k, so each step reads one A column (MR broadcasts) and one B row (2 vectors) from the
// packed panels, which sit in L1/L2. Partial tiles at the edges are computed into a scratch tile and added.
//
// Addressing (all pointers are byte offsets into the shared memory):
//   transA = 0: A(i, p) = a[i·lda + p]   (A stored m x k)     transA = 1: A(i, p) = a[p·lda + i]  (k x m)
//   transB = 0: B(p, j) = b[p·ldb + j]   (B stored k x n)     transB = 1: B(p, j) = b[j·ldb + p]  (n x k)
// There is no FMA: relaxed-SIMD is not on by default in Node 20, and mul + add rounds like the JS kernels.

import { smallGemm, transpose } from './small-gemm';

export const MR: i32 = 4;
export const NR: i32 = 8;
export const KC: i32 = 256;
export const MC: i32 = 128;
export const NC: i32 = 1024;

/** Products whose B has at most this many values (and a short A) skip packing: see small-gemm. */
const SMALL_B: i32 = 4096;
const SMALL_M: i32 = 256;

// The scratch: packed B (KC x NC), packed A (MC x KC), one MR x NR tile, then a block the caller zeroes
// once and nothing writes (see zerosIn).
const PACKED_BYTES: usize = (KC * NC + MC * KC + MR * NR) * 4;
const ZERO_BYTES: usize = SMALL_B * 4 + 64;

/**
 * Bytes of scratch one thread needs: packed B (KC x NC), packed A (MC x KC), one MR x NR tile, and a block
 * of zeros that the caller clears once after allocating it (the last {@link zeroBytes} bytes).
 */
export function gemmWorkBytes(): i32 {
  return <i32>(PACKED_BYTES + ZERO_BYTES);
}

/** Bytes at the end of the scratch that must be zero (cleared once by whoever allocates the scratch). */
export function zeroBytes(): i32 {
  return <i32>ZERO_BYTES;
}

/**
 * Zeros inside a thread's scratch, for {@link smallProduct}'s starting values: C = 0 + A·B without a pass
 * that zeroes C (a row of B has at most SMALL_B values; a vector may be read past the last one).
 */
@inline
export function zerosIn(work: usize): usize {
  return work + PACKED_BYTES;
}

// A block (rows i0.., columns p0.., mc x kc) into MR-row panels: panel r holds, for each p, MR values.
function packA(transA: i32, mc: i32, kc: i32, a: usize, lda: i32, i0: i32, p0: i32, dst: usize): void {
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = min(MR, mc - ir);
    if (transA != 0) {
      // A(i, p) at a[p·lda + i]: the MR values of a column are contiguous.
      let src = a + (<usize>p0 * lda + i0 + ir) * 4;
      const step = <usize>lda * 4;
      if (rows == MR) {
        for (let p = 0; p < kc; p++) {
          v128.store(dst, v128.load(src));
          dst += 16;
          src += step;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          for (let r = 0; r < MR; r++) store<f32>(dst + r * 4, r < rows ? load<f32>(src + r * 4) : 0);
          dst += 16;
          src += step;
        }
      }
    } else {
      // A(i, p) at a[i·lda + p]: transpose 4 x 4 blocks of 4 rows into p-major order.
      const row = <usize>lda * 4;
      const s0 = a + (<usize>(i0 + ir) * lda + p0) * 4;
      if (rows == MR) {
        let p = 0;
        for (; p + 4 <= kc; p += 4) {
          const off = <usize>p * 4;
          const r0 = v128.load(s0 + off);
          const r1 = v128.load(s0 + row + off);
          const r2 = v128.load(s0 + 2 * row + off);
          const r3 = v128.load(s0 + 3 * row + off);
          const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
          const t1 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
          const t2 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
          const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
          v128.store(dst, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
          v128.store(dst, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7), 16);
          v128.store(dst, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5), 32);
          v128.store(dst, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7), 48);
          dst += 64;
        }
        for (; p < kc; p++) {
          const off = <usize>p * 4;
          store<f32>(dst, load<f32>(s0 + off));
          store<f32>(dst + 4, load<f32>(s0 + row + off));
          store<f32>(dst + 8, load<f32>(s0 + 2 * row + off));
          store<f32>(dst + 12, load<f32>(s0 + 3 * row + off));
          dst += 16;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          const off = <usize>p * 4;
          for (let r = 0; r < MR; r++) {
            store<f32>(dst + r * 4, r < rows ? load<f32>(s0 + <usize>r * row + off) : 0);
          }
          dst += 16;
        }
      }
    }
  }
}

// B slice (rows p0.., columns j0.., kc x nc) into NR-column panels: panel j holds, for each p, NR values.
function packB(transB: i32, kc: i32, nc: i32, b: usize, ldb: i32, p0: i32, j0: i32, dst: usize): void {
  for (let jr = 0; jr < nc; jr += NR) {
    const cols = min(NR, nc - jr);
    if (transB == 0) {
      // B(p, j) at b[p·ldb + j]: each panel row is a contiguous run of NR values.
      let src = b + (<usize>p0 * ldb + j0 + jr) * 4;
      const step = <usize>ldb * 4;
      if (cols == NR) {
        for (let p = 0; p < kc; p++) {
          v128.store(dst, v128.load(src));
          v128.store(dst, v128.load(src, 16), 16);
          dst += 32;
          src += step;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          for (let c = 0; c < NR; c++) store<f32>(dst + c * 4, c < cols ? load<f32>(src + c * 4) : 0);
          dst += 32;
          src += step;
        }
      }
    } else {
      // B(p, j) at b[j·ldb + p]: gather column j of the panel from row j of the stored n x k block,
      // 4 x 4 transposes for two groups of 4 columns.
      const row = <usize>ldb * 4;
      const s0 = b + (<usize>(j0 + jr) * ldb + p0) * 4;
      if (cols == NR) {
        let p = 0;
        for (; p + 4 <= kc; p += 4) {
          const off = <usize>p * 4;
          for (let g = 0; g < 2; g++) {
            const sg = s0 + <usize>(g * 4) * row + off;
            const r0 = v128.load(sg);
            const r1 = v128.load(sg + row);
            const r2 = v128.load(sg + 2 * row);
            const r3 = v128.load(sg + 3 * row);
            const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
            const t1 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
            const t2 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
            const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
            const d = dst + <usize>g * 16;
            v128.store(d, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
            v128.store(d, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7), 32);
            v128.store(d, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5), 64);
            v128.store(d, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7), 96);
          }
          dst += 128;
        }
        for (; p < kc; p++) {
          const off = <usize>p * 4;
          for (let c = 0; c < NR; c++) store<f32>(dst + c * 4, load<f32>(s0 + <usize>c * row + off));
          dst += 32;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          const off = <usize>p * 4;
          for (let c = 0; c < NR; c++) {
            store<f32>(dst + c * 4, c < cols ? load<f32>(s0 + <usize>c * row + off) : 0);
          }
          dst += 32;
        }
      }
    }
  }
}

// The MR x NR (4 x 8) micro-kernel: C tile (row stride ldcBytes) += Apanel (kc x 4) · Bpanel (kc x 8).
function micro(kc: i32, pa: usize, pb: usize, c: usize, ldcBytes: usize): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0);
  let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0);
  let c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = v128.load32_splat(pa);
    c00 = f32x4.add(c00, f32x4.mul(a, b0));
    c01 = f32x4.add(c01, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 4);
    c10 = f32x4.add(c10, f32x4.mul(a, b0));
    c11 = f32x4.add(c11, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 8);
    c20 = f32x4.add(c20, f32x4.mul(a, b0));
    c21 = f32x4.add(c21, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 12);
    c30 = f32x4.add(c30, f32x4.mul(a, b0));
    c31 = f32x4.add(c31, f32x4.mul(a, b1));
    pa += 16;
    pb += 32;
  }
  v128.store(c, f32x4.add(v128.load(c), c00));
  v128.store(c, f32x4.add(v128.load(c, 16), c01), 16);
  c += ldcBytes;
  v128.store(c, f32x4.add(v128.load(c), c10));
  v128.store(c, f32x4.add(v128.load(c, 16), c11), 16);
  c += ldcBytes;
  v128.store(c, f32x4.add(v128.load(c), c20));
  v128.store(c, f32x4.add(v128.load(c, 16), c21), 16);
  c += ldcBytes;
  v128.store(c, f32x4.add(v128.load(c), c30));
  v128.store(c, f32x4.add(v128.load(c, 16), c31), 16);
}

/**
 * C (m x n, row stride ldc) += op(A) · op(B); see the header for the addressing. `work` points to
 * gemmWorkBytes() bytes of scratch owned by the calling thread.
 */
export function sgemm(
  transA: i32,
  transB: i32,
  m: i32,
  n: i32,
  k: i32,
  a: usize,
  lda: i32,
  b: usize,
  ldb: i32,
  c: usize,
  ldc: i32,
  work: usize,
): void {
  if (isSmallProduct(m, n, k)) {
    smallProduct(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, work, c, <usize>ldc * 4);
    return;
  }
  blocked(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, work, 0);
}

/** True for the products that skip packing (see small-gemm): B of at most SMALL_B values, a short A. */
export function isSmallProduct(m: i32, n: i32, k: i32): bool {
  return n * k <= SMALL_B && m <= SMALL_M;
}

/**
 * C = C0 + op(A)·op(B) for a small product, C0(i, j) at c0 + i·ldc0Bytes + 4j (see smallGemm): A is read
 * in place through strides; B must have contiguous rows, so a transposed B is first copied (it has at most
 * SMALL_B values) into the scratch.
 */
export function smallProduct(
  transA: i32,
  transB: i32,
  m: i32,
  n: i32,
  k: i32,
  a: usize,
  lda: i32,
  b: usize,
  ldb: i32,
  c: usize,
  ldc: i32,
  work: usize,
  c0: usize,
  ldc0Bytes: usize,
): void {
  const sai: usize = transA != 0 ? 4 : <usize>lda * 4;
  const saq: usize = transA != 0 ? <usize>lda * 4 : 4;
  if (transB != 0) {
    transpose(n, k, b, ldb, work);
    smallGemm(m, n, k, a, sai, saq, work, <usize>n * 4, c, <usize>ldc * 4, c0, ldc0Bytes);
  } else {
    smallGemm(m, n, k, a, sai, saq, b, <usize>ldb * 4, c, <usize>ldc * 4, c0, ldc0Bytes);
  }
}

/** Rows of A once packed: m rounded up to whole MR-row panels. */
function paddedRows(m: i32): i32 {
  return ((m + MR - 1) / MR) * MR;
}

/** Bytes that {@link packAll} writes for an m x k A. */
export function packedABytes(m: i32, k: i32): i32 {
  return paddedRows(m) * k * 4;
}

/**
 * Packs all of A once (every KC slice, every MC block, in the layout the blocked loop reads), so that the
 * threads working on column strips of one product share it instead of each packing its own copy.
 * The block (pc, ic) sits at float offset paddedRows(m)·pc + ic·kc.
 */
export function packAll(transA: i32, m: i32, k: i32, a: usize, lda: i32, dst: usize): void {
  const rows = <usize>paddedRows(m);
  for (let pc = 0; pc < k; pc += KC) {
    const kc = min(KC, k - pc);
    for (let ic = 0; ic < m; ic += MC) {
      packA(transA, min(MC, m - ic), kc, a, lda, ic, pc, dst + (rows * pc + <usize>ic * kc) * 4);
    }
  }
}

/** C (m x n) += A·op(B) with A already packed by {@link packAll}: one column strip of a threaded product. */
export function sgemmPackedA(
  transB: i32,
  m: i32,
  n: i32,
  k: i32,
  packed: usize,
  b: usize,
  ldb: i32,
  c: usize,
  ldc: i32,
  work: usize,
): void {
  blocked(0, transB, m, n, k, 0, 0, b, ldb, c, ldc, work, packed);
}

// The Goto/BLIS loops. With `prepacked` ≠ 0, A blocks are read from it instead of being packed here.
function blocked(
  transA: i32,
  transB: i32,
  m: i32,
  n: i32,
  k: i32,
  a: usize,
  lda: i32,
  b: usize,
  ldb: i32,
  c: usize,
  ldc: i32,
  work: usize,
  prepacked: usize,
): void {
  const packedB = work;
  const scratchA = work + <usize>(KC * NC) * 4;
  const tile = scratchA + <usize>(MC * KC) * 4;
  const ldcBytes = <usize>ldc * 4;
  const rows = <usize>paddedRows(m);
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      packB(transB, kc, nc, b, ldb, pc, jc, packedB);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        let packedA = scratchA;
        if (prepacked != 0) packedA = prepacked + (rows * pc + <usize>ic * kc) * 4;
        else packA(transA, mc, kc, a, lda, ic, pc, packedA);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = min(NR, nc - jr);
          const pb = packedB + <usize>jr * kc * 4;
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = min(MR, mc - ir);
            const pa = packedA + <usize>ir * kc * 4;
            const cp = c + (<usize>(ic + ir) * ldc + jc + jr) * 4;
            if (mr == MR && nr == NR) {
              micro(kc, pa, pb, cp, ldcBytes);
            } else {
              memory.fill(tile, 0, MR * NR * 4);
              micro(kc, pa, pb, tile, NR * 4);
              for (let r = 0; r < mr; r++) {
                const cr = cp + <usize>r * ldcBytes;
                const tr = tile + <usize>r * NR * 4;
                for (let q = 0; q < nr; q++) {
                  const at = cr + <usize>q * 4;
                  store<f32>(at, load<f32>(at) + load<f32>(tr + <usize>q * 4));
                }
              }
            }
          }
        }
      }
    }
  }
}
