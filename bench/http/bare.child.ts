/**
 * The ceiling: a bare node:http server that reads the body and returns a canned Alexa response.
 * Nothing a framework could do is cheaper than this on the same machine.
 */
import { createServer } from 'node:http';
import { announcePort, forkBenchWorkers } from './child.js';

const CANNED = JSON.stringify({
  version: '1.0',
  response: {
    outputSpeech: { type: 'SSML', ssml: '<speak>Your current account balance is $1,234.56.</speak>' },
    shouldEndSession: true,
  },
});

if (!forkBenchWorkers()) serve();

function serve(): void {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(CANNED);
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    announcePort(typeof address === 'object' && address ? address.port : 0);
  });
}
