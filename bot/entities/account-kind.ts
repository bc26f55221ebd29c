import type { AccountKind } from '../ports/bank.port.js';
import type { Language } from './culture.js';
import { indexOfPhrase, tokenize } from './text.js';

type Synonyms = readonly (readonly [AccountKind, string])[];

/**
 * Words customers use for each kind of account, folded (no accents). An enum, so a table is the
 * right tool. "credit" / "crédito" alone are left out on purpose: "I got a credit" is a refund.
 */
const SYNONYMS: Record<Language, Synonyms> = {
  en: [
    ['checking', 'checking'],
    ['checking', 'chequing'],
    ['checking', 'current account'],
    ['checking', 'everyday'],
    ['checking', 'debit card'],
    ['savings', 'savings'],
    ['savings', 'saving'],
    ['savings', 'isa'],
    ['credit', 'credit card'],
    ['credit', 'credit cards'],
    ['credit', 'credit account'],
    ['credit', 'creditcard'],
    ['credit', 'visa'],
    ['credit', 'mastercard'],
    ['credit', 'master card'],
    ['credit', 'amex'],
    ['credit', 'american express'],
  ],
  es: [
    ['checking', 'cuenta corriente'],
    ['checking', 'corriente'],
    ['checking', 'cuenta nomina'],
    ['checking', 'tarjeta de debito'],
    ['savings', 'ahorro'],
    ['savings', 'ahorros'],
    ['credit', 'tarjeta de credito'],
    ['credit', 'cuenta de credito'],
    ['credit', 'visa'],
    ['credit', 'mastercard'],
    ['credit', 'amex'],
  ],
};

const split = (synonyms: Synonyms) => synonyms.map(([kind, phrase]) => [kind, phrase.split(' ')] as const);
const PHRASES = { en: split(SYNONYMS.en), es: split(SYNONYMS.es) };

/** The kind of account named first in the text ("from checking to savings" -> checking). */
export function findAccountKind(text: string, language: Language): AccountKind | undefined {
  const tokens = tokenize(text);
  let best: { kind: AccountKind; index: number } | undefined;
  for (const [kind, phrase] of PHRASES[language]) {
    const index = indexOfPhrase(tokens, phrase);
    if (index >= 0 && (best === undefined || index < best.index)) best = { kind, index };
  }
  return best?.kind;
}
