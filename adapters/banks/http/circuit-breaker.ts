import { BankError } from '../../../bot/ports/bank.port.js';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit (default 5). */
  readonly failureThreshold?: number;
  /** How long the circuit stays open before one probe call is let through (default 30 000 ms). */
  readonly openMs?: number;
  /** The clock, in epoch ms; tests pass a fake one. */
  readonly now?: () => number;
  /** Told about every change of state (for logs: carries no request data). */
  readonly onStateChange?: (state: BreakerState) => void;
}

/**
 * Stops calling a bank that keeps failing: after `failureThreshold` consecutive failures every
 * call fails fast with BANK_ERR_UNAVAILABLE for `openMs`; then one probe call is let through,
 * and its success closes the circuit again (its failure reopens it).
 *
 * @example
 * const breaker = createCircuitBreaker({ failureThreshold: 3, openMs: 10_000 });
 * await breaker.run(() => fetchBalances(), (error) => isOutage(error));
 */
export interface CircuitBreaker {
  state(): BreakerState;
  /** Runs `work` unless the circuit is open; `isFailure` says which errors count against the bank. */
  run<T>(work: () => Promise<T>, isFailure: (error: unknown) => boolean): Promise<T>;
}

export function createCircuitBreaker(options: CircuitBreakerOptions = {}): CircuitBreaker {
  const { failureThreshold = 5, openMs = 30_000, now = Date.now, onStateChange } = options;
  if (!(Number.isSafeInteger(failureThreshold) && failureThreshold > 0 && openMs >= 0)) {
    throw new RangeError('circuit breaker: failureThreshold must be a positive integer, openMs >= 0');
  }
  let state: BreakerState = 'closed';
  let failures = 0;
  let openedAt = 0;
  let probing = false;

  const enter = (next: BreakerState): void => {
    if (next === state) return;
    state = next;
    onStateChange?.(next);
  };
  const open = (): void => {
    openedAt = now();
    enter('open');
  };

  return {
    state: () => (state === 'open' && now() - openedAt >= openMs ? 'half-open' : state),
    async run(work, isFailure) {
      if (state === 'open' && now() - openedAt >= openMs) enter('half-open');
      // While open, and while the single half-open probe is out, nothing else reaches the bank.
      if (state === 'open' || (state === 'half-open' && probing)) {
        throw new BankError('BANK_ERR_UNAVAILABLE', 'bank circuit open');
      }
      const probe = state === 'half-open';
      probing = probe;
      try {
        const result = await work();
        failures = 0;
        enter('closed');
        return result;
      } catch (error) {
        if (!isFailure(error)) {
          // The bank answered (e.g. 404): it is reachable, whatever it thought of the request.
          failures = 0;
          enter('closed');
        } else if (probe || ++failures >= failureThreshold) {
          open();
        }
        throw error;
      } finally {
        if (probe) probing = false;
      }
    },
  };
}
