import type { DialogModule } from '../bot/dialog-module.js';
import { oneStep } from '../bot/one-step-dialog.js';
import { reply } from '../bot/reply.js';

export const CAPABILITIES = 'I can help with balances, transactions, charges and cards.';
export const EXAMPLES = [
  "What's my balance?",
  'Recent transactions',
  'Was this charge me?',
  'Freeze my card',
];

/** What bankbot can do. Asked mid-conversation, it answers and the interrupted question comes back. */
export const help: DialogModule = {
  id: 'help',
  intents: ['common.help'],
  create: () =>
    oneStep('help', async () =>
      reply(
        `${CAPABILITIES} Try "what's my balance", "what did I spend at Starbucks last month", "what is this $42.10 charge" or "freeze my card". Say "agent" to talk to a person, or "cancel" to stop what we're doing. Your data stays yours. Ask "what do you keep about me?", "forget me" or "stop sending me alerts".`,
        { choices: EXAMPLES, expectsInput: true },
      ),
    ),
};
