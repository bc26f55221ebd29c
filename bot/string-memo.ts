/**
 * A pure string function remembered for the strings it was last asked about: for keyed hashes
 * asked for the same few ids on every turn (a customer's pseudonym, a rate-limit key), where the
 * hash costs microseconds and the lookup nanoseconds. Memory stays bounded: past `max` entries the
 * oldest is forgotten. Held in this process only, never stored.
 */
export function memoizeString(fn: (input: string) => string, max = 10_000): (input: string) => string {
  if (!Number.isSafeInteger(max) || max < 1)
    throw new RangeError('memoizeString: max must be a positive integer');
  const known = new Map<string, string>();
  return (input) => {
    let output = known.get(input);
    if (output === undefined) {
      output = fn(input);
      if (known.size >= max) known.delete(known.keys().next().value as string);
      known.set(input, output);
    }
    return output;
  };
}
