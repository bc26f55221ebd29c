import type { TurnContext } from 'botbuilder-core';
import type { Dialog, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { DialogStepUp, HeldAction } from '../dialog-module.js';
import { policyChannelOf, type DisclosurePolicy } from '../disclosure/policy.js';
import { criteriaFrom, type SearchCriteria } from '../transaction-search.js';
import type { Turn } from '../turn.js';
import { getTurn } from '../turn.js';
import { STEP_UP, stepUpDialogs, type StepUpDialogDeps, type StepUpOptions } from './step-up.dialog.js';

/** Step-up authentication per intent, as the turn uses it (and, through `before`, a dialog). */
export interface StepUp extends DialogStepUp {
  /** The engine's dialogs (`step-up` and its question), added beside the bank's dialogs. */
  readonly dialogs: readonly Dialog[];
  /** What to begin instead of `dialogId` when this turn needs a step-up first, else undefined. */
  check(context: TurnContext, turn: Turn, dialogId: string): Promise<StepUpOptions | undefined>;
  /** Whether this turn's intent must pass step-up before its dialog runs (no bank call: `check` builds the request). */
  required(context: TurnContext, turn: Turn): Promise<boolean>;
  /** Whether the conversation holds an unexpired verified step-up for this customer. */
  verified(context: TurnContext, turn: Turn): Promise<boolean>;
}

export interface StepUpSettings extends StepUpDialogDeps {
  readonly policyFor: (channelId: string) => DisclosurePolicy;
  /** Intents whose answers need the verified level on channels whose policy is `step-up`. */
  readonly intents: readonly string[];
}

/**
 * Gates the configured intents on step-up channels: a conversation without a verified level is
 * asked for the voice PIN or a one-time code before the dialog runs. The request is kept by intent
 * and the entities that hold no customer data (account kind, dates); see StepUpOptions.
 */
export function createStepUp(settings: StepUpSettings): StepUp {
  const intents = new Set(settings.intents);
  const verified = async (context: TurnContext, turn: Turn): Promise<boolean> =>
    (await settings.assurance.level(context, turn.customer.customerId, turn.now)) === 'verified';
  const requiredFor = async (context: TurnContext, turn: Turn, intent: string): Promise<boolean> =>
    settings.policyFor(policyChannelOf(context)).amounts === 'step-up' &&
    intents.has(intent) &&
    !(await verified(context, turn));
  const required = (context: TurnContext, turn: Turn): Promise<boolean> =>
    requiredFor(context, turn, turn.recognition.intent);
  return {
    dialogs: stepUpDialogs(settings),
    verified,
    required,
    async before(step: WaterfallStepContext, action: HeldAction): Promise<DialogTurnResult | undefined> {
      if (!(await requiredFor(step.context, getTurn(step.context), action.intent))) return undefined;
      const options: StepUpOptions = {
        dialogId: action.dialogId,
        intent: action.intent,
        replayable: false,
        resume: action.resume,
      };
      return step.replaceDialog(STEP_UP, options);
    },
    async check(context, turn, dialogId) {
      if (!(await required(context, turn))) return undefined;
      const { intent, entities, text } = turn.recognition;
      const criteria: SearchCriteria = text.trim() ? await criteriaFrom(turn, settings.bank) : {};
      const replayable =
        entities.amounts.length === 0 &&
        entities.numbers.length === 0 &&
        entities.ordinal === undefined &&
        !criteria.merchant &&
        !criteria.unknownMerchant;
      return {
        dialogId,
        intent,
        replayable,
        ...(entities.accountKind ? { accountKind: entities.accountKind } : {}),
        ...(entities.dateRange ? { dateRange: entities.dateRange } : {}),
      };
    },
  };
}
