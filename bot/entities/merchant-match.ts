import type { Merchant } from '../ports/bank.port.js';
import { COMMON_WORDS, FUNCTION_WORDS } from './common-words.js';
import { indexMerchant, type IndexedMerchant } from './merchant-index.js';
import { typoSimilarity } from './similarity.js';
import { tokenize } from './text.js';

export interface MerchantMatch {
  readonly merchant: Merchant;
  /** 0..1: 1 for the full name as written, about 0.9 for a typo or a descriptor code ("SBUX"). */
  readonly score: number;
}

/** A run of the customer's words that could name a merchant ("star bucks", "whole foods"). */
interface Mention {
  readonly words: readonly string[];
  readonly squashed: string;
  /** One everyday word ("best", "balance"): matches only a whole one-word name, exactly. */
  readonly everyday: boolean;
  /** Letters covered, so "amazon prime" beats "amazon" when both score 1. */
  readonly size: number;
}

const MAX_MENTION_WORDS = 4;
/** A name's first word alone ("pret", "whole foods") scores at least this, the full name 1. */
const PREFIX_FLOOR = 0.85;
const DESCRIPTOR_SCORE = 0.9;

const round = (score: number): number => Math.round(score * 1000) / 1000;

function mentions(text: string): Mention[] {
  const tokens = tokenize(text);
  const found: Mention[] = [];
  for (let start = 0; start < tokens.length; start++) {
    for (let end = start + 1; end <= Math.min(tokens.length, start + MAX_MENTION_WORDS + 2); end++) {
      const first = tokens[start] ?? '';
      const last = tokens[end - 1] ?? '';
      if (FUNCTION_WORDS.has(first) || FUNCTION_WORDS.has(last)) continue;
      const words = tokens.slice(start, end).filter((word) => !FUNCTION_WORDS.has(word));
      if (words.length > MAX_MENTION_WORDS || (words.length === 1 && /^\d+$/.test(first))) continue;
      const squashed = words.join('');
      found.push({
        words,
        squashed,
        everyday: words.length === 1 && COMMON_WORDS.has(first),
        size: squashed.length,
      });
    }
  }
  return found;
}

const similar = (typed: string, known: string): number =>
  COMMON_WORDS.has(typed) ? (typed === known ? 1 : 0) : typoSimilarity(typed, known);

/** The mention read word by word against the start of the name ("whole foods" vs "Whole Foods Market"). */
function prefixScore(mention: Mention, indexed: IndexedMerchant): number {
  const { words, shares } = indexed;
  if (mention.words.length > words.length) return 0;
  if (mention.everyday && words.length > 1) return 0;
  let covered = 0;
  let weighted = 0;
  for (let i = 0; i < mention.words.length; i++) {
    const similarity = similar(mention.words[i] ?? '', words[i] ?? '');
    if (similarity === 0) return 0;
    covered += shares[i] ?? 0;
    weighted += (shares[i] ?? 0) * similarity;
  }
  return covered === 0 ? 0 : (PREFIX_FLOOR + (1 - PREFIX_FLOOR) * covered) * (weighted / covered);
}

/** The mention with its spaces removed against the name's ("star bucks", "bestbuy"). */
function squashedScore(mention: Mention, indexed: IndexedMerchant): number {
  if (mention.everyday) return 0;
  let best = 0;
  let covered = 0;
  indexed.squashed.forEach((squashed, k) => {
    covered += indexed.shares[k] ?? 0;
    if (mention.words.length === 1 && k === 0) return; // a single word is prefixScore's job
    best = Math.max(
      best,
      (PREFIX_FLOOR + (1 - PREFIX_FLOOR) * covered) * typoSimilarity(mention.squashed, squashed),
    );
  });
  return best;
}

function descriptorScore(mention: Mention, indexed: IndexedMerchant): number {
  if (mention.words.length !== 1 || mention.everyday) return 0;
  const typed = mention.words[0] ?? '';
  return Math.max(
    0,
    ...indexed.descriptorWords.map((word) => DESCRIPTOR_SCORE * typoSimilarity(typed, word)),
  );
}

/**
 * The customer's merchants that the text names, best first: by full name, a leading part of it
 * ("pret", "whole foods"), spacing ("star bucks", "bestbuy"), a typo ("strabucks", "amazn") or a
 * descriptor code ("SBUX"). Everyday words never match on their own ("what's my balance" -> []).
 * When scores tie, the longer mention wins, so "amazon prime" ranks Amazon Prime over Amazon.
 *
 * @example
 * matchMerchants('was the starbuck charge me', merchants); // [{ merchant: Starbucks, score: 0.94 }]
 */
export function matchMerchants(
  text: string,
  merchants: readonly Merchant[],
  options?: { minScore?: number },
): readonly MerchantMatch[] {
  const minScore = options?.minScore ?? 0.8;
  const candidates = mentions(text);
  if (candidates.length === 0) return [];
  const ranked: { merchant: Merchant; score: number; size: number }[] = [];
  for (const merchant of merchants) {
    const indexed = indexMerchant(merchant);
    let best = { score: 0, size: 0 };
    for (const mention of candidates) {
      // Rounded so that float noise (6/11 + 5/11) cannot break a tie the wrong way.
      const score = round(
        Math.max(
          prefixScore(mention, indexed),
          squashedScore(mention, indexed),
          descriptorScore(mention, indexed),
        ),
      );
      if (score > best.score || (score === best.score && mention.size > best.size))
        best = { score, size: mention.size };
    }
    if (best.score >= minScore) ranked.push({ merchant, ...best });
  }
  ranked.sort(
    (a, b) => b.score - a.score || b.size - a.size || a.merchant.name.localeCompare(b.merchant.name),
  );
  return ranked.map(({ merchant, score }) => ({ merchant, score }));
}
