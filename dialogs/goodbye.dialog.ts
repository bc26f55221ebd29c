import { WaterfallDialog } from '../bot/dialog-classes.js';
import type { DialogModule } from '../bot/dialog-module.js';
import { reply } from '../bot/reply.js';
import { send } from '../bot/turn.js';

/** Ends the conversation; voice channels close the session. */
export const goodbye: DialogModule = {
  id: 'goodbye',
  intents: ['common.goodbye'],
  create: () =>
    new WaterfallDialog('goodbye', [
      async (step) => {
        await send(step.context, reply('Goodbye! Come back any time.', { expectsInput: false }));
        return step.cancelAllDialogs();
      },
    ]),
};
