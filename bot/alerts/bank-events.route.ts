import { CodedError, errorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { AlertQueue } from '../ports/alert-queue.port.js';
import type { AlertRecords } from '../ports/alert-records.port.js';
import { errorResponse, parseJson, type HttpRequest, type HttpResponse, type Route } from '../server.js';
import type { AlertRecord } from './alert.js';
import { parseBankEvent } from './bank-event.js';
import { checkSignature } from './event-signature.js';

export const BANK_EVENTS_PATH = '/api/bank-events';

export interface BankEventsRouteDeps {
  /** BANK_EVENTS_SECRET; without it the route answers 503. */
  readonly secret: string | undefined;
  readonly queue: AlertQueue;
  readonly records: AlertRecords;
  readonly now: () => Date;
  /** Lifetime of an alert whose event names no expiry (seconds). */
  readonly ttlSeconds: number;
  readonly logger: Logger;
}

/**
 * `POST /api/bank-events`: the bank's suspicious-transaction events. The signature and its
 * five-minute window are checked over the raw bytes before anything is parsed; the body is
 * validated; a known event id is a replay (409), unless its instance died before queueing it; 202
 * is answered only once the alert's record is stored and its entry is in the stream. Every refusal
 * is a coded 4xx and queues nothing.
 */
/**
 * Whether a known event id belongs to an event an instance stored but died before queueing: the
 * bank's retry then queues it. Two entries for one alert are harmless (delivery is idempotent);
 * an alert never queued would be lost.
 */
async function wasNeverQueued(records: AlertRecords, event: AlertRecord): Promise<boolean> {
  const stored = await records.get(event.alertId);
  return (
    stored !== undefined &&
    stored.entryId === undefined &&
    stored.status === 'queued' &&
    stored.customerId === event.customerId &&
    stored.transactionId === event.transactionId
  );
}

export function bankEventsRoute(deps: BankEventsRouteDeps): Route {
  const receive = async (request: HttpRequest): Promise<HttpResponse> => {
    const { secret, logger } = deps;
    if (!secret) return errorResponse('ALERT_ERR_NOT_CONFIGURED');
    const now = deps.now();
    const check = checkSignature(secret, request.headers, request.rawBody, now.getTime());
    if (check === 'stale') throw new CodedError('ALERT_ERR_STALE');
    if (check !== 'ok') throw new CodedError('ALERT_ERR_BAD_SIGNATURE');
    const event = parseBankEvent(parseJson(request));
    const expiresAt = event.expiresAt
      ? new Date(event.expiresAt)
      : new Date(now.getTime() + deps.ttlSeconds * 1000);
    if (expiresAt.getTime() <= now.getTime())
      throw new CodedError('ALERT_ERR_BAD_EVENT', 'bank event: expiresAt is past');
    const record: AlertRecord = {
      alertId: event.id,
      customerId: event.customerId,
      transactionId: event.transactionId,
      status: 'queued',
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      attempts: 0,
      channels: [],
    };
    if (!(await deps.records.create(record)) && !(await wasNeverQueued(deps.records, record)))
      throw new CodedError('ALERT_ERR_REPLAYED');
    let entryId: string;
    try {
      entryId = await deps.queue.add(event.id);
    } catch (error) {
      // Not queued: the record goes too, so the bank's retry of the same event is accepted.
      await deps.records.discard(event.id).catch(() => undefined);
      logger.error({ event: 'alert.queue_failed', alertId: event.id, code: errorCode(error) });
      throw new CodedError('ALERT_ERR_QUEUE_UNAVAILABLE');
    }
    await deps.records.update(event.id, { entryId });
    logger.info({ event: 'alert.queued', alertId: event.id, entryId });
    return { status: 202, body: { id: event.id, status: 'queued' } };
  };
  return { method: 'POST', path: BANK_EVENTS_PATH, handler: receive };
}
