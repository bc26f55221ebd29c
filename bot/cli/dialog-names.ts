/** Kebab-case letters (Alexa sample utterances take no digits): `loan-payoff`, `direct-debits`. */
export const DIALOG_ID = /^[a-z]+(-[a-z]+)*$/;

/** Every name a new dialog needs, derived from its id. */
export interface DialogNames {
  /** `loan-payoff` */
  readonly id: string;
  /** `loan.payoff`: the first word is the domain, the rest the action. */
  readonly intent: string;
  /** `loanPayoff`: the exported DialogModule. */
  readonly exportName: string;
  /** `loan payoff`: how a customer says it. */
  readonly phrase: string;
}

const camel = (words: readonly string[]): string =>
  words.map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('');

/**
 * Names for a dialog id; a one-word id gets the action `ask` (`overdraft` -> `overdraft.ask`).
 * Throws when the id is not kebab-case.
 */
export function dialogNames(id: string): DialogNames {
  if (!DIALOG_ID.test(id)) {
    throw new Error(`"${id}" is not a kebab-case id (lower-case words joined by "-", like loan-payoff)`);
  }
  const words = id.split('-');
  const [domain = id, ...action] = words;
  return {
    id,
    intent: `${domain}.${action.length > 0 ? camel(action) : 'ask'}`,
    exportName: camel(words),
    phrase: words.join(' '),
  };
}
