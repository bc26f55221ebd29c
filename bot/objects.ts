/** The type of `{ ...B, ...F }`, union members of B kept apart. */
export type Spread<B, F> = B extends unknown ? Omit<B, keyof F> & F : never;

type Part = object | undefined;
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
export function withFields<B extends object, const F1 extends Part>(
  base: B | undefined,
  a: F1,
): Spread<B, F1>;
export function withFields<B extends object, const F1 extends Part, const F2 extends Part>(
  base: B | undefined,
  a: F1,
  b: F2,
): Spread<Spread<B, F1>, F2>;
export function withFields<
  B extends object,
  const F1 extends Part,
  const F2 extends Part,
  const F3 extends Part,
>(base: B | undefined, a: F1, b: F2, c: F3): Spread<Spread<Spread<B, F1>, F2>, F3>;
export function withFields<
  B extends object,
  const F1 extends Part,
  const F2 extends Part,
  const F3 extends Part,
  const F4 extends Part,
>(base: B | undefined, a: F1, b: F2, c: F3, d: F4): Spread<Spread<Spread<Spread<B, F1>, F2>, F3>, F4>;
export function withFields<
  B extends object,
  const F1 extends Part,
  const F2 extends Part,
  const F3 extends Part,
  const F4 extends Part,
  const F5 extends Part,
>(
  base: B | undefined,
  a: F1,
  b: F2,
  c: F3,
  d: F4,
  e: F5,
): Spread<Spread<Spread<Spread<Spread<B, F1>, F2>, F3>, F4>, F5>;
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
