import { randomUUID } from 'node:crypto';
import { signedHeaders } from '../../bot/alerts/event-signature.js';

/** Test secrets for the bank's side (never real ones); the worker is drained by the tests themselves. */
export const BANK_EVENTS_TEST_ENV = {
  BANK_EVENTS_SECRET: 'test-bank-events-secret-0123456789abcdef',
  ALERTS_API_TOKEN: 'test-alerts-api-token-0123456789abcdef',
  ALERTS_WORKER: 'off',
} as const;

export interface SuspiciousTransaction {
  readonly id?: string;
  readonly customerId: string;
  readonly transactionId: string;
  readonly expiresAt?: string;
}

/** A fresh alert id, unique across test processes. */
export const alertId = (): string => `alrt_${randomUUID().replaceAll('-', '')}`;

/** The event body and the headers the bank's core signs it with. */
export function signedEvent(
  event: SuspiciousTransaction,
  options: { readonly nowMs?: number; readonly secret?: string } = {},
): { readonly id: string; readonly body: string; readonly headers: Record<string, string> } {
  const id = event.id ?? alertId();
  const body = JSON.stringify({ ...event, id, type: 'transaction.suspicious' });
  const secret = options.secret ?? BANK_EVENTS_TEST_ENV.BANK_EVENTS_SECRET;
  return { id, body, headers: signedHeaders(secret, body, options.nowMs ?? Date.now()) };
}

/** POSTs a body to /api/bank-events; resolves with the status and parsed JSON body. */
export async function postBankEvent(
  baseUrl: string,
  body: string | Buffer,
  headers: Record<string, string>,
): Promise<{ status: number; body: { id?: string; status?: string; error?: { code: string } } }> {
  const response = await fetch(`${baseUrl}/api/bank-events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, body: (await response.json()) as { error?: { code: string } } };
}

/** GET /api/alerts/:id with the test bearer token. */
export async function alertStatus(
  baseUrl: string,
  id: string,
  token: string = BANK_EVENTS_TEST_ENV.ALERTS_API_TOKEN,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}/api/alerts/${id}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
