import type { Logger } from '../logger.js';
import type { AuditPort } from '../ports/audit.port.js';

/** Disclosures as structured log events (`event: 'disclosure'`); the log line's own time is when. */
export function createLogAudit(logger: Logger): AuditPort {
  return {
    recordDisclosure: async ({ customerId, conversationId, channel, category, via }) => {
      logger.info({ event: 'disclosure', customerId, conversationId, channel, category, via });
    },
  };
}
