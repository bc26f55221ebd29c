import { WaterfallDialog } from '../bot/dialog-classes.js';
import type { DialogModule } from '../bot/dialog-module.js';
import { reply } from '../bot/reply.js';
import { send } from '../bot/turn.js';
import { CAPABILITIES, EXAMPLES } from './help.dialog.js';

/** Off-topic requests get a polite redirect, never a banking answer. */
export const outOfScope: DialogModule = {
  id: 'out-of-scope',
  intents: ['common.outOfScope'],
  create: () =>
    new WaterfallDialog('out-of-scope', [
      async (step) => {
        await send(
          step.context,
          reply(`Sorry, I can't help with that. ${CAPABILITIES}`, { choices: EXAMPLES }),
        );
        return step.endDialog();
      },
    ]),
};
