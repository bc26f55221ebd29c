import { WaterfallDialog } from '../bot/dialog-classes.js';
import type { DialogModule } from '../bot/dialog-module.js';
import { ACCESS_TOKEN } from '../bot/ports/channel.port.js';
import { channelName } from '../bot/privacy/consent-words.js';
import { reply } from '../bot/reply.js';
import { confirmSlot } from '../bot/slots.js';
import { getTurn, send } from '../bot/turn.js';

const ID = 'forget-me';
const CONFIRM = `${ID}.confirm`;

const QUESTION =
  "I'll delete everything I keep about you on every channel: your sharing choices, your linked accounts and our conversations. Your bank accounts won't change. Go ahead?";

/** "Forget me", "unlink my account": after a confirmation, erases everything kept about the customer. */
export const forgetMe: DialogModule = {
  id: ID,
  intents: ['privacy.forget'],
  create: ({ privacy }) => {
    const confirm = confirmSlot(CONFIRM, (_context, _params, reason) =>
      reply(`${reason === 'retry' ? 'Please answer yes or no. ' : ''}${QUESTION}`, {
        choices: ['Yes', 'No'],
      }),
    );
    const flow = new WaterfallDialog(ID, [
      async (step) => step.beginDialog(CONFIRM, {}),
      async (step) => {
        if (step.result !== true) {
          await send(step.context, reply("OK, I haven't deleted anything."));
          return step.endDialog();
        }
        await privacy.forget(step.context);
        const { channelId } = getTurn(step.context);
        // Alexa and Google keep the link in their own app, where only the customer can remove it.
        const platformLink = step.context.turnState.get(ACCESS_TOKEN)
          ? ` Your account is still linked in the ${channelName(channelId)} app: unlink it there so I stop recognising you.`
          : '';
        await send(
          step.context,
          reply(`Done. I've deleted everything I kept about you.${platformLink}`, { expectsInput: false }),
        );
        return step.endDialog();
      },
    ]);
    return [flow, confirm];
  },
};
