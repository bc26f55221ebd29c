import { WaterfallDialog } from '../bot/dialog-classes.js';
import type { DialogModule } from '../bot/dialog-module.js';
import { reply } from '../bot/reply.js';
import { getTurn, send } from '../bot/turn.js';

/**
 * Hands the conversation to a person: a `handoff.initiate` event for the channel or contact
 * centre, carrying a short summary (intent codes only, never amounts or names), and a sentence.
 */
export const handoff: DialogModule = {
  id: 'handoff',
  intents: ['common.handoff'],
  create: () =>
    new WaterfallDialog('handoff', [
      async (step) => {
        const turn = getTurn(step.context);
        const topics = turn.history.filter((intent) => !intent.startsWith('common.'));
        const summary = {
          customerId: turn.customer.customerId,
          channel: turn.channelId,
          topics,
          reason: 'customer_request',
        };
        // The Bot Framework handoff protocol's event (what botbuilder's EventFactory builds), without the transcript.
        await step.context.sendActivity({ type: 'event', name: 'handoff.initiate', value: summary });
        await send(
          step.context,
          reply(
            "I'm connecting you with a member of our team. They'll see a short summary of what we talked about, so you won't have to repeat yourself.",
            { expectsInput: false },
          ),
        );
        return step.cancelAllDialogs();
      },
    ]),
};
