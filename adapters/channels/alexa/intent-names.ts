import { OUT_OF_SCOPE } from '../../../bot/recognition.js';

/**
 * bankbot intents Alexa already has a built-in intent for. Built-ins keep Amazon's own training
 * (and certification expects Help / Stop / Cancel); the corpus sentences extend their samples.
 * Stop ends the session, so it means goodbye.
 */
export const BUILT_IN_INTENTS: Readonly<Record<string, string>> = {
  'common.help': 'AMAZON.HelpIntent',
  'common.cancel': 'AMAZON.CancelIntent',
  'common.goodbye': 'AMAZON.StopIntent',
  'common.startOver': 'AMAZON.StartOverIntent',
  'common.confirm': 'AMAZON.YesIntent',
  'common.deny': 'AMAZON.NoIntent',
};

export const FALLBACK_INTENT = 'AMAZON.FallbackIntent';
export const NAVIGATE_HOME_INTENT = 'AMAZON.NavigateHomeIntent';
/** "the first one", "the one at Joe's Pizza": an answer to a question, not a request of its own. */
export const SELECT_INTENT = 'SelectIntent';
/** "two four six eight", "my PIN is …": a voice PIN or one-time code, the answer to a step-up question. */
export const CODE_INTENT = 'CodeIntent';

/** What an Alexa intent means to bankbot. */
export interface IntentMeaning {
  readonly intent: string;
  /** 1 for a matched intent; 0 for "Alexa matched nothing of ours", so an open question gets the turn. */
  readonly score: number;
}

const ALEXA_ONLY: Readonly<Record<string, IntentMeaning>> = {
  [FALLBACK_INTENT]: { intent: OUT_OF_SCOPE, score: 0 },
  [SELECT_INTENT]: { intent: OUT_OF_SCOPE, score: 0 },
  [CODE_INTENT]: { intent: OUT_OF_SCOPE, score: 0 },
  [NAVIGATE_HOME_INTENT]: { intent: 'common.startOver', score: 1 },
};

/** `balance.check` -> `BalanceCheckIntent`; intents with a built-in get the built-in's name. */
export function alexaIntentName(intent: string): string {
  const builtIn = BUILT_IN_INTENTS[intent];
  if (builtIn) return builtIn;
  const pascal = intent
    .split('.')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
  return `${pascal}Intent`;
}

/** Resolves Alexa intent names for the given bankbot intents (names are not reversible on their own). */
export function createIntentTable(
  intents: readonly string[],
): (alexaName: string) => IntentMeaning | undefined {
  const table = new Map<string, IntentMeaning>(Object.entries(ALEXA_ONLY));
  for (const intent of intents) table.set(alexaIntentName(intent), { intent, score: 1 });
  return (alexaName) => table.get(alexaName);
}
