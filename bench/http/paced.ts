import { fork } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { runnable } from './child.js';
import type { BenchRequest, LoadResult } from './load.js';
import { percentile } from './stats.js';

export interface PacedOptions {
  readonly url: string;
  /** Requests per second, sent evenly spaced (one every 1/rate s), whatever the answers' pace. */
  readonly rate: number;
  readonly count: number;
  /** Keep-alive connections the requests share (one request in flight on each, as a browser or Agent). */
  readonly connections: number;
  readonly next: (index: number) => BenchRequest;
}

export interface PacedResult extends LoadResult {
  /** p99 latency counted from when each request was actually sent (the server's share alone). */
  readonly p99FromSendMs: number;
  /** p99 of how late requests left this process (it shares the cores with the server). */
  readonly p99LateMs: number;
}

/** A request as bytes on the wire, built before the clock starts. */
function wireOf(target: URL, request: BenchRequest): Buffer {
  const headers = {
    host: target.host,
    'content-type': 'application/json',
    'content-length': String(request.body.length),
    ...request.headers,
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return Buffer.concat([Buffer.from(`POST ${target.pathname} HTTP/1.1\r\n${head}\r\n`), request.body]);
}

const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /\r\ncontent-length:\s*(\d+)/i;
const CHUNKED = /\r\ntransfer-encoding:\s*chunked/i;

/**
 * Where the answer whose head is `header` and whose body starts at `start` ends in `data`:
 * undefined while incomplete, -1 when it cannot be read (no Content-Length, not chunked).
 */
function answerEnd(data: Buffer, start: number, header: string): number | undefined {
  const length = CONTENT_LENGTH.exec(header)?.[1];
  if (length !== undefined) return data.length >= start + Number(length) ? start + Number(length) : undefined;
  if (!CHUNKED.test(header)) return -1;
  let at = start;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = Number.parseInt(data.toString('latin1', at, lineEnd), 16);
    if (!(size >= 0)) return -1;
    // A chunk and its CRLF; the last chunk (size 0) ends with the CRLF after the (empty) trailers.
    const next = lineEnd + 2 + size + 2;
    if (data.length < next) return undefined;
    if (size === 0) return next;
    at = next;
  }
}

/** One keep-alive connection: at most one request in flight, its answer read by Content-Length or chunks. */
interface Connection {
  readonly socket: Socket;
  pending: Buffer | undefined;
  due: number;
  sent: number;
  busy: boolean;
}

/**
 * An open-loop load at a steady rate: request i is due at start + i / rate and its latency counts
 * from that moment, so a server (or client) that falls behind is charged for the wait. autocannon's
 * `overallRate` is not this: each connection sends its quota for the second back to back, then
 * waits for the next second, so "half load" arrives as full-load bursts.
 *
 * The load generator shares the machine's two cores with the server, so it is kept lean: it runs
 * in a process of its own (paced.child.ts: a small heap, collected before the clock starts), every
 * request is built as bytes beforehand, and each is written on a raw keep-alive socket whose answer
 * is read by its Content-Length (or its chunks), without node:http's per-request objects. Run with node:http inside
 * the bench process (which holds the NLU model and every earlier pool), the generator's own garbage
 * collections (a full one about every 2 s, scavenges of 6-11 ms) stalled answers for 100-200 ms
 * at a time, and those stalls were most of the half-load p99.
 */
export async function runPaced(options: PacedOptions): Promise<PacedResult> {
  const target = new URL(options.url);
  const wire = Array.from({ length: options.count }, (_, i) => wireOf(target, options.next(i)));
  const { script, tsx } = runnable('bench/http/paced.child.ts');
  const child = fork(script, [], {
    execArgv: ['--expose-gc', ...(tsx ? ['--import', 'tsx'] : [])],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (result) => resolve(result as PacedResult));
    child.once('exit', (code) => reject(new Error(`bench: the paced load generator exited with ${code}`)));
    child.send({ url: options.url, rate: options.rate, connections: options.connections, wire });
  });
}

/** What the parent sends the paced load generator. */
export interface PaceJob {
  readonly url: string;
  readonly rate: number;
  readonly connections: number;
  /** Every request as bytes on the wire, in send order. */
  readonly wire: readonly Uint8Array[];
}

/** The load generator's loop (paced.child.ts runs it): see runPaced. */
export async function pace(job: PaceJob): Promise<PacedResult> {
  const target = new URL(job.url);
  const { wire } = job;
  const count = wire.length;
  if (count === 0) throw new Error('bench: a paced run needs at least one request');
  const latencies: number[] = [];
  const fromSend: number[] = [];
  const late: number[] = [];
  let errors = 0;
  let answered = 0;
  // Request i is due at started + i * interval; those before `released` are due, those before `next` sent.
  const interval = 1000 / job.rate;
  let started = 0;
  let released = 0;
  let next = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));

  const settle = (connection: Connection, ok: boolean): void => {
    const done = performance.now();
    if (ok) {
      latencies.push(done - connection.due);
      fromSend.push(done - connection.sent);
    } else errors += 1;
    connection.busy = false;
    answered += 1;
    if (answered === count) finish();
    else dispatch();
  };

  const open = (): Promise<Connection> =>
    new Promise((resolve, reject) => {
      const socket = connect({ host: target.hostname, port: Number(target.port), noDelay: true });
      const connection: Connection = { socket, pending: undefined, due: 0, sent: 0, busy: false };
      socket.once('connect', () => resolve(connection));
      socket.once('error', reject);
      socket.on('data', (chunk: Buffer) => {
        if (!connection.busy) return;
        const data = connection.pending ? Buffer.concat([connection.pending, chunk]) : chunk;
        const end = data.indexOf(HEADER_END);
        if (end < 0) {
          connection.pending = data;
          return;
        }
        const header = data.toString('latin1', 0, end);
        const ends = answerEnd(data, end + 4, header);
        if (ends === -1) {
          socket.destroy();
          return;
        }
        if (ends === undefined) {
          connection.pending = data;
          return;
        }
        connection.pending = undefined;
        settle(connection, header.startsWith('HTTP/1.1 200'));
      });
      socket.on('close', () => {
        const index = connections.indexOf(connection);
        if (connection.busy) settle(connection, false);
        if (index >= 0 && answered < count)
          void open().then(
            (fresh) => {
              connections[index] = fresh;
              dispatch();
            },
            () => undefined,
          );
      });
    });

  const connections: Connection[] = await Promise.all(Array.from({ length: job.connections }, open));

  function dispatch(): void {
    for (const connection of connections) {
      if (next >= released) return;
      if (connection.busy || connection.socket.destroyed) continue;
      connection.busy = true;
      connection.due = started + next * interval;
      connection.sent = performance.now();
      late.push(connection.sent - connection.due);
      connection.socket.write(wire[next]!);
      next += 1;
    }
  }

  (globalThis as { gc?: () => void }).gc?.();
  started = performance.now();
  while (released < count) {
    const wait = started + released * interval - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    released += 1;
    dispatch();
  }
  await finished;
  const seconds = (performance.now() - started) / 1000;
  for (const connection of connections) connection.socket.destroy();
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
