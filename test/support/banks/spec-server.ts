import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { SpecOperation } from './openapi-spec.js';
import type { SpecRequest, SpecValidator } from './spec-validator.js';

/** What a handler answers: JSON (or no) body with headers, or nothing at all (a hung bank). */
export type SpecReply =
  | { readonly status: number; readonly headers?: Readonly<Record<string, string>>; readonly body?: unknown }
  | 'hang';

export type SpecHandler = (
  request: SpecRequest,
  operation: SpecOperation,
  params: Record<string, string>,
) => Promise<SpecReply>;

export interface SpecServer {
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  readonly validator: SpecValidator;
  /** Every request received so far, in order (a tripped circuit breaker stops them coming). */
  received(): readonly SpecRequest[];
  close(): Promise<void>;
}

/** `a[b][c]=v` form fields as nested objects, the way Stripe reads them. */
export function parseForm(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.replace(/\]/g, '').split('[');
    let node = root;
    path.forEach((part, index) => {
      if (index === path.length - 1) {
        node[part] = value;
        return;
      }
      const child = node[part];
      const next: Record<string, unknown> = typeof child === 'object' && child !== null ? { ...child } : {};
      node[part] = next;
      node = next;
    });
  }
  return root;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A local server on 127.0.0.1 (port 0) that checks every request against the specification
 * before the handler sees it, and every response before it is sent; both are counted as one
 * exchange. An invalid request is still answered (as the handler decides), so tests can see it.
 */
export async function startSpecServer(validator: SpecValidator, handle: SpecHandler): Promise<SpecServer> {
  const log: SpecRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void serve(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const text = await readBody(req);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers[name] = value;
    }
    const form = (headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    const request: SpecRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      ...(text === '' && !form ? {} : { body: form ? parseForm(text) : JSON.parse(text) }),
    };
    log.push(request);
    const label = `${request.method} ${url.pathname}${url.search}`;
    const { operation, problems } = validator.checkRequest(request);
    if (!operation) {
      validator.record(label, problems);
      res.writeHead(404).end();
      return;
    }
    const found = validator.spec.find(request.method, request.path);
    const reply = await handle(request, operation, found?.params ?? {});
    if (reply === 'hang') {
      validator.record(label, problems);
      return; // never answered; close() drops the connection
    }
    const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
    const sent: Record<string, string> = { ...reply.headers };
    if (body !== '') sent['content-type'] ??= 'application/json';
    const lower = Object.fromEntries(Object.entries(sent).map(([k, v]) => [k.toLowerCase(), v]));
    const response = validator.checkResponse(operation, { status: reply.status, headers: lower, text: body });
    validator.record(label, [...problems, ...response]);
    if (!res.destroyed) res.writeHead(reply.status, sent).end(body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('spec server: no TCP address');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    validator,
    received: () => log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
