import type { WaterfallStepContext } from 'botbuilder-dialogs';
import { WaterfallDialog } from '../bot/dialog-classes.js';
import type { DialogModule } from '../bot/dialog-module.js';
import { alertReply, cardPhrase } from '../bot/alerts/alert-reply.js';
import { formatDate } from '../bot/render-text.js';
import { reply, say } from '../bot/reply.js';
import { SlotDialog } from '../bot/slot-dialog.js';
import { confirmSlot, mentionedIndex, pickedIndex } from '../bot/slots.js';
import {
  criteriaFrom,
  describeCriteria,
  searchTransactions,
  transactionItem,
  transactionPhrase,
} from '../bot/transaction-search.js';
import { getTurn, send } from '../bot/turn.js';
import { confirmCharge, freezeAndDispute, type AlertStart } from './verify-charge-outcome.js';

const ID = 'verify-charge';
const CHARGE_VERIFY = 'charge.verify';
const DESCRIBE = `${ID}.describe`;
const PICK = `${ID}.pick`;
const MINE = `${ID}.mine`;
const ACT = `${ID}.act`;
const MAX_CHOICES = 5;

type Ids = { ids: readonly string[] };
type Tx = { txId: string; alertId?: string };

/**
 * "Was this charge me?": find it, ask which when several match, explain it, then confirm or dispute.
 * A fraud alert starts it on the alert's charge (and with the answer, when one was tapped): "no"
 * then freezes the card and opens the dispute at once, and the outcome is reported to the bank.
 */
