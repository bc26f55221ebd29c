import { WaterfallDialog } from '../bot/dialog-classes.js';
import type { DialogModule } from '../bot/dialog-module.js';
import { DATA_CATEGORIES, type ConsentDecision } from '../bot/ports/consent.port.js';
import { channelName, onChannel } from '../bot/privacy/consent-words.js';
import type { PrivacySummary } from '../bot/privacy/customer-privacy.js';
import { day, reply, say, type ListItem } from '../bot/reply.js';
import { send } from '../bot/turn.js';

const HOW: Readonly<Record<ConsentDecision['source'], string>> = {
  'account-link': 'when you linked your account',
  conversation: 'as you asked',
};

const order = (d: ConsentDecision): string => `${d.channelId}|${DATA_CATEGORIES.indexOf(d.category)}`;

function decisionItem(decision: ConsentDecision): ListItem {
  const category = decision.category.charAt(0).toUpperCase() + decision.category.slice(1);
  return {
    title: [`${category} ${onChannel(decision.channelId)}: ${decision.granted ? 'allowed' : 'not allowed'}`],
    subtitle: say`since ${day(decision.at)}, ${HOW[decision.source]}`,
  };
}

/** Everything else kept: conversations and channel links, as counts and kinds, never contents. */
function footprintSentence({ footprint, conversationTtlHours }: PrivacySummary): string {
  const count = footprint.conversations.length;
  const conversations = `${count} ${count === 1 ? 'conversation' : 'conversations'} with you (ids, the step we're at and your language), each deleted ${conversationTtlHours} hours after we last talk`;
  const channels = [...new Set(footprint.channelUsers.map((user) => channelName(user.channelId)))];
  const links =
    channels.length > 0 ? `, and the link to your ${channels.join(' and ')} account (ids only)` : '';
  return `I also keep ${conversations}${links}. I never store your balances, transactions, amounts, merchants, account or card numbers. Say "forget me" to delete all of it.`;
}

/** "What do you keep about me?": sharing choices per channel with their dates, and what else is stored. */
export const myData: DialogModule = {
  id: 'my-data',
  intents: ['privacy.summary'],
  create: ({ privacy }) =>
    new WaterfallDialog('my-data', [
      async (step) => {
        const summary = await privacy.summary(step.context);
        const decisions = [...summary.consent.decisions].sort((a, b) => order(a).localeCompare(order(b)));
        await send(
          step.context,
          decisions.length > 0
            ? reply("Here's what you've let me share:", { items: decisions.map(decisionItem) })
            : reply("You haven't let me share anything yet."),
        );
        await send(step.context, reply(footprintSentence(summary)));
        return step.endDialog();
      },
    ]),
};
