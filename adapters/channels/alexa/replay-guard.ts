/**
 * Request ids seen while their timestamp is still acceptable, in memory. Bounded: beyond
 * `capacity` ids the oldest are forgotten first (a flood can then replay its own oldest requests,
 * never exhaust memory).
 */
export function createReplayGuard(capacity = 10_000): {
  /** True when `id` was seen before; otherwise remembers it until `until` (ms). */
  isReplay(id: string, now: number, until: number): boolean;
} {
  const seen = new Map<string, number>();
  return {
    isReplay(id, now, until) {
      for (const [key, expires] of seen) {
        if (expires > now) break;
        seen.delete(key);
      }
      if (seen.has(id)) return true;
      if (seen.size >= capacity) seen.delete(seen.keys().next().value ?? '');
      seen.set(id, until);
      return false;
    },
  };
}
