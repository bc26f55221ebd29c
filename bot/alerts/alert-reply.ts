import type { BankPort, CustomerRef, Transaction } from '../ports/bank.port.js';
import { reply, say, sensitive, type Phrase, type Reply } from '../reply.js';
import { transactionPhrase } from '../transaction-search.js';
import { answerPayload } from './alert.js';

/** "Visa debit (••5556)": the card a transaction was paid with, when the bank says. */
export async function cardPhrase(
  bank: BankPort,
  customer: CustomerRef,
  tx: Transaction,
): Promise<Phrase | undefined> {
  if (!tx.cardId) return undefined;
  const card = (await bank.listCards(customer)).find((c) => c.id === tx.cardId);
  return card ? say`${card.name} (${sensitive(card.maskedNumber, 'accountNumber')})` : undefined;
}

/** What a voice channel says: nothing about the amount or merchant (the policy may show those on a screen). */
const SPOKEN = say`There is a charge on your card that needs your attention. Was it you?`;

/**
 * The alert as the customer first sees it: the charge (masked and disclosed by the channel's
 * policy like any reply), a spoken variant without it, and Yes / No. With `alertId` the choices
 * carry the alert (quick replies tapped on a pushed alert); without it they are a plain yes / no.
 */
export async function alertReply(
  bank: BankPort,
  customer: CustomerRef,
  tx: Transaction,
  alertId?: string,
): Promise<Reply> {
  const card = await cardPhrase(bank, customer, tx);
  const paid = card ? say`, paid with your ${card}` : [];
  const text = say`Fraud alert: a charge of ${transactionPhrase(tx)}${paid} needs your attention. Was it you?`;
  return reply(text, {
    speech: SPOKEN,
    choices: [
      { title: 'Yes', value: alertId ? answerPayload(alertId, 'yes') : 'yes' },
      { title: 'No', value: alertId ? answerPayload(alertId, 'no') : 'no' },
    ],
  });
}
