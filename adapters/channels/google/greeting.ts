import { EMPTY_ENTITIES, type Recognition } from '../../../bot/recognition.js';

/** BCP 47 tag with its region upper-cased ('en-us' -> 'en-US'); a bare language gives undefined. */
export function regionalLocale(code: string | undefined): string | undefined {
  const [, language, region] = /^([a-z]{2,3})-([a-z]{2})$/i.exec(code?.trim() ?? '') ?? [];
  return language && region ? `${language.toLowerCase()}-${region.toUpperCase()}` : undefined;
}

/**
 * A greeting already recognised: the platform's welcome event carries no words for the NLU, and
 * the engine takes a `{ recognition }` value as is.
 */
export function greetingValue(text: string, locale: string): { recognition: Recognition } {
  return {
    recognition: {
      text,
      locale,
      intent: 'common.greeting',
      score: 1,
      intents: [{ intent: 'common.greeting', score: 1 }],
      entities: EMPTY_ENTITIES,
    },
  };
}
