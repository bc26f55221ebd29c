import type { TurnContext } from 'botbuilder-core';
import {
  attachDisclosure,
  setDisclosureScope,
  type DisclosureDeps,
} from '../disclosure/disclosure-filter.js';
import { CodedError } from '../errors.js';
import type { BankPort } from '../ports/bank.port.js';
import type { BotLogic } from '../ports/channel.port.js';
import type { IdentityPort } from '../ports/identity.port.js';
import { toActivity } from '../turn.js';
import type { AlertRecord } from './alert.js';
import { alertReply } from './alert-reply.js';

export interface AlertPresenterDeps {
  readonly identity: IdentityPort;
  readonly bank: BankPort;
  readonly disclosure: DisclosureDeps;
}

/**
 * The turn that shows a pushed alert on the customer's thread: the channel user must still be
 * linked to the alert's customer; the charge is read from the bank (never from the queue) and the
 * reply goes through the channel's disclosure policy like every other reply.
 */
export function createAlertPresenter(deps: AlertPresenterDeps): (record: AlertRecord) => BotLogic {
  return (record) => async (context: TurnContext) => {
    const { channelId, from, conversation } = context.activity;
    const customer = from?.id ? await deps.identity.resolve({ channelId, userId: from.id }) : undefined;
    if (customer?.customerId !== record.customerId)
      throw new CodedError('ALERT_ERR_PUSH_FAILED', 'alert: the channel user is not linked to the customer');
    attachDisclosure(context, deps.disclosure);
    const profile = await deps.bank.getProfile(customer).catch(() => undefined);
    const format = profile
      ? { locale: profile.locale, timeZone: profile.timeZone }
      : deps.disclosure.defaults;
    const tx = await deps.bank.getTransaction(customer, record.transactionId);
    const value = await alertReply(deps.bank, customer, tx, record.alertId);
    setDisclosureScope(context, {
      customer,
      conversationId: conversation?.id ?? from.id,
      channelId,
      assured: false,
    });
    await context.sendActivity(toActivity(value, format));
  };
}
