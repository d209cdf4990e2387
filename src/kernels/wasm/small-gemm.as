// AssemblyScript source (compiled by scripts/build-wasm.ts). Direct (unpacked) GEMM for small products,
// where packing panels would cost more than it saves: the lab's layers are 32 rows by 2..25 columns.
//
// C (m x n, row stride ldc) += A · B, with A(i, q) at a + i·sai + q·saq (strides in bytes, so A may be stored
// either way round) and B stored row-major (row stride ldb bytes, rows contiguous). C is walked in 4 x 8
// register blocks, then 4 x 4, then a last partial vector of 1..3 columns whose extra lanes are computed but
// never stored; rows left over after the 4-row blocks go one at a time. Reading a vector past the end of
// a row of B stays inside the memory (every block is padded to 64 bytes) and the extra lanes are ignored.

// Four rows x two vectors (8 columns).
function block4x8(k: i32, a: usize, sai: usize, saq: usize, b: usize, ldb: usize, c: usize, ldc: usize): void {
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
  v128.store(c, f32x4.add(v128.load(c), c00));
  v128.store(c, f32x4.add(v128.load(c, 16), c01), 16);
  c += ldc;
  v128.store(c, f32x4.add(v128.load(c), c10));
  v128.store(c, f32x4.add(v128.load(c, 16), c11), 16);
  c += ldc;
  v128.store(c, f32x4.add(v128.load(c), c20));
  v128.store(c, f32x4.add(v128.load(c, 16), c21), 16);
  c += ldc;
  v128.store(c, f32x4.add(v128.load(c), c30));
  v128.store(c, f32x4.add(v128.load(c, 16), c31), 16);
}

// Adds the first `lanes` (1..4) lanes of v to the floats at c.
@inline
function addLanes(c: usize, v: v128, lanes: i32): void {
  if (lanes == 4) {
    v128.store(c, f32x4.add(v128.load(c), v));
    return;
  }
  store<f32>(c, load<f32>(c) + f32x4.extract_lane(v, 0));
  if (lanes > 1) store<f32>(c, load<f32>(c, 4) + f32x4.extract_lane(v, 1), 4);
  if (lanes > 2) store<f32>(c, load<f32>(c, 8) + f32x4.extract_lane(v, 2), 8);
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
  addLanes(c, c0, lanes);
  addLanes(c + ldc, c1, lanes);
  addLanes(c + 2 * ldc, c2, lanes);
  addLanes(c + 3 * ldc, c3, lanes);
}

// One row x one vector, of which `lanes` (1..4) columns are stored.
function block1x4(k: i32, a: usize, saq: usize, b: usize, ldb: usize, c: usize, lanes: i32): void {
  let c0 = f32x4.splat(0);
  for (let q = 0; q < k; q++) {
    c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(a), v128.load(b)));
    a += saq;
    b += ldb;
  }
  addLanes(c, c0, lanes);
}

/** C (m x n) += A·B for small products; see the header for the addressing (strides in bytes). */
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
): void {
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const ai = a + <usize>i * sai;
    const ci = c + <usize>i * ldc;
    let j = 0;
    for (; j + 8 <= n; j += 8) block4x8(k, ai, sai, saq, b + (<usize>j << 2), ldb, ci + (<usize>j << 2), ldc);
    for (; j < n; j += 4) {
      block4x4(k, ai, sai, saq, b + (<usize>j << 2), ldb, ci + (<usize>j << 2), ldc, min(4, n - j));
    }
  }
  for (; i < m; i++) {
    const ai = a + <usize>i * sai;
    const ci = c + <usize>i * ldc;
    for (let j = 0; j < n; j += 4) {
      block1x4(k, ai, saq, b + (<usize>j << 2), ldb, ci + (<usize>j << 2), min(4, n - j));
    }
  }
}

/** dst (cols x rows) = transpose of src (rows x cols, row stride ldSrc floats). */
export function transpose(rows: i32, cols: i32, src: usize, ldSrc: i32, dst: usize): void {
  for (let r = 0; r < rows; r++) {
    const s = src + <usize>r * ldSrc * 4;
    for (let q = 0; q < cols; q++) store<f32>(dst + (<usize>q * rows + r) * 4, load<f32>(s + (<usize>q << 2)));
  }
}
