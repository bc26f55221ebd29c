import type { SparseMatrix } from './sparse-matrix.js';

/** Heaviest features kept per class mean: enough to tell classes apart, little memory. */
const CENTROID_FEATURES = 256;

/**
 * For each class, the `count` classes whose mean vectors are most alike (cosine), itself first.
 * The SVM of a class starts from the sentences of these classes: they are the ones it can confuse.
 */
export function classNeighbours(
  data: SparseMatrix,
  labels: Int32Array,
  shape: { classes: number; features: number },
  count: number,
): Int32Array[] {
  const { classes } = shape;
  const rowsOf = Array.from({ length: classes }, () => [] as number[]);
  labels.forEach((label, row) => rowsOf[label]?.push(row));
  const dense = new Float64Array(shape.features);
  const centroids = rowsOf.map((rows) => {
    const touched = new Set<number>();
    for (const row of rows) {
      for (let k = data.offsets[row]!; k < data.offsets[row + 1]!; k += 1) {
        dense[data.indices[k]!] = dense[data.indices[k]!]! + data.values[k]!;
        touched.add(data.indices[k]!);
      }
    }
    const top = [...touched].sort((a, b) => dense[b]! - dense[a]! || a - b).slice(0, CENTROID_FEATURES);
    const norm = Math.sqrt(top.reduce((sum, i) => sum + dense[i]! * dense[i]!, 0)) || 1;
    const centroid = new Map(top.map((i) => [i, dense[i]! / norm]));
    touched.forEach((i) => (dense[i] = 0));
    return centroid;
  });
  return centroids.map((centroid, c) => {
    const similarity = centroids.map((other, d) => {
      if (d === c) return Infinity;
      let dot = 0;
      other.forEach((value, i) => (dot += value * (centroid.get(i) ?? 0)));
      return dot;
    });
    const order = Array.from({ length: classes }, (_, d) => d).sort(
      (a, b) => similarity[b]! - similarity[a]! || a - b,
    );
    return Int32Array.from(order.slice(0, count));
  });
}
