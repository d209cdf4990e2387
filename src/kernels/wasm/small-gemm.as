// AssemblyScript source (compiled by scripts/build-wasm.ts). Direct (unpacked) GEMM for small products,
// where packing panels would cost more than it saves: the lab's layers are 32 rows by 2..25 columns.
//
// C (m x n, row stride ldc) += A · B, with A(i, q) at a + i·sai + q·saq (strides in bytes, so A may be stored
// either way round) and B stored row-major (row stride ldb bytes, rows contiguous). Every element of C gets
// the same float32 sum, Σ_q A(i, q)·B(q, j) accumulated from +0 in order of q and then added to C, whatever
// the register block; the blocks only decide how many accumulators are live at once:
// - at most 4 columns: 8 x 4 blocks (eight rows, one vector);
// - 9..16 columns, or wider rows whose last 16-column stretch holds 9..16 of them, when k ≥ 8: 2 x 16 and
//   2 x 12 blocks (two rows, up to four vectors);
// - otherwise 4 x 8 blocks, then 4 x 4;
// then rows left over one at a time. Each block keeps up to 8 independent accumulators, so its adds do not
// wait on each other (a 4 x 4 block's four chains leave the adder idle two cycles in three). A last partial
// vector's extra lanes are computed but never stored. Reading a vector past the end of a row of B stays
// inside the memory (every block is padded to 64 bytes) and the extra lanes are ignored.

// Four rows x two vectors (8 columns).
function block4x8(
  k: i32,
  a: usize,
  sai: usize,
  saq: usize,
  b: usize,
  ldb: usize,
  c: usize,
  ldc: usize,
  ci: usize,
  ldi: usize,
): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0);
  let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0);
  let c31 = f32x4.splat(0);
  for (let q = 0; q < k; q++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let x = v128.load32_splat(a);
    c00 = f32x4.add(c00, f32x4.mul(x, b0));
    c01 = f32x4.add(c01, f32x4.mul(x, b1));
    x = v128.load32_splat(a + sai);
    c10 = f32x4.add(c10, f32x4.mul(x, b0));
    c11 = f32x4.add(c11, f32x4.mul(x, b1));
    x = v128.load32_splat(a + 2 * sai);
    c20 = f32x4.add(c20, f32x4.mul(x, b0));
    c21 = f32x4.add(c21, f32x4.mul(x, b1));
    x = v128.load32_splat(a + 3 * sai);
    c30 = f32x4.add(c30, f32x4.mul(x, b0));
    c31 = f32x4.add(c31, f32x4.mul(x, b1));
    a += saq;
    b += ldb;
  }
  v128.store(c, f32x4.add(v128.load(ci), c00));
  v128.store(c, f32x4.add(v128.load(ci, 16), c01), 16);
  c += ldc;
  ci += ldi;
  v128.store(c, f32x4.add(v128.load(ci), c10));
  v128.store(c, f32x4.add(v128.load(ci, 16), c11), 16);
  c += ldc;
  ci += ldi;
  v128.store(c, f32x4.add(v128.load(ci), c20));
  v128.store(c, f32x4.add(v128.load(ci, 16), c21), 16);
  c += ldc;
  ci += ldi;
  v128.store(c, f32x4.add(v128.load(ci), c30));
  v128.store(c, f32x4.add(v128.load(ci, 16), c31), 16);
}

// Stores into the floats at c the first `lanes` (1..4) lanes of v added to the floats at ci.
@inline
function addLanes(c: usize, ci: usize, v: v128, lanes: i32): void {
  if (lanes == 4) {
    v128.store(c, f32x4.add(v128.load(ci), v));
    return;
  }
  store<f32>(c, load<f32>(ci) + f32x4.extract_lane(v, 0));
  if (lanes > 1) store<f32>(c, load<f32>(ci, 4) + f32x4.extract_lane(v, 1), 4);
  if (lanes > 2) store<f32>(c, load<f32>(ci, 8) + f32x4.extract_lane(v, 2), 8);
}

