import type { TurnContext } from 'botbuilder-core';
import type { ConversationStore } from './conversation-store.js';
import { ReplayedRequestError, customerSentence, errorCode } from './errors.js';
import type { Logger } from './logger.js';
import { Outbox } from './outbox.js';
import { isETagConflict } from './state-errors.js';

const MAX_ATTEMPTS = 3;

/**
 * Runs a turn as a transaction: load state, work, save with compare-and-set, and only then send
 * the replies. A turn that loses the race to another instance is replayed on fresh state (bank
 * actions are idempotent); any other failure is logged by code and told to the customer plainly,
 * and the state is left as it was before the turn.
 */
export async function runTransactionally(
  context: TurnContext,
  store: ConversationStore,
  logger: Logger,
  work: () => Promise<void>,
): Promise<void> {
  const outbox = new Outbox(context);
  const started = Date.now();
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    try {
      await store.load(context, attempt > 1);
      await work();
      await store.save(context);
      break;
    } catch (error) {
      outbox.discard();
      // A replay is refused as a request (401), not answered: nothing it did is sent.
      if (error instanceof ReplayedRequestError) throw error;
      if (isETagConflict(error) && attempt < MAX_ATTEMPTS) {
        logger.info({ event: 'turn.retry', code: 'STORAGE_ERR_CONFLICT', attempt });
        continue;
      }
      const code = isETagConflict(error) ? 'STORAGE_ERR_CONFLICT' : errorCode(error);
      // Internal errors are bugs: their stack helps and, by project rule, error messages carry no data.
      const detail =
        code === 'BOT_ERR_INTERNAL' && error instanceof Error ? { err: error.stack ?? error.message } : {};
      logger.warn({ event: 'turn.failed', code, channel: context.activity.channelId, attempt, ...detail });
      await context.sendActivity({
        type: 'message',
        text: customerSentence({ code }),
        inputHint: 'acceptingInput',
      });
      break;
    }
  }
  await outbox.release();
  logger.debug({ event: 'turn.done', channel: context.activity.channelId, ms: Date.now() - started });
}
