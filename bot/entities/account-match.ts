import type { Account, AccountKind } from '../ports/bank.port.js';
import { FUNCTION_WORDS } from './common-words.js';
import { typoSimilarity } from './similarity.js';
import { indexOfPhrase, tokenize } from './text.js';

/** "all accounts", "all my accounts", "every account", "todas mis cuentas". */
const ALL_ACCOUNTS = [
  'all accounts',
  'all my accounts',
  'all of my accounts',
  'every account',
  'each account',
  'todas las cuentas',
  'todas mis cuentas',
].map((phrase) => phrase.split(' '));

/**
 * Words in account names that do not single one out. Kind words are here too: the kind already
 * narrows, and "my current balance" must not pick the account called "Current Account".
 */
const GENERIC = new Set(
  'account accounts acct card cards bank checking chequing current savings saving credit debit cuenta tarjeta banco corriente ahorro ahorros credito debito'.split(
    ' ',
  ),
);

/** How strongly the words single out this account: name words and the last four digits. */
function mentions(account: Account, words: readonly string[]): number {
  const nameWords = tokenize(account.name).filter((word) => !FUNCTION_WORDS.has(word) && !GENERIC.has(word));
  const named = nameWords.filter((name) => words.some((word) => typoSimilarity(word, name) > 0)).length;
  const lastFour = /(\d{4})\D*$/.exec(account.maskedNumber)?.[1];
  return named + (lastFour !== undefined && words.includes(lastFour) ? 2 : 0);
}

/**
 * The accounts the customer meant. "all accounts" -> all; words of an account's name ("rewards",
 * "everyday") or its last four digits -> the accounts named most clearly, narrowed to `kind` when
 * that leaves any; otherwise every account of `kind` (none, if the customer has none of that
 * kind); nothing named at all -> all accounts.
 *
 * @example
 * matchAccounts('credit', 'what do I owe on my visa', accounts); // [Rewards Visa]
 */
export function matchAccounts(
  kind: AccountKind | undefined,
  text: string,
  accounts: readonly Account[],
): readonly Account[] {
  const words = tokenize(text);
  if (ALL_ACCOUNTS.some((phrase) => indexOfPhrase(words, phrase) >= 0)) return accounts;
  const ofKind = kind === undefined ? accounts : accounts.filter((account) => account.kind === kind);
  const scored = accounts.map((account) => ({ account, score: mentions(account, words) }));
  const top = Math.max(0, ...scored.map(({ score }) => score));
  if (top > 0) {
    const named = scored.filter(({ score }) => score === top).map(({ account }) => account);
    const namedOfKind = named.filter((account) => ofKind.includes(account));
    return namedOfKind.length > 0 ? namedOfKind : named;
  }
  return ofKind;
}
