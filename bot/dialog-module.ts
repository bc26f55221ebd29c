import type { Dialog } from 'botbuilder-dialogs';
import type { AlertAnswers } from './alerts/alert-answers.js';
import type { BankPort } from './ports/bank.port.js';
import type { DataCategory } from './ports/consent.port.js';
import type { CustomerPrivacy } from './privacy/customer-privacy.js';

/** What a dialog is given when it is built. Dialogs reach the bank only through this. */
export interface DialogDeps {
  readonly bank: BankPort;
  /** Consent, what is kept about the customer, and forget-me. */
  readonly privacy: CustomerPrivacy;
  /** Where a fraud alert's answer is recorded and reported to the bank (absent: alerts are off). */
  readonly alerts?: AlertAnswers;
}

/**
 * One conversation a bank team owns: `nlu-models/<locale>/<id>.json` holds its intents,
 * `test/transcripts/<id>.transcript.yml` its tests, and `dialogs/index.ts` lists it.
 *
 * @example
 * export const goodbye: DialogModule = {
 *   id: 'goodbye',
 *   intents: ['common.goodbye'],
 *   create: () => new WaterfallDialog('goodbye', [async (step) => { ...; return step.endDialog(); }]),
 * };
 */
export interface DialogModule {
  /** Kebab-case id; the entry dialog has this id, inner dialogs (slots) are `<id>.<name>`. */
  readonly id: string;
  /** Intents that begin this dialog; each intent belongs to exactly one dialog. */
  readonly intents: readonly string[];
  /**
   * Data categories the dialog shows. The engine starts it only when the customer allows them on
   * the channel, and asks first otherwise (see bot/privacy/consent-gate.ts).
   */
  readonly needs?: readonly DataCategory[];
  create(deps: DialogDeps): Dialog | readonly Dialog[];
}

/** The dialog module that owns a dialog id (`verify-charge.pick` belongs to `verify-charge`). */
export function ownerOf(dialogId: string): string {
  return dialogId.split('.')[0] ?? dialogId;
}
