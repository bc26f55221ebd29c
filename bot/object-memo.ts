/**
 * A value memoised on its key object itself, under a private symbol, non-enumerable: it is never
 * copied, serialised, spread or compared along with the object, and it goes when the object does.
 *
 * @remarks
 * This is what a WeakMap would give, without the WeakMap: V8's scavenger visits the values of a
 * WeakMap that lives in the old generation (as a module-level one does) as strong references,
 * whether or not their key is still alive, so every value stored there survives young-generation
 * collections until the next full one. Each turn's rendered text and conversation-state JSON were
 * promoted that way. A property on the (young) key object keeps young data young. A key that
 * cannot take the property (frozen, sealed) simply gets no memo.
 */
export interface ObjectMemo<K extends object, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
}

export function objectMemo<K extends object, V>(description: string): ObjectMemo<K, V> {
  const slot = Symbol(description);
  return {
    get: (key) => (key as { [slot]?: V })[slot],
    set: (key, value) => {
      if (!Object.isExtensible(key) && !Object.hasOwn(key, slot)) return;
      Object.defineProperty(key, slot, { value, writable: true, configurable: true, enumerable: false });
    },
  };
}
