import type { TurnContext } from 'botbuilder-core';

const DONE = Symbol('bankbot.stepUpDone');

/**
 * Runs a bank or lockout call at most once per turn: a turn replayed after a lost compare-and-set
 * must not send a second one-time code, spend a single-use code twice or count a wrong PIN twice.
 */
export function oncePerTurn<T>(context: TurnContext, name: string, work: () => Promise<T>): Promise<T> {
  const done = (context.turnState.get(DONE) as Map<string, Promise<unknown>> | undefined) ?? new Map();
  context.turnState.set(DONE, done);
  if (!done.has(name)) done.set(name, work());
  return done.get(name) as Promise<T>;
}
