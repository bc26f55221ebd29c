import type { Dialog, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { AlertAnswers } from './alerts/alert-answers.js';
import type { BankPort } from './ports/bank.port.js';
import type { DataCategory } from './ports/consent.port.js';
import type { CustomerPrivacy } from './privacy/customer-privacy.js';

/** An action a dialog holds until the customer passes step-up: see {@link DialogStepUp}. */
export interface HeldAction {
  /** The dialog begun again, with `resume` as its options, once the customer is verified. */
  readonly dialogId: string;
  /** The intent whose step-up setting applies (STEP_UP_INTENTS, per channel policy). */
  readonly intent: string;
  /** Ids only (no amounts, no words the customer said): kept in conversation state meanwhile. */
  readonly resume: object;
}

/** Step-up for a dialog about to act on the customer's behalf. */
export interface DialogStepUp {
  /**
   * On a step-up channel (a shared speaker) without a verified level, replaces the dialog with the
   * PIN or code question and returns that; the held action is begun again once verified. Undefined
   * when no step-up is due: the dialog goes on.
   */
  before(step: WaterfallStepContext, action: HeldAction): Promise<DialogTurnResult | undefined>;
}

/** What a dialog is given when it is built. Dialogs reach the bank only through this. */
export interface DialogDeps {
  readonly bank: BankPort;
  /** Step-up before acting (absent: no channel needs it). */
  readonly stepUp?: DialogStepUp;
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
