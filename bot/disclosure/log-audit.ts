import type { Logger } from '../logger.js';
import type { AuditPort } from '../ports/audit.port.js';

/** Settled once: a log line is written when `info` returns, so there is nothing to wait for. */
const WRITTEN: Promise<void> = Promise.resolve();

/** Disclosures as structured log events (`event: 'disclosure'`); the log line's own time is when. */
export function createLogAudit(logger: Logger): AuditPort {
  return {
    recordDisclosure: ({ customerId, conversationId, channel, category, via }) => {
      try {
        logger.info({ event: 'disclosure', customerId, conversationId, channel, category, via });
      } catch (error) {
        return Promise.reject(error as Error);
      }
      return WRITTEN;
    },
  };
}
