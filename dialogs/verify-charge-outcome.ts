import type { TurnContext } from 'botbuilder-core';
import type { DialogDeps } from '../bot/dialog-module.js';
import { cardPhrase } from '../bot/alerts/alert-reply.js';
import type { AlertStartOptions } from '../bot/alerts/alert-turns.js';
import type { Transaction } from '../bot/ports/bank.port.js';
import { reply, say } from '../bot/reply.js';
import { transactionPhrase } from '../bot/transaction-search.js';
import { getTurn, send } from '../bot/turn.js';

/** How a fraud alert starts verify-charge: the alert's charge, and the answer when it was tapped. */
export type AlertStart = Partial<AlertStartOptions>;

/** "Yes, that was me": the bank records the charge as the customer's; an alert reports it back. */
export async function confirmCharge(
  context: TurnContext,
  deps: DialogDeps,
  tx: Transaction,
  alertId: string | undefined,
): Promise<void> {
  const { customer, channelId } = getTurn(context);
  await deps.bank.confirmTransaction(customer, tx.id);
  if (alertId)
    await deps.alerts?.answered(alertId, {
      answer: 'yes',
      result: 'confirmed',
      cardFrozen: false,
      channelId,
    });
  await send(context, reply(say`Thanks for confirming. I've marked the ${transactionPhrase(tx)} as yours.`));
}

/** "No": the card is frozen and a dispute opened; an alert reports both back to the bank. */
export async function freezeAndDispute(
  context: TurnContext,
  deps: DialogDeps,
  tx: Transaction,
  alertId: string | undefined,
): Promise<void> {
  const { customer, channelId } = getTurn(context);
  const card = await cardPhrase(deps.bank, customer, tx);
  if (tx.cardId) await deps.bank.setCardStatus(customer, tx.cardId, 'frozen');
  const dispute = await deps.bank.openDispute(customer, tx.id, 'fraudulent');
  if (alertId)
    await deps.alerts?.answered(alertId, {
      answer: 'no',
      result: 'disputed',
      cardFrozen: Boolean(tx.cardId),
      disputeId: dispute.id,
      channelId,
    });
  const frozen = card ? say`Your ${card} is frozen, and ` : [];
  const done = say`Done. ${frozen}I've opened dispute ${dispute.id} for the ${transactionPhrase(tx)}. Our team will be in touch within 10 business days.`;
  await send(
    context,
    reply(
      card ? [...done, ' Say "unfreeze my card" when you have a replacement or want to use it again.'] : done,
    ),
  );
}