// Four rows x one vector, of which `lanes` (1..4) columns are stored.
function block4x4(
  k: i32,
  a: usize,
  sai: usize,
  saq: usize,
  b: usize,
  ldb: usize,
  c: usize,
  ldc: usize,
  ci: usize,
  ldi: usize,
  lanes: i32,
): void {
  let c0 = f32x4.splat(0);
  let c1 = f32x4.splat(0);
  let c2 = f32x4.splat(0);
  let c3 = f32x4.splat(0);
  for (let q = 0; q < k; q++) {
    const b0 = v128.load(b);
    c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(a), b0));
    c1 = f32x4.add(c1, f32x4.mul(v128.load32_splat(a + sai), b0));
    c2 = f32x4.add(c2, f32x4.mul(v128.load32_splat(a + 2 * sai), b0));
    c3 = f32x4.add(c3, f32x4.mul(v128.load32_splat(a + 3 * sai), b0));
    a += saq;
    b += ldb;
  }
  addLanes(c, ci, c0, lanes);
  addLanes(c + ldc, ci + ldi, c1, lanes);
  addLanes(c + 2 * ldc, ci + 2 * ldi, c2, lanes);
  addLanes(c + 3 * ldc, ci + 3 * ldi, c3, lanes);
}

// One row x one vector, of which `lanes` (1..4) columns are stored.
function block1x4(k: i32, a: usize, saq: usize, b: usize, ldb: usize, c: usize, ci: usize, lanes: i32): void {
  let c0 = f32x4.splat(0);
  for (let q = 0; q < k; q++) {
    c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(a), v128.load(b)));
    a += saq;
    b += ldb;
  }
  addLanes(c, ci, c0, lanes);
}

// Eight rows x one vector, of which `lanes` (1..4) columns are stored.
function block8x4(
  k: i32,
  a: usize,
  sai: usize,
  saq: usize,
  b: usize,
  ldb: usize,
  c: usize,
  ldc: usize,
  ci: usize,
  ldi: usize,
  lanes: i32,
): void {
  let c0 = f32x4.splat(0);
  let c1 = f32x4.splat(0);
  let c2 = f32x4.splat(0);
  let c3 = f32x4.splat(0);
  let c4 = f32x4.splat(0);
  let c5 = f32x4.splat(0);
  let c6 = f32x4.splat(0);
  let c7 = f32x4.splat(0);
  for (let q = 0; q < k; q++) {
    const b0 = v128.load(b);
    c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(a), b0));
    c1 = f32x4.add(c1, f32x4.mul(v128.load32_splat(a + sai), b0));
    c2 = f32x4.add(c2, f32x4.mul(v128.load32_splat(a + 2 * sai), b0));
    c3 = f32x4.add(c3, f32x4.mul(v128.load32_splat(a + 3 * sai), b0));
    c4 = f32x4.add(c4, f32x4.mul(v128.load32_splat(a + 4 * sai), b0));
    c5 = f32x4.add(c5, f32x4.mul(v128.load32_splat(a + 5 * sai), b0));
    c6 = f32x4.add(c6, f32x4.mul(v128.load32_splat(a + 6 * sai), b0));
    c7 = f32x4.add(c7, f32x4.mul(v128.load32_splat(a + 7 * sai), b0));
    a += saq;
    b += ldb;
  }
  addLanes(c, ci, c0, lanes);
  addLanes(c + ldc, ci + ldi, c1, lanes);
  addLanes(c + 2 * ldc, ci + 2 * ldi, c2, lanes);
  addLanes(c + 3 * ldc, ci + 3 * ldi, c3, lanes);
  c += 4 * ldc;
  ci += 4 * ldi;
  addLanes(c, ci, c4, lanes);
  addLanes(c + ldc, ci + ldi, c5, lanes);
  addLanes(c + 2 * ldc, ci + 2 * ldi, c6, lanes);
  addLanes(c + 3 * ldc, ci + 3 * ldi, c7, lanes);
}

