import { setTimeout as sleep } from 'node:timers/promises';
import { errorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { AlertRecords } from '../ports/alert-records.port.js';
import type { AlertOutcome } from './alert.js';
import { signedHeaders } from './event-signature.js';
import { withFields } from '../objects.js';

/** What a dialog reports when the customer answered an alert. */
export type AnswerReport = Omit<AlertOutcome, 'at'>;

/** Where verify-charge records an alert's answer; the bank hears of it by callback and the status API. */
export interface AlertAnswers {
  answered(alertId: string, report: AnswerReport): Promise<void>;
}

export interface AlertAnswersDeps {
  readonly records: AlertRecords;
  readonly now: () => Date;
  readonly logger: Logger;
  /** ALERTS_CALLBACK_URL and the shared secret it is signed with; absent: status API only. */
  readonly callback?: { readonly url: string; readonly secret: string };
  /** Callback attempts (default 3), the first retry after `retryMs` (default 500), doubling. */
  readonly attempts?: number;
  readonly retryMs?: number;
}

/**
 * Records the outcome (status `answered`, closed for read-out) and reports it to the bank: a
 * signed POST to the callback URL, like the bank's own events (`x-bankbot-timestamp`,
 * `x-bankbot-signature`), retried with backoff in the background. A repeated answer (a replayed
 * turn) reports nothing twice.
 */
export function createAlertAnswers(deps: AlertAnswersDeps): AlertAnswers & { settle(): Promise<void> } {
  const sending = new Set<Promise<void>>();

  const post = async (body: string): Promise<void> => {
    const { callback, logger } = deps;
    if (!callback) return;
    const attempts = deps.attempts ?? 3;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      try {
        const response = await fetch(callback.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...signedHeaders(callback.secret, body, deps.now().getTime()),
          },
          body,
          signal: AbortSignal.timeout(5000),
        });
        if (response.ok) return;
        logger.warn({ event: 'alert.callback_refused', status: response.status, attempt });
      } catch (error) {
        logger.warn({ event: 'alert.callback_failed', code: errorCode(error), attempt });
      }
      if (attempt < attempts) await sleep((deps.retryMs ?? 500) * 2 ** (attempt - 1));
    }
  };

  return {
    async answered(alertId, report) {
      const record = await deps.records.get(alertId);
      if (!record || record.status === 'answered') return;
      const outcome: AlertOutcome = withFields(report, { at: deps.now().toISOString() });
      await deps.records.update(alertId, { status: 'answered', outcome });
      await deps.records.closeOpen(record.customerId, alertId);
      deps.logger.info({ event: 'alert.answered', alertId, result: report.result });
      const body = JSON.stringify({
        type: 'alert.answered',
        alertId,
        customerId: record.customerId,
        transactionId: record.transactionId,
        outcome,
      });
      const run = post(body).finally(() => sending.delete(run));
      sending.add(run);
    },
    async settle() {
      await Promise.all(sending);
    },
  };
}
