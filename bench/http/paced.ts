import { Agent, request } from 'node:http';
import type { BenchRequest, LoadResult } from './load.js';
import { percentile } from './stats.js';

export interface PacedOptions {
  readonly url: string;
  /** Requests per second, sent evenly spaced (one every 1/rate s), whatever the answers' pace. */
  readonly rate: number;
  readonly count: number;
  /** Keep-alive connections the requests share. */
  readonly connections: number;
  readonly next: (index: number) => BenchRequest;
}

export interface PacedResult extends LoadResult {
  /** p99 latency counted from when each request was actually sent (the server's share alone). */
  readonly p99FromSendMs: number;
  /** p99 of how late requests left this process (it shares the cores with the server). */
  readonly p99LateMs: number;
}

/**
 * An open-loop load at a steady rate: request i is due at start + i / rate and its latency counts
 * from that moment, so a server (or client) that falls behind is charged for the wait. autocannon's
 * `overallRate` is not this: each connection sends its quota for the second back to back, then
 * waits for the next second, so "half load" arrives as full-load bursts.
 */
export async function runPaced(options: PacedOptions): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const target = new URL(options.url);
  const latencies: number[] = [];
  const fromSend: number[] = [];
  const late: number[] = [];
  let errors = 0;
  const send = (item: BenchRequest, due: number): Promise<void> =>
    new Promise((resolve) => {
      const sent = performance.now();
      late.push(sent - due);
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': item.body.length,
            ...item.headers,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode === 200) {
              latencies.push(performance.now() - due);
              fromSend.push(performance.now() - sent);
            } else errors += 1;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end(item.body);
    });
  const interval = 1000 / options.rate;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < options.count; i += 1) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(options.next(i), due));
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return {
    rps: latencies.length / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    p99FromSendMs: percentile(fromSend, 0.99),
    p99LateMs: percentile(late, 0.99),
    ok: latencies.length,
    errors,
    seconds,
  };
}
