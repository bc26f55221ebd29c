/** How a fake bank server misbehaves, on every request until changed. */
export type BankFault =
  | { readonly kind: 'none' }
  | { readonly kind: 'status'; readonly status: 401 | 403 | 500 }
  /** 429 with Retry-After; after `times` such answers (default: forever) the bank answers normally. */
  | { readonly kind: 'rate-limit'; readonly retryAfterSeconds: number; readonly times?: number }
  | { readonly kind: 'hang' }
  | { readonly kind: 'wrong-interaction-id' };
