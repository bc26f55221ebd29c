import autocannon from 'autocannon';

/** One request's body and headers. */
export interface BenchRequest {
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  /** Seconds; ignored when `amount` is set. */
  readonly durationSec?: number;
  /** Stop after this many requests (a pre-signed pool is used once, never replayed). */
  readonly amount?: number;
  /** Requests per second across all connections (open-loop pacing), for the half-load run. */
  readonly overallRate?: number;
  /** The request for the i-th call, in send order. */
  readonly next: (index: number) => BenchRequest;
}

export interface LoadResult {
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly ok: number;
  /** Socket errors, timeouts and non-2xx answers. */
  readonly errors: number;
  readonly seconds: number;
}

/** Runs autocannon in this process against a server in another. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  let index = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    timeout: 10,
    // autocannon notices the end of a run at its next sample tick: with the default 1 s ticks an
    // `amount` run's duration was rounded up to a whole second (up to 14% low on a 7 s run).
    sampleInt: 100,
    ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.durationSec ?? 5 }),
    ...(options.overallRate !== undefined ? { overallRate: options.overallRate } : {}),
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const next = options.next(index++);
          return {
            ...request,
            body: next.body,
            headers: { 'content-type': 'application/json', ...next.headers },
          };
        },
      },
    ],
  });
  const ok = result['2xx'];
  return {
    rps: ok / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok,
    errors: result.errors + result.timeouts + result.non2xx,
    seconds: result.duration,
  };
}
