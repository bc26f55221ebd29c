/** The type of `{ ...B, ...F }`, union members of B kept apart. */
export type Spread<B, F> = B extends unknown ? Omit<B, keyof F> & F : never;

type Part = object | undefined;

/** `Spread` over each part in turn: the type of `{ ...B, ...P[0], ...P[1], … }`. */
type SpreadAll<B, P extends readonly unknown[]> = P extends readonly [infer F, ...infer R]
  ? SpreadAll<Spread<B, F>, R>
  : B;
const hasProtoKey = (value: Part): boolean => value !== undefined && Object.hasOwn(value, '__proto__');

/**
 * `{ ...base, ...a, ...b }`: the same object, built so that it shares its hidden class with every
 * other object made here.
 *
 * @remarks
 * On Node 20 (V8 11), an object literal that starts with a spread and goes on (`{ ...base, k: v }`)
 * gets a hidden class (map) of its own for every object it makes: the spread's copy is not linked
 * into the transition tree, so each property added after it builds a new map, in the old
 * generation. Besides the cost of building maps, those maps keep what they point at alive through
 * scavenges, so short-lived turn data was promoted to the old generation. `Object.assign` onto `{}`
 * adds the same properties along shared transitions. Measured in docs/benchmarks.md
 * ("2026-11-22, third pass"); eslint.config.js sends such literals here.
 */
export function withFields<B extends object, const P extends readonly Part[]>(
  base: B | undefined,
  ...parts: P
): SpreadAll<B, P>;
export function withFields(base: Part, ...parts: Part[]): object {
  // Object.assign would set the new object's prototype from an own "__proto__" key (JSON.parse makes
  // such keys); a spread defines it as a plain property, so that rare case keeps the spread.
  if (hasProtoKey(base) || parts.some(hasProtoKey)) {
    let out: object = { ...base };
    // eslint-disable-next-line no-restricted-syntax -- the slow form, on purpose (see above)
    for (const part of parts) out = { ...out, ...part };
    return out;
  }
  return Object.assign({}, base, ...parts);
}
