import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CodedError, ERRORS, errorCode, type ErrorCode } from './errors.js';
import type { Logger } from './logger.js';

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
  readonly path: string;
  readonly handler: Handler;
}

export interface HttpServerOptions {
  readonly routes: readonly Route[];
  readonly bodyLimitBytes: number;
  readonly logger: Logger;
}

const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 20_000;
const KEEP_ALIVE_MS = 5_000;

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

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new CodedError('HTTP_ERR_TOO_LARGE'));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new CodedError('HTTP_ERR_TOO_LARGE'));
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function write(res: ServerResponse, response: HttpResponse): void {
  const isText = typeof response.body === 'string';
  const payload =
    response.body === undefined ? '' : isText ? (response.body as string) : JSON.stringify(response.body);
  res.writeHead(response.status, {
    'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...response.headers,
  });
  res.end(payload);
}

/**
 * The bot's HTTP server: one route per channel plus /healthz. Every failure is a JSON body with a
 * catalog code; nothing a client sends can crash the process.
 */
export function createHttpServer(options: HttpServerOptions): Server {
  const table = new Map(options.routes.map((route) => [`${route.method} ${route.path}`, route.handler]));
  const paths = new Set(options.routes.map((route) => route.path));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const handler = table.get(`${method} ${url.pathname}`);
    const respond = async (): Promise<HttpResponse> => {
      if (!handler) {
        req.resume();
        return errorResponse(paths.has(url.pathname) ? 'HTTP_ERR_METHOD' : 'HTTP_ERR_NOT_FOUND');
      }
      const rawBody = await readBody(req, options.bodyLimitBytes);
      const request = {
        method,
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        rawBody,
        remoteAddress: req.socket.remoteAddress ?? '',
      };
      return handler(request);
    };
    respond()
      .catch((error: unknown) => {
        const code = errorCode(error);
        if (code === 'BOT_ERR_INTERNAL')
          options.logger.error({ event: 'http.error', code, path: url.pathname, err: String(error) });
        else options.logger.info({ event: 'http.rejected', code, path: url.pathname });
        return errorResponse(code, code === 'HTTP_ERR_TOO_LARGE' ? { connection: 'close' } : undefined);
      })
      .then((response) => write(res, response))
      .catch(() => res.destroy());
  });
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
