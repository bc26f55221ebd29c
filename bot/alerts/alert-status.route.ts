import { CodedError } from '../errors.js';
import { sameSecret } from '../secrets.js';
import type { AlertRecords } from '../ports/alert-records.port.js';
import { errorResponse, type HttpRequest, type HttpResponse, type Route } from '../server.js';

export const ALERTS_PATH = '/api/alerts';

/** Whether the Authorization header is `Bearer <token>`, compared in constant time. */
export function hasBearer(header: string | undefined, token: string): boolean {
  const given = /^Bearer (\S+)$/.exec(header ?? '')?.[1] ?? '';
  return sameSecret(given, token) && given.length > 0;
}

/**
 * `GET /api/alerts/:id` for the bank's systems (Bearer ALERTS_API_TOKEN): the alert's status
 * (queued, delivered, answered with its outcome, expired or failed with a reason), channels and
 * attempts. Ids and states only.
 */
export function alertStatusRoute(deps: { token: string | undefined; records: AlertRecords }): Route {
  const status = async (request: HttpRequest): Promise<HttpResponse> => {
    if (!deps.token) return errorResponse('ALERT_ERR_NOT_CONFIGURED');
    if (!hasBearer(request.headers.authorization, deps.token)) throw new CodedError('ALERT_ERR_UNAUTHORIZED');
    // Alert ids are URL-safe: the raw segment is the id, and anything encoded is no alert id.
    const id = request.path.slice(ALERTS_PATH.length + 1);
    const record = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? await deps.records.get(id) : undefined;
    if (!record) throw new CodedError('ALERT_ERR_NOT_FOUND');
    return {
      status: 200,
      body: {
        id: record.alertId,
        status: record.status,
        transactionId: record.transactionId,
        createdAt: record.createdAt,
        updatedAt: record.updatedAt,
        expiresAt: record.expiresAt,
        attempts: record.attempts,
        channels: record.channels,
        ...(record.reason ? { reason: record.reason } : {}),
        ...(record.outcome ? { outcome: record.outcome } : {}),
      },
    };
  };
  return { method: 'GET', path: `${ALERTS_PATH}/:id`, handler: status };
}
