import type { Config } from '../config.js';
import type { DisclosureDeps } from '../disclosure/disclosure-filter.js';
import type { Logger } from '../logger.js';
import type { AlertQueue } from '../ports/alert-queue.port.js';
import type { AlertRecords } from '../ports/alert-records.port.js';
import type { BankPort } from '../ports/bank.port.js';
import type { AlertSentListener, ChannelPort } from '../ports/channel.port.js';
import type { ConsentLedger } from '../ports/consent.port.js';
import type { CustomerDataEraser, CustomerIndex } from '../ports/customer-data.port.js';
import type { IdentityPort } from '../ports/identity.port.js';
import type { Route } from '../server.js';
import { createAlertAnswers } from './alert-answers.js';
import { createAlertDelivery } from './alert-delivery.js';
import { createAlertPresenter } from './alert-presenter.js';
import { alertStatusRoute } from './alert-status.route.js';
import { AlertTurns } from './alert-turns.js';
import { createAlertWorker, type AlertWorker } from './alert-worker.js';
import { bankEventsRoute } from './bank-events.route.js';

/** Voice channels read open alerts out at the next conversation; Alexa user ids are kept for notifications. */
const VOICE = ['alexa', 'google'];
const REMEMBER_USERS = ['alexa'];

export interface AlertServiceDeps {
  readonly config: Config;
  readonly queue: AlertQueue;
  readonly records: AlertRecords;
  readonly consent: ConsentLedger;
  readonly index: CustomerIndex;
  readonly bank: BankPort;
  readonly now: () => Date;
  readonly logger: Logger;
  /** This instance's name in the consumer group. */
  readonly consumer: string;
}

/**
 * Fraud alerts, assembled from their ports: the bank's routes, the answers dialogs report, the
 * hooks customer turns use, the eraser for forget-me, and (once the channels exist) delivery.
 */
export function createAlertService(deps: AlertServiceDeps) {
  const { config, records, queue, logger, now } = deps;
  const callback =
    config.ALERTS_CALLBACK_URL && config.BANK_EVENTS_SECRET
      ? { url: config.ALERTS_CALLBACK_URL, secret: config.BANK_EVENTS_SECRET }
      : undefined;
  const answers = createAlertAnswers({ records, now, logger, ...(callback ? { callback } : {}) });
  const turns = new AlertTurns({
    records,
    index: deps.index,
    voiceChannels: new Set(VOICE),
    rememberUsersOn: new Set(REMEMBER_USERS),
    now,
    logger,
  });
  const routes: Route[] = [
    bankEventsRoute({
      secret: config.BANK_EVENTS_SECRET,
      queue,
      records,
      now,
      ttlSeconds: config.ALERTS_TTL_SECONDS,
      logger,
    }),
    alertStatusRoute({ token: config.ALERTS_API_TOKEN, records }),
  ];
  const onAlertSent: AlertSentListener = (alertId, target) => {
    records.markSent(alertId, `${target.channelId}:${target.userId}`).catch(() => undefined);
  };
  const eraser: CustomerDataEraser = async ({ customerId }) => {
    const { deleted, entries } = await records.erase(customerId);
    const removed = await queue.remove(entries);
    return deleted + removed;
  };
  let worker: AlertWorker | undefined;

  return {
    answers,
    turns,
    routes,
    onAlertSent,
    eraser,
    /** Builds delivery over the channels; polls when ALERTS_WORKER=on and bank events are configured. */
    deliverOn(
      channels: readonly ChannelPort[],
      identity: IdentityPort,
      disclosure: DisclosureDeps,
    ): AlertWorker {
      const deliver = createAlertDelivery({
        records,
        consent: deps.consent,
        index: deps.index,
        channels,
        voiceChannels: VOICE,
        present: createAlertPresenter({ identity, bank: deps.bank, disclosure }),
        consumer: deps.consumer,
        echoWaitMs: config.ALERTS_ECHO_WAIT_MS,
        now,
        logger,
      });
      worker = createAlertWorker({
        queue,
        records,
        deliver,
        consumer: deps.consumer,
        concurrency: config.ALERTS_CONCURRENCY,
        pollMs: config.ALERTS_POLL_MS,
        claimIdleMs: config.ALERTS_CLAIM_IDLE_MS,
        maxAttempts: config.ALERTS_MAX_ATTEMPTS,
        retryBaseMs: config.ALERTS_RETRY_BASE_MS,
        logger,
      });
      // Without the bank's secret no alert can be queued: nothing to poll for.
      if (config.ALERTS_WORKER === 'on' && config.BANK_EVENTS_SECRET) worker.start();
      return worker;
    },
    async close(): Promise<void> {
      await worker?.stop();
      await answers.settle();
    },
  };
}

export type AlertService = ReturnType<typeof createAlertService>;
