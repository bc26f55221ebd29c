import type { DialogContext, DialogInstance, DialogTurnResult } from 'botbuilder-dialogs';
import { Dialog } from './dialog-classes.js';
import type { TurnContext } from 'botbuilder-core';
import { reply, type Reply } from './reply.js';
import { getTurn, send, type Turn } from './turn.js';

/** Parameters a slot keeps in conversation state between turns: ids and references only. */
export type SlotParams = Readonly<Record<string, string | number | boolean | readonly string[]>>;

export type AskReason = 'first' | 'retry' | 'resume';

export interface SlotSpec<P extends SlotParams, T> {
  /** The answer in this turn, or undefined when the customer said something else. */
  recognize(turn: Turn, params: P): Promise<T | undefined> | T | undefined;
  /** Renders the question. Called again on every re-ask, so nothing it shows is stored. */
  ask(context: TurnContext, params: P, reason: AskReason): Promise<Reply> | Reply;
  /** Re-asks after a wrong answer before giving up; default 2. */
  readonly maxRetries?: number;
}

interface SlotState {
  params: SlotParams;
  attempts: number;
}

const ANSWER = Symbol('bankbot.slotAnswer');

export const GIVE_UP = reply(
  'Sorry, I\'m still not getting it, so let\'s leave that for now. Say "help" to see what I can do, or "agent" to talk to a person.',
);

/**
 * Asks one question and waits for an answer the spec recognises: clarifying questions, choices,
 * confirmations. Re-asks at most `maxRetries` times, then offers help or an agent and clears the
 * conversation. The engine asks `accepts()` to tell answers from interruptions.
 */
export class SlotDialog<P extends SlotParams, T> extends Dialog<P> {
  constructor(
    id: string,
    private readonly spec: SlotSpec<P, T>,
  ) {
    super(id);
  }

  /** Whether this turn answers the question (cached for the turn, so recognise runs once). */
  async accepts(context: TurnContext, instance: DialogInstance): Promise<boolean> {
    return (await this.answer(context, (instance.state as SlotState).params as P)) !== undefined;
  }

  override async beginDialog(dc: DialogContext, params?: P): Promise<DialogTurnResult> {
    const state: SlotState = { params: params ?? {}, attempts: 0 };
    dc.activeDialog!.state = state;
    await send(dc.context, await this.spec.ask(dc.context, state.params as P, 'first'));
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as SlotState;
    const value = await this.answer(dc.context, state.params as P);
    if (value !== undefined) return dc.endDialog(value);
    state.attempts += 1;
    if (state.attempts > (this.spec.maxRetries ?? 2)) {
      await send(dc.context, GIVE_UP);
      return dc.cancelAllDialogs();
    }
    await send(dc.context, await this.spec.ask(dc.context, state.params as P, 'retry'));
    return Dialog.EndOfTurn;
  }

  override async resumeDialog(dc: DialogContext): Promise<DialogTurnResult> {
    await this.repromptDialog(dc.context, dc.activeDialog!);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    await send(context, await this.spec.ask(context, (instance.state as SlotState).params as P, 'resume'));
  }

  private async answer(context: TurnContext, params: P): Promise<T | undefined> {
    const cache = context.turnState.get(ANSWER) as Map<string, T | undefined> | undefined;
    if (cache?.has(this.id)) return cache.get(this.id);
    const value = await this.spec.recognize(getTurn(context), params);
    const next = cache ?? new Map<string, T | undefined>();
    next.set(this.id, value);
    context.turnState.set(ANSWER, next);
    return value;
  }
}
