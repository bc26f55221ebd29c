import { setTimeout as sleep } from 'node:timers/promises';
import { errorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { AlertRecords } from '../ports/alert-records.port.js';
import type { BotLogic, ChannelPort } from '../ports/channel.port.js';
import { isGranted, type ConsentLedger } from '../ports/consent.port.js';
import type { ChannelUserRef, CustomerIndex } from '../ports/customer-data.port.js';
import { TERMINAL, type AlertRecord } from './alert.js';

export interface AlertDeliveryDeps {
  readonly records: AlertRecords;
  readonly consent: ConsentLedger;
  readonly index: CustomerIndex;
  /** Channels that push (Messenger, Alexa notifications), by id. */
  readonly channels: readonly ChannelPort[];
  /** Channels that read open alerts out at the customer's next conversation. */
  readonly voiceChannels: readonly string[];
  /** The bot turn that shows an alert on a pushing channel. */
  readonly present: (record: AlertRecord) => BotLogic;
  /** This instance's consumer name: who holds a send. */
  readonly consumer: string;
  /** How long a send another consumer left unfinished waits for the platform's echo before it is redone. */
  readonly echoWaitMs: number;
  readonly now: () => Date;
  readonly logger: Logger;
}

/** What became of one attempt: finished (delivered, expired or gone), worth retrying, or hopeless. */
export type DeliveryResult =
  | { readonly kind: 'done' }
  | { readonly kind: 'retry' | 'dead'; readonly reason: string; readonly failure: FailedAttempt };

/** What the worker needs of a failed attempt's record, so it need not read it again. */
export interface FailedAttempt {
  readonly attempts: number;
  readonly customerId: string;
}

const ECHO_POLL_MS = 50;
/** Failures no retry can mend: the bank does not know the transaction, or refuses the customer. */
const PERMANENT: ReadonlySet<string> = new Set([
  'BANK_ERR_NOT_FOUND',
  'BANK_ERR_INVALID',
  'BANK_ERR_UNAUTHORIZED',
  'BANK_ERR_FORBIDDEN',
]);

/**
 * Delivers one alert at least once and shows it at most once per channel user: every push is
 * claimed in the alert's record before it is sent and marked sent after, so a redelivered entry
 * skips what already went out. A send that a dead instance left unfinished is ambiguous: the
 * platform's echo (Messenger returns the alert id in the message metadata) settles it; without
 * one within `echoWaitMs` it is sent again (a lost alert is worse than a rare second one).
 */
export function createAlertDelivery(deps: AlertDeliveryDeps) {
  const pushers = new Map(deps.channels.filter((c) => c.pushAlert).map((c) => [c.id, c]));

  const waitForEcho = async (alertId: string, target: string, holder: string): Promise<'sent' | 'taken'> => {
    const until = Date.now() + deps.echoWaitMs;
    while (Date.now() < until) {
      await sleep(ECHO_POLL_MS);
      const claim = await deps.records.claimSend(alertId, target, deps.consumer);
      if (claim.state === 'sent') return 'sent';
      if (claim.state === 'claimed') return 'taken';
      if (claim.by !== holder) throw new Error('alert send taken over by another consumer');
    }
    if (!(await deps.records.takeOver(alertId, target, holder, deps.consumer)))
      throw new Error('alert send changed hands');
    deps.logger.warn({ event: 'alert.resend_unconfirmed', alertId, from: holder });
    return 'taken';
  };

  const pushOnce = async (record: AlertRecord, user: ChannelUserRef): Promise<void> => {
    const channel = pushers.get(user.channelId);
    if (!channel?.pushAlert) return;
    const target = `${user.channelId}:${user.userId}`;
    const claim = await deps.records.claimSend(record.alertId, target, deps.consumer);
    if (claim.state === 'sent') return;
    if (claim.state === 'sending' && claim.by !== deps.consumer) {
      if ((await waitForEcho(record.alertId, target, claim.by)) === 'sent') return;
    }
    try {
      await channel.pushAlert({ alertId: record.alertId, userId: user.userId }, deps.present(record));
    } catch (error) {
      await deps.records.release(record.alertId, target, deps.consumer).catch(() => undefined);
      throw error;
    }
    await deps.records.markSent(record.alertId, target);
  };

  return async function deliver(alertId: string): Promise<DeliveryResult> {
    const record = await deps.records.get(alertId);
    // Erased (forget-me) or already settled: nothing left to do.
    if (!record || TERMINAL.has(record.status) || record.status === 'delivered') return { kind: 'done' };
    if (Date.parse(record.expiresAt) <= deps.now().getTime()) {
      await deps.records.update(alertId, { status: 'expired', reason: 'ALERT_EXPIRED' });
      await deps.records.closeOpen(record.customerId, alertId);
      deps.logger.info({ event: 'alert.expired', alertId });
      return { kind: 'done' };
    }
    const failure = { attempts: await deps.records.countAttempt(alertId), customerId: record.customerId };
    const [snapshot, footprint] = await Promise.all([
      deps.consent.get(record.customerId),
      deps.index.list(record.customerId),
    ]);
    const allowed = (channelId: string): boolean => isGranted(snapshot, channelId, 'alerts');
    const pushTo = footprint.channelUsers.filter((u) => pushers.has(u.channelId) && allowed(u.channelId));
    const voice = deps.voiceChannels.filter(allowed);
    if (pushTo.length === 0 && voice.length === 0)
      return { kind: 'dead', reason: 'ALERT_ERR_NO_CHANNEL', failure };
    await deps.records.addOpen(record.customerId, alertId);
    const failures: string[] = [];
    for (const user of pushTo) {
      try {
        await pushOnce(record, user);
      } catch (error) {
        failures.push(errorCode(error));
        deps.logger.warn({
          event: 'alert.push_failed',
          alertId,
          channel: user.channelId,
          code: errorCode(error),
        });
      }
    }
    const hopeless = failures.find((code) => PERMANENT.has(code));
    if (hopeless) return { kind: 'dead', reason: hopeless, failure };
    if (failures.length > 0)
      return { kind: 'retry', reason: failures[0] ?? 'ALERT_ERR_PUSH_FAILED', failure };
    const channels = [...new Set([...pushTo.map((u) => u.channelId), ...voice])];
    await deps.records.update(alertId, { status: 'delivered', channels });
    deps.logger.info({ event: 'alert.delivered', alertId, channels });
    return { kind: 'done' };
  };
}

export type DeliverAlert = ReturnType<typeof createAlertDelivery>;
