/**
 * The Alexa interaction model, generated from nlu-models/ so a bank team keeps one corpus.
 *
 * Design choices (Alexa differs from a text NLU):
 * - Intents: `domain.action` -> `DomainActionIntent`; the engine and help intents use Amazon's
 *   built-ins (common.help -> AMAZON.HelpIntent, cancel -> CancelIntent, goodbye -> StopIntent,
 *   startOver -> StartOverIntent, confirm / deny -> YesIntent / NoIntent), extended with the
 *   corpus sentences that need no slot. FallbackIntent and the custom SelectIntent ("the second
 *   one", "the one at Joe's Pizza") carry no bankbot intent: they reach the bot as out-of-scope
 *   with score 0, so an open question takes them as its answer. NavigateHomeIntent starts over.
 * - The custom CodeIntent ("two four six eight", "my PIN is {code}") carries a voice PIN or
 *   one-time code in `{code}` (AMAZON.NUMBER, digits) to the step-up question, the same way: the
 *   NLU corpora need nothing for it. (AMAZON.NUMBER may drop a leading zero: see docs/privacy.md.)
 * - Money: Alexa has no money slot, so an amount is `{amount}` (AMAZON.NUMBER, whole units),
 *   `{cents}` (AMAZON.NUMBER, minor units) and `{currency}` (CURRENCY: dollars, pounds, euros),
 *   plus `{comparison}` (COMPARISON: over / under) before it.
 * - `{date}` is AMAZON.DATE (days, ISO weeks, weekends, months, years); `{merchant}` is MERCHANT
 *   (the bank's merchants, see model-merchants.ts); `{account}` is ACCOUNT (checking, savings,
 *   credit card, with the synonyms of bot/entities/account-kind.ts); `{ordinal}` AMAZON.Ordinal.
 */
import type { Corpus } from '../../../bot/nlu/corpus.js';
import {
  BUILT_IN_INTENTS,
  CODE_INTENT,
  FALLBACK_INTENT,
  NAVIGATE_HOME_INTENT,
  SELECT_INTENT,
  alexaIntentName,
} from './intent-names.js';
import { slotsOf, toSample, type SampleVocabulary } from './sample-utterance.js';
import {
  ACCOUNT_VALUES,
  CATEGORY_VALUES,
  COMPARISON_VALUES,
  CURRENCY_VALUES,
  SLOT_NAMES,
  SLOT_TYPES,
  phrasesOf,
  type SlotValue,
} from './slot-types.js';
import { withFields } from '../../../bot/objects.js';

export const DEFAULT_INVOCATION_NAME = 'my bank';
/** Fewest sample utterances a custom intent may have. */
export const MIN_SAMPLES = 10;

export interface ModelSlot {
  readonly name: string;
  readonly type: string;
}
export interface ModelIntent {
  readonly name: string;
  readonly slots?: readonly ModelSlot[];
  readonly samples: readonly string[];
}
export interface ModelType {
  readonly name: string;
  readonly values: readonly {
    readonly id: string;
    readonly name: { readonly value: string; readonly synonyms?: readonly string[] };
  }[];
}
/** The skill package's `interactionModels/custom/<locale>.json`. */
export interface InteractionModel {
  readonly interactionModel: {
    readonly languageModel: {
      readonly invocationName: string;
      readonly intents: readonly ModelIntent[];
      readonly types: readonly ModelType[];
    };
  };
}

export interface InteractionModelOptions {
  readonly invocationName?: string;
  /** Values of the MERCHANT slot type: the bank's merchants, with spoken synonyms. */
  readonly merchants: readonly SlotValue[];
}

/** Answers to a question ("the second one", "the one at Joe's Pizza"); Alexa needs samples for them. */
const SELECT_SAMPLES = [
  'the {ordinal} one',
  'the {ordinal}',
  '{ordinal}',
  'the {ordinal} option',
  'the {ordinal} card',
  'the {ordinal} charge',
  'option {number}',
  'number {number}',
  'the one at {merchant}',
  'the one from {merchant}',
  'the {merchant} one',
  'it was at {merchant}',
  'the one for {amount} {currency}',
  'the {amount} {currency} one',
  'the one for {amount} {currency} and {cents}',
  '{category}',
  'my {category}',
];

