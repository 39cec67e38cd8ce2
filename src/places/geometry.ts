// Least-squares fits for verification: a homography on the DLT equations, an affine map, 3×3 products. Pure.

/** Solves A x = b (n×n, Gaussian elimination with partial pivoting); null if singular. */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array | null {
  for (let col = 0; col < n; col++) {
    let piv = col,
      max = Math.abs(a[col * n + col]!);
    for (let r = col + 1; r < n; r++) {
      const v = Math.abs(a[r * n + col]!);
      if (v > max) {
        max = v;
        piv = r;
      }
    }
    if (max < 1e-10) return null;
    if (piv !== col) {
      for (let k = 0; k < n; k++) {
        const t = a[col * n + k]!;
        a[col * n + k] = a[piv * n + k]!;
        a[piv * n + k] = t;
      }
      const t = b[col]!;
      b[col] = b[piv]!;
      b[piv] = t;
    }
    for (let r = col + 1; r < n; r++) {
      const f = a[r * n + col]! / a[col * n + col]!;
      if (f === 0) continue;
      for (let k = col; k < n; k++) a[r * n + k]! -= f * a[col * n + k]!;
      b[r]! -= f * b[col]!;
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let k = r + 1; k < n; k++) s -= a[r * n + k]! * x[k]!;
    x[r] = s / a[r * n + r]!;
  }
  return x;
}

/** Homography (h33 = 1) through point pairs by least squares on the DLT equations (4 pairs: exact). */
export function fitHomography(src: ArrayLike<number>, dst: ArrayLike<number>, idx: ArrayLike<number>): number[] | null {
  const ata = new Float64Array(64),
    atb = new Float64Array(8);
  const row = new Float64Array(8);
  const add = (r: Float64Array, v: number) => {
    for (let i = 0; i < 8; i++) {
      atb[i]! += r[i]! * v;
      for (let j = 0; j < 8; j++) ata[i * 8 + j]! += r[i]! * r[j]!;
    }
  };
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    const x = src[2 * i]!,
      y = src[2 * i + 1]!,
      u = dst[2 * i]!,
      v = dst[2 * i + 1]!;
    row.set([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    add(row, u);
    row.set([0, 0, 0, x, y, 1, -v * x, -v * y]);
    add(row, v);
  }
  const h = solve(ata, atb, 8);
  return h ? [...h, 1] : null;
}

/** Least-squares affine (6 parameters) through point pairs; null if degenerate. Returned as a homography. */
export function fitAffine(src: Float64Array, dst: Float64Array, idx: ArrayLike<number>): number[] | null {
  if (idx.length < 3) return null;
  const ata = new Float64Array(9),
    bx = new Float64Array(3),
    by = new Float64Array(3);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!,
      r = [src[2 * i]!, src[2 * i + 1]!, 1];
    for (let a = 0; a < 3; a++) {
      bx[a]! += r[a]! * dst[2 * i]!;
      by[a]! += r[a]! * dst[2 * i + 1]!;
      for (let b = 0; b < 3; b++) ata[a * 3 + b]! += r[a]! * r[b]!;
    }
  }
  const px = solve(Float64Array.from(ata), bx, 3),
    py = solve(Float64Array.from(ata), by, 3);
  return px && py ? [px[0]!, px[1]!, px[2]!, py[0]!, py[1]!, py[2]!, 0, 0, 1] : null;
}

export function mul3(a: number[], b: number[]): number[] {
  const o = new Array<number>(9).fill(0);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) o[i * 3 + j]! += a[i * 3 + k]! * b[k * 3 + j]!;
  return o;
}
