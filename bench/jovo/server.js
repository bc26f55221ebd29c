/**
 * The Jovo v4 peer: a minimal Alexa app answering BalanceCheckIntent with a fixed sentence, served
 * by Jovo's own App.handle on node:http (no Express, so the peer carries no extra framework cost).
 * Plain JS so the bankbot typecheck never needs this folder's node_modules. Jovo does not verify
 * Alexa signatures; it runs without verification. Sends { port } over IPC (or prints it) once listening.
 */
import { Buffer } from 'node:buffer';
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import process from 'node:process';
import { App, BaseComponent, Component, Global, Handle, Server } from '@jovotech/framework';
import { AlexaPlatform } from '@jovotech/platform-alexa';

class BalanceComponent extends BaseComponent {
  balance() {
    return this.$send({ message: 'Your current account balance is 1,234 dollars and 56 cents.' });
  }
  START() {
    return this.$send({ message: 'Welcome to the bank.' });
  }
  UNHANDLED() {
    return this.$send({ message: 'Sorry, I did not get that.' });
  }
}
const method = (name) => Object.getOwnPropertyDescriptor(BalanceComponent.prototype, name);
Handle({ intents: ['BalanceCheckIntent'], global: true })(
  BalanceComponent.prototype,
  'balance',
  method('balance'),
);
Component()(BalanceComponent);
Global()(BalanceComponent);

/** Jovo's Server contract over one node:http request (what @jovotech/server-express does over Express). */
class HttpServer extends Server {
  constructor(body, req, res) {
    super();
    this.body = body;
    this.req = req;
    this.res = res;
    this.headers = { 'content-type': 'application/json; charset=utf-8' };
  }
  hasWriteFileAccess() {
    return false;
  }
  getRequestObject() {
    return this.body;
  }
  getQueryParams() {
    return {};
  }
  setResponseHeaders(headers) {
    Object.assign(this.headers, headers);
  }
  async setResponse(response) {
    this.res.writeHead(200, this.headers);
    this.res.end(JSON.stringify(response));
  }
  fail(error) {
    this.res.writeHead(500, this.headers);
    this.res.end(JSON.stringify({ error: String(error && error.message) }));
  }
  getNativeRequestHeaders() {
    return this.req.headers;
  }
}

// BENCH_WORKERS above 1: that many copies on one port (node:cluster), announced once all listen.
const workers = Math.max(1, Number(process.env.BENCH_WORKERS ?? '1'));
if (workers > 1 && cluster.isPrimary) {
  const ports = [];
  for (let i = 0; i < workers; i += 1) cluster.fork();
  cluster.on('message', (_worker, message) => {
    if (message && typeof message === 'object' && 'port' in message) ports.push(message.port);
    if (ports.length === workers) process.send?.({ port: ports[0] });
  });
  process.once('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    process.exit(0);
  });
} else {
  await serve();
}

async function serve() {
  const app = new App({ components: [BalanceComponent], plugins: [new AlexaPlatform()], logging: false });
  await app.initialize();

  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.writeHead(400).end();
        return;
      }
      const host = new HttpServer(body, req, res);
      app.handle(host).catch((error) => host.fail(error));
    });
  });
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    const { port } = server.address();
    if (process.send) process.send({ port });
    else process.stdout.write(`${JSON.stringify({ port })}\n`);
  });
  process.once('SIGTERM', () => process.exit(0));
}
