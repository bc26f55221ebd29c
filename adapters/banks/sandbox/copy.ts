/**
 * A deep copy of the sandbox's plain data (objects, arrays, strings, numbers, booleans, null,
 * undefined) that the caller may change freely without touching the bank's state. Several times
 * faster than `structuredClone` on the small objects the sandbox answers with; anything that is
 * not plain data (a Date, a Map, a class instance) is handed to `structuredClone`, so the result
 * is the same as `structuredClone`'s for every value (a value met twice is copied twice).
 */
export function copyData<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index++) out[index] = copyData<unknown>(value[index]);
    return out as T;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key in source) out[key] = copyData(source[key]);
  return out as T;
}
