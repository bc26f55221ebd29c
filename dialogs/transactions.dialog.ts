import { WaterfallDialog } from '../bot/dialog-classes.js';
import type { DialogModule } from '../bot/dialog-module.js';
import { reply, say, sensitive } from '../bot/reply.js';
import {
  criteriaFrom,
  describeCriteria,
  searchTransactions,
  transactionItem,
} from '../bot/transaction-search.js';
import { getTurn, send } from '../bot/turn.js';

/** How many transactions one reply lists; channels may show fewer. */
export const LIST_LIMIT = 5;

/** Recent, pending, and searched transactions (merchant, amount, date range). */
export const transactions: DialogModule = {
  id: 'transactions',
  intents: ['transactions.recent', 'transactions.pending', 'transactions.search'],
  needs: ['transactions'],
  create: ({ bank }) =>
    new WaterfallDialog('transactions', [
      async (step) => {
        const turn = getTurn(step.context);
        const pending = turn.recognition.intent === 'transactions.pending';
        const criteria = await criteriaFrom(turn, bank, pending ? 'pending' : undefined);
        if (criteria.unknownMerchant) {
          await send(
            step.context,
            reply(say`I couldn't find any transactions at ${sensitive(criteria.unknownMerchant)}.`),
          );
          return step.endDialog();
        }
        const found = await searchTransactions(bank, turn, criteria);
        const currency = found[0]?.amount.currency ?? 'USD';
        const what = describeCriteria(criteria, currency);
        if (found.length === 0) {
          const none = pending
            ? say`You have no pending transactions.`
            : say`I couldn't find any transactions${what}.`;
          await send(step.context, reply(none));
          return step.endDialog();
        }
        const shown = found.slice(0, LIST_LIMIT);
        const header =
          what.length === 0
            ? say`Here are your ${shown.length} most recent transactions:`
            : found.length > shown.length
              ? say`I found ${found.length} transactions${what}. The latest ${shown.length}:`
              : say`I found ${found.length === 1 ? 'one transaction' : `${found.length} transactions`}${what}:`;
        await send(step.context, reply(header, { items: shown.map(transactionItem) }));
        return step.endDialog();
      },
    ]),
};
