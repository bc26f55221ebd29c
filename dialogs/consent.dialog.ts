import { WaterfallDialog } from '../bot/dialog-classes.js';
import type { DialogModule } from '../bot/dialog-module.js';
import { isDataCategory, type DataCategory } from '../bot/ports/consent.port.js';
import { categoriesIn, channelIn, consentActions, onChannel } from '../bot/privacy/consent-words.js';
import { reply } from '../bot/reply.js';
import { SlotDialog } from '../bot/slot-dialog.js';
import { getTurn, send } from '../bot/turn.js';

const ID = 'consent';
const PICK = `${ID}.pick`;

type Change = { granted: boolean; channelId: string };

/**
 * "Stop sending me alerts", "stop showing my transactions here", "send me fraud alerts": grants
 * and revokes a data category on this channel (or the one named), recorded in the consent ledger.
 */
export const consent: DialogModule = {
  id: ID,
  intents: ['consent.grant', 'consent.revoke'],
  create: ({ privacy }) => {
    const pick = new SlotDialog<Change, readonly DataCategory[]>(PICK, {
      recognize: (turn) => {
        const categories = categoriesIn(turn.recognition.text);
        return categories.length > 0 ? categories : undefined;
      },
      ask: (_context, { granted }, reason) =>
        reply(
          `${reason === 'retry' ? 'Sorry, which one? ' : ''}Which do you want to ${granted ? 'allow' : 'stop'}: balances, transactions or alerts?`,
          { choices: ['Balances', 'Transactions', 'Alerts'] },
        ),
    });

    const flow = new WaterfallDialog(ID, [
      async (step) => {
        const { recognition, channelId } = getTurn(step.context);
        const change: Change = {
          granted: recognition.intent === 'consent.grant',
          channelId: channelIn(recognition.text) ?? channelId,
        };
        Object.assign(step.values, change);
        const categories = categoriesIn(recognition.text);
        return categories.length > 0 ? step.next(categories) : step.beginDialog(PICK, change);
      },
      async (step) => {
        const { granted, channelId } = step.values as Change;
        const categories = (step.result as readonly string[]).filter(isDataCategory);
        await privacy.consent.decide(step.context, { categories, granted, channelId });
        const where = onChannel(channelId);
        const done = granted
          ? `Done. I'll ${consentActions(categories, 'and')} ${where} from now on.`
          : `Done. I won't ${consentActions(categories, 'or')} ${where} any more. You can allow it again at any time.`;
        await send(step.context, reply(done));
        // A question left open below this one may be about the data just withdrawn: it is dropped, not resumed.
        return granted ? step.endDialog() : step.cancelAllDialogs();
      },
    ]);
    return [flow, pick];
  },
};
