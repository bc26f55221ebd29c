import { ALEXA_PATH } from '../../adapters/channels/alexa.channel.js';
import type { BenchRequest } from './load.js';

/** One signed turn; resolves with the response's status and body. */
export async function signedTurn(
  port: number,
  request: BenchRequest,
): Promise<{ status: number; body: string }> {
  const response = await fetch(`http://127.0.0.1:${port}${ALEXA_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...request.headers },
    body: request.body,
  });
  return { status: response.status, body: await response.text() };
}
