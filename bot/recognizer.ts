import type { Entities, IntentScore, RecognizeOptions, Recognition, RecognizerPort } from './recognition.js';
import { cleanUtterance } from './utterance.js';
import { withFields } from './objects.js';

/** The intent half of the NLU (bot/nlu). */
export interface IntentClassifierLike {
  classify(
    text: string,
    locale: string,
  ): Promise<{ intent: string; score: number; intents: readonly IntentScore[] }>;
}

export type EntityExtractor = (
  text: string,
  options: RecognizeOptions & { defaultCurrency?: string },
) => Entities;

/** Currency a bare "dollars" or "euros" most likely means, by the locale's region. */
const REGION_CURRENCY: Readonly<Record<string, string>> = {
  US: 'USD',
  GB: 'GBP',
  ES: 'EUR',
  IE: 'EUR',
  CA: 'CAD',
  AU: 'AUD',
};

/**
 * Composes intent classification and entity extraction into one recognizer for the engine. Both
 * read the cleaned utterance (bot/utterance.ts): bounded in length, well-formed, no invisible or
 * control characters; the Recognition carries that text.
 */
export function createRecognizer(classifier: IntentClassifierLike, extract: EntityExtractor): RecognizerPort {
  return {
    async recognize(raw: string, options: RecognizeOptions): Promise<Recognition> {
      const text = cleanUtterance(raw);
      const region = options.locale.split('-')[1] ?? '';
      const defaultCurrency = REGION_CURRENCY[region];
      const [classification, entities] = await Promise.all([
        classifier.classify(text, options.locale),
        Promise.resolve(extract(text, withFields(options, defaultCurrency ? { defaultCurrency } : {}))),
      ]);
      return { text, locale: options.locale, ...classification, entities };
    },
  };
}
