import { feedsNetwork } from './features.js';
import { createMlp } from './mlp.js';
import type { MlpModel } from './mlp.js';
import type { SparseVector } from './sparse-matrix.js';
import { seenAtLeast } from './tfidf-vectorizer.js';
import type { VectorizerJson } from './tfidf-vectorizer.js';

/**
 * Networks trained from different seeds: their mean is steadier and more accurate than any one of
 * them. The final model averages four; the folds, which only estimate out-of-fold scores for the
 * ensemble weights and the threshold, two, to halve their cost.
 */
export const NETWORKS = { final: 4, fold: 2 } as const;

/**
 * Maps vocabulary positions to network inputs: -1 for features the networks do not read, else the
 * input's position among those they do. They read the features of features.ts seen in two training
 * sentences or more: a feature seen once teaches a network nothing it can reuse, and would cost a
 * row of its first layer.
 */
export function networkInputs(vectorizer: VectorizerJson): {
  readonly map: Int32Array;
  readonly size: number;
} {
  let size = 0;
  const map = Int32Array.from(vectorizer.vocabulary, (name, i) =>
    feedsNetwork(name) && seenAtLeast(vectorizer, i, 2) ? size++ : -1,
  );
  return { map, size };
}

/** The entries of `x` the networks read, renumbered as network inputs. */
export function toNetworkInput(x: SparseVector, map: Int32Array): SparseVector {
  let count = 0;
  for (const i of x.indices) if (map[i]! >= 0) count += 1;
  const indices = new Int32Array(count);
  const values = new Float32Array(count);
  let k = 0;
  x.indices.forEach((i, j) => {
    if (map[i]! < 0) return;
    indices[k] = map[i]!;
    values[k++] = x.values[j]!;
  });
  return { indices, values };
}

/** The mean logits of the networks, over the inputs `map` gives (see {@link networkInputs}). */
export function createNetworkEnsemble(
  models: readonly MlpModel[],
  map: Int32Array,
): (x: SparseVector) => Float64Array {
  const networks = models.map(createMlp);
  return (x) => {
    const input = toNetworkInput(x, map);
    const mean = new Float64Array(models[0]?.classes ?? 0);
    for (const network of networks) {
      const logits = network(input);
      for (let c = 0; c < mean.length; c += 1) mean[c] = mean[c]! + logits[c]! / networks.length;
    }
    return mean;
  };
}