// Two rows x four vectors (16 columns), of which `lanes` (1..4) of the last vector are stored.
function block2x16(
  k: i32,
  a: usize,
  sai: usize,
  saq: usize,
  b: usize,
  ldb: usize,
  c: usize,
  ldc: usize,
  ci: usize,
  ldi: usize,
  lanes: i32,
): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c02 = f32x4.splat(0);
  let c03 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c12 = f32x4.splat(0);
  let c13 = f32x4.splat(0);
  for (let q = 0; q < k; q++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    const b2 = v128.load(b, 32);
    const b3 = v128.load(b, 48);
    let x = v128.load32_splat(a);
    c00 = f32x4.add(c00, f32x4.mul(x, b0));
    c01 = f32x4.add(c01, f32x4.mul(x, b1));
    c02 = f32x4.add(c02, f32x4.mul(x, b2));
    c03 = f32x4.add(c03, f32x4.mul(x, b3));
    x = v128.load32_splat(a + sai);
    c10 = f32x4.add(c10, f32x4.mul(x, b0));
    c11 = f32x4.add(c11, f32x4.mul(x, b1));
    c12 = f32x4.add(c12, f32x4.mul(x, b2));
    c13 = f32x4.add(c13, f32x4.mul(x, b3));
    a += saq;
    b += ldb;
  }
  v128.store(c, f32x4.add(v128.load(ci), c00));
  v128.store(c, f32x4.add(v128.load(ci, 16), c01), 16);
  v128.store(c, f32x4.add(v128.load(ci, 32), c02), 32);
  addLanes(c + 48, ci + 48, c03, lanes);
  c += ldc;
  ci += ldi;
  v128.store(c, f32x4.add(v128.load(ci), c10));
  v128.store(c, f32x4.add(v128.load(ci, 16), c11), 16);
  v128.store(c, f32x4.add(v128.load(ci, 32), c12), 32);
  addLanes(c + 48, ci + 48, c13, lanes);
}

// Two rows x three vectors (12 columns), of which `lanes` (1..4) of the last vector are stored.
function block2x12(
  k: i32,
  a: usize,
  sai: usize,
  saq: usize,
  b: usize,
  ldb: usize,
  c: usize,
  ldc: usize,
  ci: usize,
  ldi: usize,
  lanes: i32,
): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c02 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c12 = f32x4.splat(0);
  for (let q = 0; q < k; q++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    const b2 = v128.load(b, 32);
    let x = v128.load32_splat(a);
    c00 = f32x4.add(c00, f32x4.mul(x, b0));
    c01 = f32x4.add(c01, f32x4.mul(x, b1));
    c02 = f32x4.add(c02, f32x4.mul(x, b2));
    x = v128.load32_splat(a + sai);
    c10 = f32x4.add(c10, f32x4.mul(x, b0));
    c11 = f32x4.add(c11, f32x4.mul(x, b1));
    c12 = f32x4.add(c12, f32x4.mul(x, b2));
    a += saq;
    b += ldb;
  }
  v128.store(c, f32x4.add(v128.load(ci), c00));
  v128.store(c, f32x4.add(v128.load(ci, 16), c01), 16);
  addLanes(c + 32, ci + 32, c02, lanes);
  c += ldc;
  ci += ldi;
  v128.store(c, f32x4.add(v128.load(ci), c10));
  v128.store(c, f32x4.add(v128.load(ci, 16), c11), 16);
  addLanes(c + 32, ci + 32, c12, lanes);
}

/**
 * C (m x n) = C0 + A·B for small products, with C0(i, j) at c0 + i·ldc0 + 4j (strides in bytes; see the
 * header for A and B): c0 = c, ldc0 = ldc accumulates into C; ldc0 = 0 starts every row from the same
 * values (a bias, or a row of zeros), so no pass has to fill C first.
 */
