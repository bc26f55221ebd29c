/**
 * Keys seen recently, in bounded memory: replay de-duplication for requests that carry no usable
 * timestamp. When full, the oldest key is forgotten first.
 */
export class RecentKeys {
  private readonly expiries = new Map<string, number>();

  constructor(private readonly capacity: number) {}

  /** Records `key` until `expiresAt` (ms); false when it was already recorded and has not expired. */
  add(key: string, expiresAt: number, now: number): boolean {
    const known = this.expiries.get(key);
    if (known !== undefined && known > now) return false;
    this.expiries.delete(key);
    this.expiries.set(key, expiresAt);
    for (const oldest of this.expiries.keys()) {
      if (this.expiries.size <= this.capacity) break;
      this.expiries.delete(oldest);
    }
    return true;
  }

  get size(): number {
    return this.expiries.size;
  }
}
