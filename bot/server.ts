import {
  createServer,
  STATUS_CODES,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { clientAddress, rateBucket } from './client-ip.js';
import { CodedError, ERRORS, errorCode, type ErrorCode } from './errors.js';
import type { Logger } from './logger.js';
import type { RateLimiterPort } from './ports/rate-limiter.port.js';
import { retryAfterSeconds } from './rate-limit.js';

/** A request as handlers see it: the raw body is kept (signatures are computed over its bytes). */
export interface HttpRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly rawBody: Buffer;
  readonly remoteAddress: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Objects are sent as JSON, strings as plain text. */
  readonly body?: unknown;
}

export type Handler = (request: HttpRequest) => Promise<HttpResponse> | HttpResponse;

export interface Route {
  readonly method: 'GET' | 'POST';
  /** An exact path, or one ending in a `/:name` segment (`/api/alerts/:id`) that matches any one segment. */
  readonly path: string;
  readonly handler: Handler;
}

/** The handler for a request line: an exact path first, else a route whose last segment is a parameter. */
function lookup(
  table: ReadonlyMap<string, Handler>,
  patterns: readonly Route[],
  method: string,
  path: string,
): Handler | undefined {
  const exact = table.get(`${method} ${path}`);
  if (exact) return exact;
  const parent = path.slice(0, path.lastIndexOf('/'));
  const segment = path.slice(parent.length + 1);
  if (!segment) return undefined;
  return patterns.find((route) => route.method === method && route.path.startsWith(`${parent}/:`))?.handler;
}

function isPattern(path: string): boolean {
  return /\/:[^/]+$/.test(path);
}

export interface HttpServerOptions {
  readonly routes: readonly Route[];
  readonly bodyLimitBytes: number;
  readonly logger: Logger;
  /** Requests per client address, counted before the body is read; GET /healthz is not counted. */
  readonly ipLimit?: {
    readonly limiter: RateLimiterPort;
    /** Proxies whose X-Forwarded-For entry is believed (TRUST_PROXY); 0 uses the socket's peer. */
    readonly trustedProxies: number;
  };
}

const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 20_000;
const KEEP_ALIVE_MS = 5_000;
const HEALTH = 'GET /healthz';

/** The JSON body of every error: a stable code and a human message. */
export function errorResponse(code: ErrorCode, headers?: Record<string, string>): HttpResponse {
  return {
    status: ERRORS[code].status,
    body: { error: { code, message: ERRORS[code].say } },
    ...(headers ? { headers } : {}),
  };
}

/** Parses a JSON body or throws a CodedError HTTP_ERR_BAD_JSON. */
export function parseJson(request: HttpRequest): unknown {
  try {
    return JSON.parse(request.rawBody.toString('utf8')) as unknown;
  } catch {
    throw new CodedError('HTTP_ERR_BAD_JSON');
  }
}

const NO_BODY = Buffer.alloc(0);

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new CodedError('HTTP_ERR_TOO_LARGE'));
    // Platform bodies are small and mostly arrive as one chunk: that chunk is the body (node hands
    // each chunk over as its own copy), without an array and a concatenating copy.
    let first: Buffer | undefined;
    let chunks: Buffer[] | undefined;
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new CodedError('HTTP_ERR_TOO_LARGE'));
      } else if (first === undefined) first = chunk;
      else (chunks ??= [first]).push(chunk);
    });
    req.on('end', () => resolve(chunks ? Buffer.concat(chunks, size) : (first ?? NO_BODY)));
    // The client went away mid-body (or sent a broken chunked body): its fault, not a bug here.
    req.on('error', () => reject(new CodedError('HTTP_ERR_BAD_REQUEST', 'http: request body aborted')));
  });
}

/** A target that is already a normalised path without query: taken as is, without building a URL. */
const PLAIN_PATH = /^(?:\/[\w~-]+(?:\.[\w~-]+)*)*\/?$/;

/** A request target: its path, and its query when it has one. */
interface Target {
  readonly pathname: string;
  readonly searchParams?: URLSearchParams;
}

