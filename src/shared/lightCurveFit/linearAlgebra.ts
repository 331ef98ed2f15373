// Small dense symmetric systems (a handful of parameters): Cholesky solve and inverse.

/** Solves A x = b for symmetric positive-definite A (n × n, row-major); undefined when A is not. */
export function choleskySolve(a: Float64Array, b: Float64Array, n: number): Float64Array | undefined {
  const l = cholesky(a, n);
  if (!l) return undefined;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * y[k]!;
    y[i] = s / l[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}

function cholesky(a: Float64Array, n: number): Float64Array | undefined {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(s > 0) || !Number.isFinite(s)) return undefined;
        l[i * n + i] = Math.sqrt(s);
      } else {
        l[i * n + j] = s / l[j * n + j]!;
      }
    }
  }
  return l;
}

/** Inverse of a symmetric positive-definite matrix; undefined when it is singular. */
export function symmetricInverse(a: Float64Array, n: number): Float64Array | undefined {
  const inv = new Float64Array(n * n);
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(a, e, n);
    if (!col) return undefined;
    for (let i = 0; i < n; i++) inv[i * n + j] = col[i]!;
  }
  return inv;
}
