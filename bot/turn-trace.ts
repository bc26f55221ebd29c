import type { TurnContext } from 'botbuilder-core';
import type { Recognition } from './recognition.js';

/**
 * What the engine made of one message: for tools that show it (the web playground). It goes only
 * to an observer the channel set on that turn: never into replies, state or logs.
 */
export interface TurnTrace {
  readonly recognition: Recognition;
  /** The routing decision: 'begin:balance', 'continue', 'interrupt:cancel', 'fallback'. */
  readonly route: string;
}

export type TurnObserver = (trace: TurnTrace) => void;

const OBSERVER = Symbol('bankbot.turnObserver');

/** Asks for this turn's trace: the bot calls `observer` once it has routed the message. */
export function observeTurn(context: TurnContext, observer: TurnObserver): void {
  context.turnState.set(OBSERVER, observer);
}

/** Hands the trace to the turn's observer, if one was set. */
export function traceTurn(context: TurnContext, trace: TurnTrace): void {
  (context.turnState.get(OBSERVER) as TurnObserver | undefined)?.(trace);
}
