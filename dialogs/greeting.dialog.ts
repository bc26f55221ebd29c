import type { DialogModule } from '../bot/dialog-module.js';
import { oneStep } from '../bot/one-step-dialog.js';
import { reply, say, sensitive } from '../bot/reply.js';
import { CAPABILITIES, EXAMPLES } from './help.dialog.js';

/** Hello and thanks. The greeting uses the customer's first name when the bank answers. */
export const greeting: DialogModule = {
  id: 'greeting',
  intents: ['common.greeting', 'common.thanks'],
  create: ({ bank }) =>
    oneStep('greeting', async (turn) => {
      if (turn.recognition.intent === 'common.thanks')
        return reply("You're welcome! Is there anything else I can help with?", { expectsInput: true });
      const firstName = await bank.getProfile(turn.customer).then(
        (profile) => profile.firstName,
        () => undefined,
      );
      const hello = firstName ? say`Hi ${sensitive(firstName, 'personal')}! ` : say`Hi! `;
      return reply([...hello, CAPABILITIES, ' What would you like to do?'], { choices: EXAMPLES });
    }),
};
