import type { Merchant } from '../ports/bank.port.js';
import { COMMON_WORDS, FUNCTION_WORDS } from './common-words.js';
import { tokenize } from './text.js';

/** A merchant reduced to what customers can type. */
export interface IndexedMerchant {
  readonly merchant: Merchant;
  /** Name words without function words: "Pret A Manger" -> ["pret", "manger"]. */
  readonly words: readonly string[];
  /** Share of the name each word carries (by length), summing to 1. */
  readonly shares: readonly number[];
  /** The first k words run together, k = 1..n: ["whole", "wholefoods", "wholefoodsmarket"]. */
  readonly squashed: readonly string[];
  /** Distinctive descriptor words: "SBUX 1523 SEATTLE WA" -> ["sbux"]. */
  readonly descriptorWords: readonly string[];
}

/** Card-processor prefixes and corporate filler seen in statement descriptors. */
const DESCRIPTOR_NOISE = new Set(
  'tst sq sqr paypal pp sp pos ach ppd dd mktp mkt marketplace stores store inc llc ltd plc co corp com www net org us usa uk gb intl purchase payment online'.split(
    ' ',
  ),
);

/**
 * The merchant's own words lead a descriptor; a store number, city and state follow
 * ("TESCO STORES 3172 LONDON GB"), so reading stops at the first word with a digit and keeps at
 * most two words that are neither noise nor everyday words.
 */
function descriptorWords(descriptor: string): string[] {
  const tokens = tokenize(descriptor);
  const firstNumber = tokens.findIndex((token) => /\d/.test(token));
  return tokens
    .slice(0, firstNumber < 0 ? tokens.length : firstNumber)
    .filter((token) => token.length >= 3 && !DESCRIPTOR_NOISE.has(token) && !COMMON_WORDS.has(token))
    .slice(0, 2);
}

export function indexMerchant(merchant: Merchant): IndexedMerchant {
  const all = tokenize(merchant.name);
  const content = all.filter((word) => !FUNCTION_WORDS.has(word));
  const words = content.length > 0 ? content : all;
  const total = words.reduce((sum, word) => sum + word.length, 0);
  return {
    merchant,
    words,
    shares: words.map((word) => (total > 0 ? word.length / total : 0)),
    squashed: words.map((_, index) => words.slice(0, index + 1).join('')),
    descriptorWords: descriptorWords(merchant.descriptor),
  };
}
