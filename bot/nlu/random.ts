/** A seeded source of uniform numbers in [0, 1): training twice on the same data gives the same model. */
export type Random = () => number;

/** mulberry32: tiny, fast and good enough for shuffles, dropout masks and initial weights. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates over the first `length` entries. */
export function shuffleInPlace(order: Int32Array | number[], random: Random, length = order.length): void {
  for (let i = length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const swapped = order[i]!;
    order[i] = order[j]!;
    order[j] = swapped;
  }
}
