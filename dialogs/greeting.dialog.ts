import { WaterfallDialog } from 'botbuilder-dialogs';
import type { DialogModule } from '../bot/dialog-module.js';
import { reply, say, sensitive } from '../bot/reply.js';
import { getTurn, send } from '../bot/turn.js';
import { CAPABILITIES, EXAMPLES } from './help.dialog.js';

/** Hello and thanks. The greeting uses the customer's first name when the bank answers. */
export const greeting: DialogModule = {
  id: 'greeting',
  intents: ['common.greeting', 'common.thanks'],
  create: ({ bank }) =>
    new WaterfallDialog('greeting', [
      async (step) => {
        const turn = getTurn(step.context);
        if (turn.recognition.intent === 'common.thanks') {
          await send(
            step.context,
            reply("You're welcome! Is there anything else I can help with?", { expectsInput: true }),
          );
          return step.endDialog();
        }
        const firstName = await bank.getProfile(turn.customer).then(
          (profile) => profile.firstName,
          () => undefined,
        );
        const hello = firstName ? say`Hi ${sensitive(firstName, 'personal')}! ` : say`Hi! `;
        await send(
          step.context,
          reply([...hello, CAPABILITIES, ' What would you like to do?'], { choices: EXAMPLES }),
        );
        return step.endDialog();
      },
    ]),
};