export function smallGemm(
  m: i32,
  n: i32,
  k: i32,
  a: usize,
  sai: usize,
  saq: usize,
  b: usize,
  ldb: usize,
  c: usize,
  ldc: usize,
  c0: usize,
  ldc0: usize,
): void {
  let i = 0;
  if (n <= 4) {
    for (; i + 8 <= m; i += 8) {
      block8x4(k, a + <usize>i * sai, sai, saq, b, ldb, c + <usize>i * ldc, ldc, c0 + <usize>i * ldc0, ldc0, n);
    }
  } else if (k >= 8 && ((n >= 9 && n <= 16) || (n > 16 && n % 16 > 8))) {
    for (; i + 2 <= m; i += 2) {
      const ai = a + <usize>i * sai;
      const ci = c + <usize>i * ldc;
      const c0i = c0 + <usize>i * ldc0;
      let j = 0;
      for (; n - j > 16; j += 16) {
        const jb = <usize>j << 2;
        block2x16(k, ai, sai, saq, b + jb, ldb, ci + jb, ldc, c0i + jb, ldc0, 4);
      }
      // The last 9..16 columns.
      const rest = n - j;
      const jb = <usize>j << 2;
      if (rest > 12) block2x16(k, ai, sai, saq, b + jb, ldb, ci + jb, ldc, c0i + jb, ldc0, rest - 12);
      else block2x12(k, ai, sai, saq, b + jb, ldb, ci + jb, ldc, c0i + jb, ldc0, rest - 8);
    }
  }
  for (; i + 4 <= m; i += 4) {
    const ai = a + <usize>i * sai;
    const ci = c + <usize>i * ldc;
    const c0i = c0 + <usize>i * ldc0;
    let j = 0;
    for (; j + 8 <= n; j += 8) {
      const jb = <usize>j << 2;
      block4x8(k, ai, sai, saq, b + jb, ldb, ci + jb, ldc, c0i + jb, ldc0);
    }
    for (; j < n; j += 4) {
      const jb = <usize>j << 2;
      block4x4(k, ai, sai, saq, b + jb, ldb, ci + jb, ldc, c0i + jb, ldc0, min(4, n - j));
    }
  }
  for (; i < m; i++) {
    const ai = a + <usize>i * sai;
    const ci = c + <usize>i * ldc;
    const c0i = c0 + <usize>i * ldc0;
    for (let j = 0; j < n; j += 4) {
      const jb = <usize>j << 2;
      block1x4(k, ai, saq, b + jb, ldb, ci + jb, c0i + jb, min(4, n - j));
    }
  }
}

/** dst (cols x rows) = transpose of src (rows x cols, row stride ldSrc floats), 4 x 4 blocks in registers. */
export function transpose(rows: i32, cols: i32, src: usize, ldSrc: i32, dst: usize): void {
  const srcRow = <usize>ldSrc << 2;
  const dstRow = <usize>rows << 2;
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const s = src + <usize>r * srcRow;
    const d = dst + (<usize>r << 2);
    let q = 0;
    for (; q + 4 <= cols; q += 4) {
      const o = <usize>q << 2;
      const x0 = v128.load(s + o);
      const x1 = v128.load(s + srcRow + o);
      const x2 = v128.load(s + 2 * srcRow + o);
      const x3 = v128.load(s + 3 * srcRow + o);
      const t0 = v128.shuffle<f32>(x0, x1, 0, 4, 1, 5);
      const t1 = v128.shuffle<f32>(x2, x3, 0, 4, 1, 5);
      const t2 = v128.shuffle<f32>(x0, x1, 2, 6, 3, 7);
      const t3 = v128.shuffle<f32>(x2, x3, 2, 6, 3, 7);
      const dq = d + <usize>q * dstRow;
      v128.store(dq, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
      v128.store(dq + dstRow, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
      v128.store(dq + 2 * dstRow, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5));
      v128.store(dq + 3 * dstRow, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7));
    }
    for (; q < cols; q++) {
      for (let i = 0; i < 4; i++) {
        store<f32>(d + <usize>q * dstRow + (<usize>i << 2), load<f32>(s + <usize>i * srcRow + (<usize>q << 2)));
      }
    }
  }
  for (; r < rows; r++) {
    const s = src + <usize>r * srcRow;
    for (let q = 0; q < cols; q++) store<f32>(dst + (<usize>q * rows + r) * 4, load<f32>(s + (<usize>q << 2)));
  }
}
