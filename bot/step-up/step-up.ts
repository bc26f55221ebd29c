import type { TurnContext } from 'botbuilder-core';
import type { Dialog } from 'botbuilder-dialogs';
import { policyChannelOf, type DisclosurePolicy } from '../disclosure/policy.js';
import { criteriaFrom, type SearchCriteria } from '../transaction-search.js';
import type { Turn } from '../turn.js';
import { stepUpDialogs, type StepUpDialogDeps, type StepUpOptions } from './step-up.dialog.js';

/** Step-up authentication per intent, as the turn uses it. */
export interface StepUp {
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
  const required = async (context: TurnContext, turn: Turn): Promise<boolean> =>
    settings.policyFor(policyChannelOf(context)).amounts === 'step-up' &&
    intents.has(turn.recognition.intent) &&
    !(await verified(context, turn));
  return {
    dialogs: stepUpDialogs(settings),
    verified,
    required,
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
