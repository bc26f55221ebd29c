import type { TurnContext } from 'botbuilder-core';
import { errorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { AlertRecords } from '../ports/alert-records.port.js';
import type { CustomerIndex } from '../ports/customer-data.port.js';
import { ENGINE_INTENTS } from '../router.js';
import type { Turn } from '../turn.js';
import { TERMINAL, parseAnswerPayload, type AlertRecord } from './alert.js';

/** How verify-charge is started for an alert (see dialogs/verify-charge-outcome.ts). */
export interface AlertStartOptions {
  readonly alert: { readonly alertId: string; readonly transactionId: string };
  readonly answer?: 'yes' | 'no';
}

/** What a customer's turn does about alerts: start verify-charge on one, or say it is closed. */
export type AlertAction =
  { readonly kind: 'begin'; readonly options: AlertStartOptions } | { readonly kind: 'closed' };

export interface AlertTurnsDeps {
  readonly records: AlertRecords;
  readonly index: CustomerIndex;
  /** Channels that read open alerts out at the next conversation (Alexa, Google). */
  readonly voiceChannels: ReadonlySet<string>;
  /** Channels whose user id is worth keeping for pushes (Alexa notifications). */
  readonly rememberUsersOn: ReadonlySet<string>;
  readonly now: () => Date;
  readonly logger: Logger;
}

const GREETING = 'common.greeting';

/**
 * Alerts inside customer turns: a tapped answer (`alert:<id>:no`) starts verify-charge with it;
 * a voice launch reads out the newest open alert not yet read on that channel; a plain "yes" or
 * "no" with nothing else going on answers the newest alert delivered on the channel.
 */
export class AlertTurns {
  constructor(private readonly deps: AlertTurnsDeps) {}

  async actionFor(context: TurnContext, turn: Turn, busy: boolean): Promise<AlertAction | undefined> {
    const customerId = turn.customer.customerId;
    const tapped = parseAnswerPayload(turn.recognition.text);
    if (tapped) {
      const record = await this.deps.records.get(tapped.alertId);
      if (!record || record.customerId !== customerId || !this.isOpen(record)) return { kind: 'closed' };
      return { kind: 'begin', options: { alert: this.ref(record), answer: tapped.answer } };
    }
    if (busy) return undefined;
    const { intent } = turn.recognition;
    if (intent === GREETING && this.deps.voiceChannels.has(turn.channelId)) {
      await this.remember(context, turn);
      for (const record of await this.openAlerts(customerId))
        if (await this.deps.records.markPresented(record.alertId, turn.channelId))
          return { kind: 'begin', options: { alert: this.ref(record) } };
      return undefined;
    }
    if (intent !== ENGINE_INTENTS.confirm && intent !== ENGINE_INTENTS.deny) return undefined;
    const delivered = (await this.openAlerts(customerId)).find((r) => r.channels.includes(turn.channelId));
    if (!delivered) return undefined;
    const answer = intent === ENGINE_INTENTS.confirm ? 'yes' : 'no';
    return { kind: 'begin', options: { alert: this.ref(delivered), answer } };
  }

  private ref(record: AlertRecord): AlertStartOptions['alert'] {
    return { alertId: record.alertId, transactionId: record.transactionId };
  }

  private isOpen(record: AlertRecord): boolean {
    return !TERMINAL.has(record.status) && Date.parse(record.expiresAt) > this.deps.now().getTime();
  }

  /** The customer's open alerts, newest first. */
  private async openAlerts(customerId: string): Promise<AlertRecord[]> {
    const ids = await this.deps.records.openFor(customerId);
    const records = await Promise.all(ids.map((id) => this.deps.records.get(id)));
    return records
      .filter((r): r is AlertRecord => r !== undefined && this.isOpen(r))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** Alexa sends a user id with every request: kept in the customer's index, so alerts can be pushed to it. */
  private async remember(context: TurnContext, turn: Turn): Promise<void> {
    const userId = context.activity.from?.id;
    if (!userId || !this.deps.rememberUsersOn.has(turn.channelId)) return;
    await this.deps.index
      .addChannelUser(turn.customer.customerId, { channelId: turn.channelId, userId })
      .catch((error: unknown) =>
        this.deps.logger.warn({ event: 'alert.remember_failed', code: errorCode(error) }),
      );
  }
}
