import type { TurnContext } from 'botbuilder-core';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { Dialog } from './dialog-classes.js';
import type { Reply } from './reply.js';
import { getTurn, send, type Turn } from './turn.js';

/** What a one-step dialog says to a turn: one reply or several, in order. */
export type Answer = (turn: Turn) => Promise<Reply | readonly Reply[]>;

/**
 * A dialog of one step: the turn in, replies out, nothing kept between turns ("what's my balance",
 * "help"). The engine answers it without building a dialog context when nothing else is going on,
 * which is most turns and the cheapest path through botbuilder; inside a conversation (after a
 * consent question or a step-up, or on top of a question it interrupts) it runs as an ordinary
 * dialog on the stack, with the same replies.
 *
 * @example
 * create: ({ bank }) => oneStep('goodbye', async () => reply('Goodbye!', { expectsInput: false })),
 */
export class OneStepDialog extends Dialog {
  constructor(
    dialogId: string,
    readonly answer: Answer,
  ) {
    super(dialogId);
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    await sendAnswer(dc.context, await this.answer(getTurn(dc.context)));
    return dc.endDialog();
  }
}

export function oneStep(dialogId: string, answer: Answer): OneStepDialog {
  return new OneStepDialog(dialogId, answer);
}

/** Sends what an Answer returned, in order. */
export async function sendAnswer(context: TurnContext, answer: Reply | readonly Reply[]): Promise<void> {
  const replies: readonly Reply[] = isReplyList(answer) ? answer : [answer];
  for (const value of replies) await send(context, value);
}

function isReplyList(answer: Reply | readonly Reply[]): answer is readonly Reply[] {
  return Array.isArray(answer);
}
