/**
 * Request ids seen while their timestamp is still acceptable, in memory. Bounded: beyond
 * `capacity` ids the oldest are forgotten first (a flood can then replay its own oldest requests,
 * never exhaust memory).
 *
 * The ids wait in a ring in arrival order, beside a Set for lookups. Forgetting the oldest is then
 * one step; with a Map in insertion order, each eviction restarted an iteration that skips every
 * entry deleted before it, which at capacity cost 10–20 µs a request.
 */
export function createReplayGuard(capacity = 10_000): {
  /** True when `id` was seen before; otherwise remembers it until `until` (ms). */
  isReplay(id: string, now: number, until: number): boolean;
} {
  const seen = new Set<string>();
  const ids: string[] = new Array<string>(capacity).fill('');
  const expiries = new Float64Array(capacity);
  let head = 0;
  let size = 0;
  const forgetOldest = (): void => {
    seen.delete(ids[head]!);
    ids[head] = '';
    head = head + 1 === capacity ? 0 : head + 1;
    size -= 1;
  };
  return {
    isReplay(id, now, until) {
      // Oldest first, up to the first id still within its window (as arrival order has them).
      while (size > 0 && expiries[head]! <= now) forgetOldest();
      if (seen.has(id)) return true;
      if (size === capacity) forgetOldest();
      const tail = (head + size) % capacity;
      ids[tail] = id;
      expiries[tail] = until;
      size += 1;
      seen.add(id);
      return false;
    },
  };
}