/** The path and query of a request target, or undefined when it is no valid URL path (`//[`). */
function targetOf(raw: string | undefined): Target | undefined {
  if (raw?.startsWith('/') && PLAIN_PATH.test(raw)) return { pathname: raw };
  try {
    return new URL(raw ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}

/** An HttpRequest whose query is built when a handler first reads it (most never do). */
class Request implements HttpRequest {
  #query: URLSearchParams | undefined;

  constructor(
    readonly method: string,
    readonly path: string,
    private readonly target: Target,
    readonly headers: IncomingMessage['headers'],
    readonly rawBody: Buffer,
    readonly remoteAddress: string,
  ) {}

  get query(): URLSearchParams {
    return (this.#query ??= this.target.searchParams ?? new URLSearchParams());
  }
}

/** Ends a raw socket with a coded JSON error (for requests that never become a ServerResponse). */
function endSocket(socket: Duplex, code: ErrorCode): void {
  const { status, say } = ERRORS[code];
  const body = JSON.stringify({ error: { code, message: say } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\ncontent-type: application/json; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\ncache-control: no-store\r\nconnection: close\r\n\r\n${body}`,
  );
}

/**
 * Requests node's HTTP parser refuses (malformed request line or headers, headers too large, too
 * slow) get the same coded JSON error as every other rejection, instead of node's bare 400.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  endSocket(
    socket,
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 'HTTP_ERR_HEADERS_TOO_LARGE'
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'HTTP_ERR_TIMEOUT'
        : 'HTTP_ERR_BAD_REQUEST',
  );
}

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

function write(res: ServerResponse, response: HttpResponse): void {
  const { body } = response;
  const isText = typeof body === 'string';
  const payload = body === undefined ? '' : isText ? body : JSON.stringify(body);
  const headers: Record<string, string | number> = {
    'content-type': isText ? TEXT_TYPE : JSON_TYPE,
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
  if (response.headers) Object.assign(headers, response.headers);
  res.writeHead(response.status, headers);
  res.end(payload);
}

/**
 * The bot's HTTP server: one route per channel plus /healthz. Every failure is a JSON body with a
 * catalog code; nothing a client sends can crash the process.
 */
export function createHttpServer(options: HttpServerOptions): Server {
  const table = new Map(options.routes.map((route) => [`${route.method} ${route.path}`, route.handler]));
  const patterns = options.routes.filter((route) => isPattern(route.path));
  const paths = new Set(options.routes.map((route) => route.path));
  const known = (path: string): boolean =>
    paths.has(path) || patterns.some((route) => lookup(table, [route], route.method, path) !== undefined);
  /** Seconds to wait when the client is over its limit, else undefined. */
  const overLimit = async (req: IncomingMessage, route: string): Promise<number | undefined> => {
    const { ipLimit } = options;
    if (!ipLimit || route === HEALTH) return undefined;
    const address = clientAddress(
      req.socket.remoteAddress ?? '',
      req.headers['x-forwarded-for'],
      ipLimit.trustedProxies,
    );
    const decision = await ipLimit.limiter.hit(rateBucket(address));
    return decision.allowed ? undefined : retryAfterSeconds(decision);
  };
  /** One request, start to end: never rejects (a response that cannot be written destroys the socket). */
  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = targetOf(req.url);
    const path = target ? target.pathname : '/';
    let response: HttpResponse;
    try {
      response = await respond(req, target, path);
    } catch (error: unknown) {
      const code = errorCode(error);
      if (code === 'BOT_ERR_INTERNAL')
        options.logger.error({ event: 'http.error', code, path, err: String(error) });
      else options.logger.info({ event: 'http.rejected', code, path });
      response = errorResponse(code, code === 'HTTP_ERR_TOO_LARGE' ? { connection: 'close' } : undefined);
    }
    try {
      write(res, response);
    } catch {
      res.destroy();
    }
  };
  const respond = async (
    req: IncomingMessage,
    target: Target | undefined,
    path: string,
  ): Promise<HttpResponse> => {
    if (!target) {
      req.resume();
      throw new CodedError('HTTP_ERR_BAD_REQUEST');
    }
    const method = req.method ?? 'GET';
    // Counted only when a limit is configured: no extra await per request otherwise.
    const limited = options.ipLimit ? await overLimit(req, `${method} ${path}`) : undefined;
    if (limited) {
      req.resume();
      options.logger.debug({ event: 'http.rejected', code: 'HTTP_ERR_RATE_LIMITED', path });
      return errorResponse('HTTP_ERR_RATE_LIMITED', { 'retry-after': String(limited) });
    }
    const handler = lookup(table, patterns, method, path);
    if (!handler) {
      req.resume();
      return errorResponse(known(path) ? 'HTTP_ERR_METHOD' : 'HTTP_ERR_NOT_FOUND');
    }
    const rawBody = await readBody(req, options.bodyLimitBytes);
    return handler(new Request(method, path, target, req.headers, rawBody, req.socket.remoteAddress ?? ''));
  };
  const server = createServer((req, res) => void serve(req, res));
  server.on('clientError', answerClientError);
  // Without a listener node drops CONNECT requests without a word; bankbot is no proxy.
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => endSocket(socket, 'HTTP_ERR_METHOD'));
  // Node answers an Expect other than 100-continue with a bare 417 unless it is handled here.
  server.on('checkExpectation', (_req: IncomingMessage, res: ServerResponse) =>
    write(res, errorResponse('HTTP_ERR_EXPECTATION', { connection: 'close' })),
  );
  // A slow or stalled client must not hold a socket: platforms send small bodies quickly.
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  return server;
}

/** Starts listening and resolves with the bound port (0 picks a free one). */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
