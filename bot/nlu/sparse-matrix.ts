/** Feature indices (ascending) with their values: one sentence as the classifiers see it. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** Rows of sparse vectors packed in three arrays (CSR), so training loops touch no objects. */
export interface SparseMatrix {
  readonly rows: number;
  /** Row r holds entries offsets[r] .. offsets[r + 1] - 1. */
  readonly offsets: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** Packs `rows` vectors made one at a time by `row`, so that they never all exist as objects. */
export function buildSparseMatrix(rows: number, row: (i: number) => SparseVector): SparseMatrix {
  const offsets = new Int32Array(rows + 1);
  let indices = new Int32Array(rows * 64);
  let values = new Float32Array(rows * 64);
  for (let i = 0; i < rows; i += 1) {
    const vector = row(i);
    const start = offsets[i]!;
    const end = start + vector.indices.length;
    if (end > indices.length) {
      const grown = Math.max(end, indices.length * 2);
      indices = copyInto(new Int32Array(grown), indices);
      values = copyInto(new Float32Array(grown), values);
    }
    indices.set(vector.indices, start);
    values.set(vector.values, start);
    offsets[i + 1] = end;
  }
  return { rows, offsets, indices: indices.slice(0, offsets[rows]), values: values.slice(0, offsets[rows]) };
}

function copyInto<T extends Int32Array | Float32Array>(target: T, source: T): T {
  target.set(source);
  return target;
}

/** Row `i` of a matrix as a vector (views, not copies). */
export const rowOf = (matrix: SparseMatrix, i: number): SparseVector => ({
  indices: matrix.indices.subarray(matrix.offsets[i], matrix.offsets[i + 1]),
  values: matrix.values.subarray(matrix.offsets[i], matrix.offsets[i + 1]),
});