export const verifyCharge: DialogModule = {
  id: ID,
  intents: [CHARGE_VERIFY],
  needs: ['transactions'],
  create: (deps) => {
    const { bank } = deps;
    const describe = new SlotDialog<Record<string, never>, true>(DESCRIBE, {
      recognize: async (turn) => {
        const criteria = await criteriaFrom(turn, bank);
        return criteria.amount || criteria.merchant ? true : undefined;
      },
      ask: (_context, _params, reason) =>
        reply(
          `${reason === 'retry' ? "Sorry, I didn't catch that. " : ''}Which charge do you mean? Tell me the amount or where it was, for example "$42.10 at Whole Foods".`,
          { expectsInput: true },
        ),
    });

    const pick = new SlotDialog<Ids, string>(PICK, {
      recognize: async (turn, { ids }) => {
        const index = pickedIndex(turn, ids.length);
        if (index !== undefined) return ids[index];
        const txs = await Promise.all(ids.map((id) => bank.getTransaction(turn.customer, id)));
        const titles = txs.map((tx) => `${tx.merchant.name} ${formatDate(tx.date, turn)}`);
        const mentioned = mentionedIndex(turn.recognition.text, titles);
        return mentioned === undefined ? undefined : ids[mentioned];
      },
      ask: async (context, { ids }, reason) => {
        const turn = getTurn(context);
        const txs = await Promise.all(ids.map((id) => bank.getTransaction(turn.customer, id)));
        const intro =
          reason === 'retry'
            ? 'Sorry, which one? You can say "the first one".'
            : `I found ${ids.length} charges that match. Which one do you mean?`;
        return reply(intro, {
          items: txs.map(transactionItem),
          choices: txs.map((tx, i) => ({
            title: `${i + 1}. ${tx.merchant.name} ${formatDate(tx.date, turn)}`,
            value: String(i + 1),
          })),
        });
      },
    });

    const mine = confirmSlot<Tx>(MINE, async (context, { txId, alertId }, reason) => {
      const { customer } = getTurn(context);
      const tx = await bank.getTransaction(customer, txId);
      if (alertId && reason !== 'retry') return alertReply(bank, customer, tx);
      const card = await cardPhrase(bank, customer, tx);
      const pending = tx.status === 'pending' ? ' It is still pending.' : '';
      const explain = say`That's ${transactionPhrase(tx)}${card ? say`, paid with your ${card}` : ''}.${pending} Was it you?`;
      return reply(
        reason === 'retry' ? say`Please answer yes or no: was the ${transactionPhrase(tx)} you?` : explain,
        {
          choices: [
            { title: 'Yes, it was me', value: 'yes' },
            { title: "No, it wasn't me", value: 'no' },
          ],
        },
      );
    });

    const act = confirmSlot<Tx>(ACT, async (context, { txId }) => {
      const { customer } = getTurn(context);
      const tx = await bank.getTransaction(customer, txId);
      const card = await cardPhrase(bank, customer, tx);
      const offer = card
        ? say`I'm sorry about that. I can freeze your ${card} so it can't be used again, and open a dispute for the ${transactionPhrase(tx)}. Shall I do both?`
        : say`I'm sorry about that. I can open a dispute for the ${transactionPhrase(tx)}. Shall I?`;
      return reply(offer, { choices: ['Yes', 'No'] });
    });

    const flow = new WaterfallDialog(ID, [
      async (step) => {
        const { alert } = (step.options ?? {}) as AlertStart;
        if (alert) {
          Object.assign(step.values, { txId: alert.transactionId, alertId: alert.alertId });
          return step.next();
        }
        const criteria = await criteriaFrom(getTurn(step.context), bank);
        return criteria.amount || criteria.merchant ? step.next() : step.beginDialog(DESCRIBE);
      },
      async (step) => {
        const alerted = (step.values as Partial<Tx>).txId;
        if (alerted) return step.next(alerted);
        const turn = getTurn(step.context);
        const criteria = await criteriaFrom(turn, bank);
        const charges = (await searchTransactions(bank, turn, criteria)).filter((tx) => tx.amount.minor < 0);
        if (charges.length === 0) {
          const what = describeCriteria(criteria, 'USD');
          await send(
            step.context,
            reply(
              say`I couldn't find a charge${what} in the last 90 days. New charges can take a day to appear.`,
            ),
          );
          return step.endDialog();
        }
        if (charges.length === 1) return step.next(charges[0]?.id);
        return step.beginDialog(PICK, { ids: charges.slice(0, MAX_CHOICES).map((tx) => tx.id) });
      },
      async (step) => {
        (step.values as Partial<Tx>).txId = step.result as string;
        const { alertId } = step.values as Partial<Tx>;
        const { answer } = (step.options ?? {}) as AlertStart;
        if (answer) return step.next(answer === 'yes');
        return step.beginDialog(MINE, { txId: step.result as string, ...(alertId ? { alertId } : {}) });
      },
      async (step) => {
        const txId = txIdOf(step);
        const { alertId } = step.values as Partial<Tx>;
        // "Yes" to an alert clears the bank's fraud hold: on a shared speaker, only after the PIN.
        // ("No" only protects: it freezes the card, so anyone in the room may say it.)
        if (step.result === true && alertId) {
          const held = await deps.stepUp?.before(step, {
            dialogId: ID,
            intent: CHARGE_VERIFY,
            resume: { alert: { alertId, transactionId: txId }, answer: 'yes' } satisfies AlertStart,
          });
          if (held) return held;
        }
        const tx = await bank.getTransaction(getTurn(step.context).customer, txId);
        if (step.result === true) {
          await confirmCharge(step.context, deps, tx, alertId);
          return step.endDialog();
        }
        // An alert already said what "no" does: freeze and dispute without asking again.
        if (alertId) {
          await freezeAndDispute(step.context, deps, tx, alertId);
          return step.endDialog();
        }
        return step.beginDialog(ACT, { txId });
      },
      async (step) => {
        const { customer } = getTurn(step.context);
        const tx = await bank.getTransaction(customer, txIdOf(step));
        if (step.result !== true) {
          await send(
            step.context,
            reply(
              "OK, I haven't changed anything. If you change your mind, just ask me about this charge again.",
            ),
          );
          return step.endDialog();
        }
        await freezeAndDispute(step.context, deps, tx, undefined);
        return step.endDialog();
      },
    ]);
    return [flow, describe, pick, mine, act];
  },
};

function txIdOf(step: WaterfallStepContext): string {
  const txId = (step.values as Partial<Tx>).txId;
  if (!txId) throw new Error('verify-charge: no transaction chosen');
  return txId;
}