/** Intents whose samples name a data category ("stop sending me {category}"). */
const CATEGORY_INTENTS = /^consent\./;
/** A voice PIN or one-time code, answering the step-up question. */
const CODE_SAMPLES = [
  '{code}',
  'my pin is {code}',
  'my voice pin is {code}',
  'the pin is {code}',
  'pin {code}',
  'my code is {code}',
  'the code is {code}',
  'code {code}',
  'it is {code}',
  "it's {code}",
];

const ALWAYS_BUILT_IN = [...Object.values(BUILT_IN_INTENTS), FALLBACK_INTENT, NAVIGATE_HOME_INTENT];

function intentOf(name: string, samples: readonly string[]): ModelIntent {
  const used = new Set(samples.flatMap(slotsOf));
  const slots = SLOT_NAMES.filter((slot) => used.has(slot)).map((slot) => ({
    name: slot,
    type: SLOT_TYPES[slot],
  }));
  return { name, ...(slots.length > 0 ? { slots } : {}), samples };
}

function typeOf(name: string, values: readonly SlotValue[]): ModelType {
  return {
    name,
    values: values.map((value) => ({
      id: value.id,
      name: { value: value.value, ...(value.synonyms.length > 0 ? { synonyms: value.synonyms } : {}) },
    })),
  };
}

/**
 * The skill's interaction model, built from the NLU corpora so one corpus serves every channel.
 * Each bankbot intent becomes `PascalCaseIntent` (or its Amazon built-in, see BUILT_IN_INTENTS)
 * with the corpus sentences as samples (see toSample); conversation intents (`common.*`) get no
 * slots; a sample is kept only by the first intent that has it. Throws when a custom intent is
 * left with fewer than MIN_SAMPLES samples.
 */
export function buildInteractionModel(
  corpora: readonly Corpus[],
  options: InteractionModelOptions,
): InteractionModel {
  const vocabulary: SampleVocabulary = {
    merchants: phrasesOf(options.merchants),
    accounts: phrasesOf(ACCOUNT_VALUES),
    comparisons: phrasesOf(COMPARISON_VALUES),
  };
  const taken = new Set<string>();
  const keep = (samples: readonly (string | undefined)[], slots: boolean): string[] => {
    const kept = [...new Set(samples)].filter(
      (s): s is string => s !== undefined && !taken.has(s) && (slots || !s.includes('{')),
    );
    kept.forEach((s) => taken.add(s));
    return kept;
  };
  const intents: ModelIntent[] = [];
  for (const { intent, utterances } of corpora.flatMap((corpus) => corpus.data)) {
    const name = alexaIntentName(intent);
    const builtIn = name.startsWith('AMAZON.');
    const withSlots = !builtIn && !intent.startsWith('common.');
    const words = CATEGORY_INTENTS.test(intent)
      ? withFields(vocabulary, { categories: phrasesOf(CATEGORY_VALUES) })
      : vocabulary;
    const samples = keep(
      utterances.map((u) => toSample(u, withSlots ? words : undefined)),
      withSlots,
    );
    if (!builtIn && samples.length < MIN_SAMPLES)
      throw new Error(`alexa model: ${name} (${intent}) has ${samples.length} samples, needs ${MIN_SAMPLES}`);
    intents.push(intentOf(name, samples));
  }
  intents.push(intentOf(SELECT_INTENT, keep(SELECT_SAMPLES, true)));
  intents.push(intentOf(CODE_INTENT, keep(CODE_SAMPLES, true)));
  for (const name of ALWAYS_BUILT_IN) {
    if (!intents.some((i) => i.name === name)) intents.push({ name, samples: [] });
  }
  const types = [
    typeOf('MERCHANT', options.merchants),
    typeOf('ACCOUNT', ACCOUNT_VALUES),
    typeOf('CURRENCY', CURRENCY_VALUES),
    typeOf('COMPARISON', COMPARISON_VALUES),
    typeOf('DATA_CATEGORY', CATEGORY_VALUES),
  ];
  return {
    interactionModel: {
      languageModel: { invocationName: options.invocationName ?? DEFAULT_INVOCATION_NAME, intents, types },
    },
  };
}
