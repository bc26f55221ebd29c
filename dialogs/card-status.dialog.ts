import { WaterfallDialog } from '../bot/dialog-classes.js';
import type { DialogModule } from '../bot/dialog-module.js';
import { matchAccounts } from '../bot/entities/account-match.js';
import type { Card, CardStatus } from '../bot/ports/bank.port.js';
import { reply, say, sensitive, type Phrase } from '../bot/reply.js';
import { SlotDialog } from '../bot/slot-dialog.js';
import { confirmSlot, mentionedIndex, pickedIndex } from '../bot/slots.js';
import { getTurn, send, type Turn } from '../bot/turn.js';

const ID = 'card-status';
const PICK = `${ID}.pick`;
const CONFIRM = `${ID}.confirm`;

type Target = { target: CardStatus };
type Pick = Target & { ids: readonly string[] };
type Chosen = Target & { cardId: string };

const label = (card: Card): Phrase => say`${card.name} (${sensitive(card.maskedNumber, 'accountNumber')})`;
const verb = (target: CardStatus): string => (target === 'frozen' ? 'freeze' : 'unfreeze');

/** The cards the customer named ("my debit card", "the visa"), or all of them. */
async function namedCards(
  turn: Turn,
  cards: readonly Card[],
  accountIds: readonly string[],
): Promise<readonly Card[]> {
  const byName = mentionedIndex(
    turn.recognition.text,
    cards.map((card) => card.name),
  );
  if (byName !== undefined && cards[byName]) return [cards[byName]];
  const onAccounts = cards.filter((card) => accountIds.includes(card.accountId));
  return onAccounts.length > 0 ? onAccounts : cards;
}

/** Freeze or unfreeze a card, always with a confirmation first. */
export const cardStatus: DialogModule = {
  id: ID,
  intents: ['card.freeze', 'card.unfreeze'],
  create: ({ bank }) => {
    const cardsById = async (turn: Turn, ids: readonly string[]): Promise<Card[]> => {
      const cards = await bank.listCards(turn.customer);
      return ids.flatMap((id) => cards.filter((card) => card.id === id));
    };

    const pick = new SlotDialog<Pick, string>(PICK, {
      recognize: async (turn, { ids }) => {
        const index =
          pickedIndex(turn, ids.length) ??
          mentionedIndex(
            turn.recognition.text,
            (await cardsById(turn, ids)).map((c) => `${c.name} ${c.maskedNumber.replace(/\D/g, '')}`),
          );
        return index === undefined ? undefined : ids[index];
      },
      ask: async (context, { ids, target }, reason) => {
        const cards = await cardsById(getTurn(context), ids);
        const intro =
          reason === 'retry'
            ? 'Sorry, which card? You can say "the first one".'
            : `Which card do you want to ${verb(target)}?`;
        return reply(intro, {
          items: cards.map((card) => ({ title: label(card) })),
          choices: cards.map((card, i) => ({ title: card.name, value: String(i + 1) })),
        });
      },
    });

    const confirm = confirmSlot<Chosen>(CONFIRM, async (context, { cardId, target }) => {
      const [card] = await cardsById(getTurn(context), [cardId]);
      const name = card ? label(card) : ['card'];
      const question =
        target === 'frozen'
          ? say`Freeze your ${name}? You won't be able to pay with it until you unfreeze it.`
          : say`Unfreeze your ${name}? It will work again straight away.`;
      return reply(question, { choices: ['Yes', 'No'] });
    });

    const flow = new WaterfallDialog(ID, [
      async (step) => {
        const turn = getTurn(step.context);
        const target: CardStatus = turn.recognition.intent === 'card.unfreeze' ? 'active' : 'frozen';
        (step.values as Partial<Target>).target = target;
        const accounts = await bank.listAccounts(turn.customer);
        const kind = turn.recognition.entities.accountKind;
        const accountIds = kind ? matchAccounts(kind, turn.recognition.text, accounts).map((a) => a.id) : [];
        const named = await namedCards(turn, await bank.listCards(turn.customer), accountIds);
        const todo = named.filter((card) => card.status !== target);
        const [only] = named;
        if (todo.length === 0) {
          const state = target === 'frozen' ? 'frozen' : 'active';
          const text =
            named.length === 1 && only
              ? say`Your ${label(only)} is already ${state}.`
              : say`Your cards are already ${state}.`;
          await send(step.context, reply(text));
          return step.endDialog();
        }
        if (todo.length === 1) return step.next(todo[0]?.id);
        return step.beginDialog(PICK, { ids: todo.map((card) => card.id), target });
      },
      async (step) => {
        const { target } = step.values as Target;
        (step.values as Partial<Chosen>).cardId = step.result as string;
        return step.beginDialog(CONFIRM, { cardId: step.result as string, target });
      },
      async (step) => {
        const { target, cardId } = step.values as Chosen;
        if (step.result !== true) {
          await send(step.context, reply("OK, I've left your card as it is."));
          return step.endDialog();
        }
        const card = await bank.setCardStatus(getTurn(step.context).customer, cardId, target);
        const done =
          target === 'frozen'
            ? say`Done. Your ${label(card)} is frozen. Say "unfreeze my card" when you want to use it again.`
            : say`Done. Your ${label(card)} is active again.`;
        await send(step.context, reply(done));
        return step.endDialog();
      },
    ]);
    return [flow, pick, confirm];
  },
};
