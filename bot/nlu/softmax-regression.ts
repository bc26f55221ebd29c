import { isRecord } from './json-guards.js';
import type { SparseVector } from './tfidf-vectorizer.js';

export interface SoftmaxRegressionOptions {
  readonly epochs: number;
  readonly learningRate: number;
  /** L2 penalty: keeps probabilities soft enough for a confidence threshold to mean something. */
  readonly l2: number;
  readonly seed: number;
}

export interface SoftmaxRegressionJson {
  readonly classes: number;
  readonly features: number;
  /** Float32 weights, class-major (class * features + feature), base64: compact and exact to reload. */
  readonly weights: string;
  readonly bias: string;
}

/** mulberry32: a tiny seeded PRNG, so training twice gives the same model. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function softmaxInPlace(logits: Float64Array): Float64Array {
  const max = Math.max(...logits);
  let sum = 0;
  for (let c = 0; c < logits.length; c += 1) {
    const e = Math.exp((logits[c] ?? 0) - max);
    logits[c] = e;
    sum += e;
  }
  for (let c = 0; c < logits.length; c += 1) logits[c] = (logits[c] ?? 0) / sum;
  return logits;
}

/** `scale` multiplies the weights (not the bias): see the L2 note on trainSoftmaxRegression. */
function logits(weights: Float64Array, bias: Float64Array, x: SparseVector, scale = 1): Float64Array {
  const features = weights.length / bias.length;
  const { indices, values } = x;
  const out = new Float64Array(bias.length);
  for (let c = 0; c < bias.length; c += 1) {
    const row = c * features;
    let sum = 0;
    for (let k = 0; k < indices.length; k += 1)
      sum += (weights[row + (indices[k] ?? 0)] ?? 0) * (values[k] ?? 0);
    out[c] = (bias[c] ?? 0) + scale * sum;
  }
  return out;
}

function shuffleInPlace(order: Int32Array, random: () => number): void {
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const swapped = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = swapped;
  }
}

const toBase64 = (values: Float64Array): string =>
  Buffer.from(Float32Array.from(values).buffer).toString('base64');

/**
 * Multinomial logistic regression by SGD over seeded shuffles, with L2 applied through a shared
 * scale factor (weights = scale * stored) so each step only touches the sentence's own features.
 * Classes are not reweighted: the large out-of-scope set acting as a prior towards "no intent" is
 * wanted (cross-validation preferred it to balanced class weights).
 */
export function trainSoftmaxRegression(
  inputs: readonly SparseVector[],
  labels: readonly number[],
  shape: { classes: number; features: number },
  options: SoftmaxRegressionOptions,
): SoftmaxRegressionJson {
  const { classes, features } = shape;
  const weights = new Float64Array(classes * features);
  const bias = new Float64Array(classes);
  const random = seededRandom(options.seed);
  const order = Int32Array.from(inputs, (_, i) => i);
  let scale = 1;
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    shuffleInPlace(order, random);
    for (const n of order) {
      const x = inputs[n];
      const label = labels[n];
      if (x === undefined || label === undefined) continue;
      step += 1;
      const rate = options.learningRate / (1 + options.learningRate * options.l2 * step);
      const p = softmaxInPlace(logits(weights, bias, x, scale));
      scale *= 1 - rate * options.l2;
      const { indices, values } = x;
      for (let c = 0; c < classes; c += 1) {
        const gradient = ((p[c] ?? 0) - (c === label ? 1 : 0)) * rate;
        // Tiny gradients would fill the weights with denormal floats, which are very slow to add.
        if (Math.abs(gradient) < 1e-9) continue;
        const row = c * features;
        const change = gradient / scale;
        for (let k = 0; k < indices.length; k += 1) {
          const f = row + (indices[k] ?? 0);
          weights[f] = (weights[f] ?? 0) - change * (values[k] ?? 0);
        }
        bias[c] = (bias[c] ?? 0) - gradient;
      }
      if (scale < 1e-6) {
        for (let f = 0; f < weights.length; f += 1) weights[f] = (weights[f] ?? 0) * scale;
        scale = 1;
      }
    }
  }
  for (let f = 0; f < weights.length; f += 1) weights[f] = (weights[f] ?? 0) * scale;
  return { classes, features, weights: toBase64(weights), bias: toBase64(bias) };
}

/** A trained model, ready to score. */
export interface SoftmaxRegression {
  /** Probability per class, summing to 1. */
  probabilities(x: SparseVector): Float64Array;
}

/** Float32 on disk, Float64 in memory: the same values whether just trained or read from the cache. */
function fromBase64(text: string, length: number, what: string): Float64Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== length * 4) throw new Error(`softmax regression: ${what} has the wrong size`);
  return Float64Array.from(
    new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)),
  );
}

export function createSoftmaxRegression(json: SoftmaxRegressionJson): SoftmaxRegression {
  const weights = fromBase64(json.weights, json.classes * json.features, 'weights');
  const bias = fromBase64(json.bias, json.classes, 'bias');
  return { probabilities: (x) => softmaxInPlace(logits(weights, bias, x)) };
}

/** Validates a model read from the cache, down to the size of its weights. */
export function parseSoftmaxRegressionJson(raw: unknown): SoftmaxRegressionJson {
  if (
    !isRecord(raw) ||
    typeof raw.classes !== 'number' ||
    typeof raw.features !== 'number' ||
    typeof raw.weights !== 'string' ||
    typeof raw.bias !== 'string' ||
    Buffer.byteLength(raw.weights, 'base64') !== raw.classes * raw.features * 4 ||
    Buffer.byteLength(raw.bias, 'base64') !== raw.classes * 4
  ) {
    throw new Error('softmax regression: expected { classes, features, weights, bias } of matching sizes');
  }
  return { classes: raw.classes, features: raw.features, weights: raw.weights, bias: raw.bias };
}
