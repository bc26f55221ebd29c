import { WaterfallDialog } from '../bot/dialog-classes.js';
import type { DialogModule } from '../bot/dialog-module.js';
import { dayIn } from '../bot/intl-cache.js';
import { negate, sumMoney } from '../bot/money.js';
import { NOT_SPENDING } from '../bot/ports/bank.port.js';
import { amount, reply, say, sensitive } from '../bot/reply.js';
import { criteriaFrom, describeCriteria, searchTransactions } from '../bot/transaction-search.js';
import { getTurn, send, type Turn } from '../bot/turn.js';
import { withFields } from '../bot/objects.js';

/** First day of the customer's current month to today, as YYYY-MM-DD. */
function thisMonth(turn: Turn): { from: string; to: string; text: string } {
  const today = dayIn(turn.now, turn.timeZone);
  return { from: `${today.slice(0, 8)}01`, to: today, text: 'this month' };
}

/** "How much did I spend at Tesco last month": the total of outgoing payments, with the count. */
export const spending: DialogModule = {
  id: 'spending',
  intents: ['spending.total'],
  needs: ['transactions'],
  create: ({ bank }) =>
    new WaterfallDialog('spending', [
      async (step) => {
        const turn = getTurn(step.context);
        const asked = await criteriaFrom(turn, bank);
        if (asked.unknownMerchant) {
          await send(
            step.context,
            reply(say`I couldn't find any spending at ${sensitive(asked.unknownMerchant)}.`),
          );
          return step.endDialog();
        }
        const criteria = withFields(asked, { dateRange: asked.dateRange ?? thisMonth(turn) });
        const payments = (await searchTransactions(bank, turn, criteria)).filter(
          (tx) => tx.amount.minor < 0 && !NOT_SPENDING.has(tx.merchant.category),
        );
        const currency = payments[0]?.amount.currency;
        const what = describeCriteria(criteria, currency ?? 'USD');
        if (!currency) {
          await send(step.context, reply(say`You didn't spend anything${what}.`));
          return step.endDialog();
        }
        const same = payments.filter((tx) => tx.amount.currency === currency);
        const total = negate(
          sumMoney(
            same.map((tx) => tx.amount),
            currency,
          ),
        );
        const count = same.length === 1 ? 'one payment' : `${same.length} payments`;
        await send(step.context, reply(say`You spent ${amount(total)}${what}, across ${count}.`));
        return step.endDialog();
      },
    ]),
};
