import { seededRandom, shuffleInPlace } from './random.js';

/**
 * Folds used to choose the ensemble weights and the out-of-scope threshold. Five on small corpora;
 * three above this many sentences, where each fold still trains on 10,000 and time matters more.
 */
const LARGE_CORPUS = 5000;

export const foldCount = (rows: number): number => (rows > LARGE_CORPUS ? 3 : 5);

/**
 * Assigns each row a fold in 0..k-1 so that every class is spread evenly over the folds
 * (stratified), after a seeded shuffle within each class.
 */
export function stratifiedFolds(labels: Int32Array, k: number, seed: number): Int32Array {
  const random = seededRandom(seed);
  const byClass = new Map<number, number[]>();
  labels.forEach((label, row) => {
    const rows = byClass.get(label) ?? [];
    rows.push(row);
    byClass.set(label, rows);
  });
  const folds = new Int32Array(labels.length);
  let next = 0;
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const rows = byClass.get(label)!;
    shuffleInPlace(rows, random);
    // Continue the round-robin across classes, so small classes do not all start in fold 0.
    for (const row of rows) folds[row] = next++ % k;
  }
  return folds;
}
