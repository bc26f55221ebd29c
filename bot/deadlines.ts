/** One call in flight in {@link Deadlines}' list, oldest first. */
interface Pending {
  readonly deadline: number;
  readonly reject: (error: Error) => void;
  prev: Pending | undefined;
  next: Pending | undefined;
  linked: boolean;
}

const sameError = (error: unknown): unknown => error;

/**
 * Bounds calls in time with one timer for all of them instead of one (and a race, and a promise)
 * per call: the Redis client's commands, the bank guard's calls.
 *
 * @remarks
 * Every call gets the same timeout, so deadlines come in the order calls start: the pending ones
 * are a list, oldest first, and a call leaves it the moment it settles (nothing outlives its call,
 * so no garbage reaches the old generation). The one timer is due at the oldest pending deadline;
 * when it fires it rejects whatever has expired with `timeoutError()` and re-arms for the next.
 * Like a timer per call, it keeps the process alive while a call is pending, and only then.
 */
export class Deadlines {
  private head: Pending | undefined;
  private tail: Pending | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly expire = (): void => this.expired();

  constructor(
    private readonly ms: number,
    private readonly timeoutError: () => Error,
  ) {}

  /**
   * `promise`, or `timeoutError()` if it has not settled within the timeout; a rejection of
   * `promise` goes through `mapError` first.
   */
  bound<T>(promise: Promise<T>, mapError: (error: unknown) => unknown = sameError): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry: Pending = {
        deadline: performance.now() + this.ms,
        reject,
        prev: this.tail,
        next: undefined,
        linked: true,
      };
      if (this.tail) this.tail.next = entry;
      else {
        this.head = entry;
        if (this.timer) this.timer.ref();
        else this.arm(this.ms);
      }
      this.tail = entry;
      promise.then(
        (value) => {
          this.unlink(entry);
          resolve(value);
        },
        (error: unknown) => {
          this.unlink(entry);
          reject(mapError(error));
        },
      );
    });
  }

  /** Calls started and not yet settled nor timed out (for tests). */
  get pending(): number {
    let count = 0;
    for (let entry = this.head; entry; entry = entry.next) count += 1;
    return count;
  }

  private unlink(entry: Pending): void {
    if (!entry.linked) return;
    entry.linked = false;
    if (entry.prev) entry.prev.next = entry.next;
    else this.head = entry.next;
    if (entry.next) entry.next.prev = entry.prev;
    else this.tail = entry.prev;
    entry.prev = entry.next = undefined;
    // Idle: the timer stays armed (cheaper than clearing and setting it again) but holds nothing up.
    if (!this.head) this.timer?.unref();
  }

  private arm(delay: number): void {
    this.timer = setTimeout(this.expire, delay);
  }

  private expired(): void {
    this.timer = undefined;
    const now = performance.now();
    while (this.head && this.head.deadline <= now) {
      const entry = this.head;
      this.unlink(entry);
      entry.reject(this.timeoutError());
    }
    if (this.head) this.arm(Math.max(1, Math.ceil(this.head.deadline - now)));
  }
}
