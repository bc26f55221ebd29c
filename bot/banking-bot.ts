import {
  ActivityHandler,
  ActivityTypes,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder-core';
import type {
  DialogContext,
  DialogInstance,
  DialogState,
  DialogStateManagerConfiguration,
} from 'botbuilder-dialogs';
import { DialogSet } from './dialog-classes.js';
import type { AlertAction, AlertTurns } from './alerts/alert-turns.js';
import type { ConversationStore } from './conversation-store.js';
import { ownerOf, type DialogDeps, type DialogModule } from './dialog-module.js';
import { attachDisclosure, setDisclosureScope, type DisclosureDeps } from './disclosure/disclosure-filter.js';
import { ERRORS, errorCode } from './errors.js';
import { OneStepDialog, sendAnswer } from './one-step-dialog.js';
import type { Logger } from './logger.js';
import type { BankPort, CustomerRef } from './ports/bank.port.js';
import { ACCESS_TOKEN } from './ports/channel.port.js';
import type { IdentityPort } from './ports/identity.port.js';
import { ConsentGate } from './privacy/consent-gate.js';
import type { RateLimiterPort } from './ports/rate-limiter.port.js';
import {
  EMPTY_ENTITIES,
  OUT_OF_SCOPE,
  recognitionFromValue,
  type Recognition,
  type RecognizerPort,
} from './recognition.js';
import { reply } from './reply.js';
import { route, type Route } from './router.js';
import { SlotDialog } from './slot-dialog.js';
import { STEP_UP } from './step-up/step-up.dialog.js';
import type { StepUp } from './step-up/step-up.js';
import { runTransactionally } from './transactional-turn.js';
import { getTurn, send, setTurn, toActivity, type Turn } from './turn.js';
import { traceTurn } from './turn-trace.js';
import { withFields } from './objects.js';

export interface BankingBotDeps {
  readonly conversationState: ConversationStore;
  readonly dialogs: readonly DialogModule[];
  readonly dialogDeps: DialogDeps;
  readonly bank: BankPort;
  readonly recognizer: RecognizerPort;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Who is talking at the bank; undefined when the channel user is not linked. */
  readonly identity: IdentityPort;
  readonly defaults: { readonly locale: string; readonly timeZone: string };
  /** Confidence needed to leave an active dialog for another one (default 0.7). */
  readonly switchThreshold?: number;
  /** Turns per customer; over the limit the customer is asked to slow down and nothing else runs. */
  readonly customerLimiter?: RateLimiterPort;
  /** Step-up authentication before the configured intents on step-up channels. */
  readonly stepUp?: StepUp;
  /** The channels' disclosure policies and the audit of what replies disclose. */
  readonly disclosure?: DisclosureDeps;
  /** Fraud alerts answered or read out within customer turns. */
  readonly alerts?: AlertTurns;
}

/** The dialog a fraud alert's answer continues in. */
const VERIFY_CHARGE = 'verify-charge';

/** Conversation-scoped facts worth keeping: formatting preferences and intent codes, nothing financial. */
interface ConversationMemory {
  locale?: string;
  timeZone?: string;
  history?: string[];
}

const NOT_LINKED =
  'To help with your accounts I need you to link your bank account first. Open your app to link it, then ask me again.';
const HISTORY = 8;
/** The turnState key botbuilder-dialogs' DialogStateManager reads its configuration from. */
const STATE_CONFIGURATION = 'DialogStateManagerConfiguration';

/**
 * The turn: recognise -> route -> dialog -> save state. Replies are held until state is saved;
 * a turn that loses an eTag race is replayed on fresh state (bank actions are idempotent).
 */
export class BankingBot extends ActivityHandler {
  private readonly dialogSet: DialogSet;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly memory: StatePropertyAccessor<ConversationMemory>;
  private readonly intentToDialog = new Map<string, string>();
  private readonly gate: ConsentGate;
  /** Memory scopes and path resolvers: built on the first turn, then reused (as DialogManager does). */
  private stateConfiguration?: DialogStateManagerConfiguration;

  constructor(private readonly deps: BankingBotDeps) {
    super();
    this.dialogState = deps.conversationState.property<DialogState>('dialogState');
    this.memory = deps.conversationState.property<ConversationMemory>('memory');
    this.dialogSet = new DialogSet(this.dialogState);
    for (const dialog of deps.stepUp?.dialogs ?? []) this.dialogSet.add(dialog);
    for (const module of deps.dialogs) {
      const created = module.create(deps.dialogDeps);
      for (const dialog of Array.isArray(created) ? created : [created]) this.dialogSet.add(dialog);
      for (const intent of module.intents) this.intentToDialog.set(intent, module.id);
    }
    const needs = new Map(deps.dialogs.map((module) => [module.id, module.needs ?? []]));
    // Consent first (a plain question), then step-up authentication where the channel's policy wants it.
    this.gate = new ConsentGate(deps.dialogDeps.privacy.consent, needs, async (dc, dialogId) => {
      const stepUp = await deps.stepUp?.check(dc.context, getTurn(dc.context), dialogId);
      if (!stepUp) return { id: dialogId };
      if (dc.activeDialog && ownerOf(dc.activeDialog.id) === STEP_UP) await dc.cancelAllDialogs();
      return { id: STEP_UP, options: stepUp };
    });
    for (const dialog of this.gate.dialogs()) this.dialogSet.add(dialog);
  }

  /** Messages go straight to the turn (ActivityHandler's dispatch chain costs more than it adds); other activities to ActivityHandler. */
  override async run(context: TurnContext): Promise<void> {
    const { disclosure } = this.deps;
    await runTransactionally(context, this.deps.conversationState, this.deps.logger, () => {
      if (disclosure) attachDisclosure(context, disclosure);
      return context.activity?.type === ActivityTypes.Message
        ? this.handleMessage(context)
        : super.run(context);
    });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { channelId, from } = context.activity;
    const accessToken = context.turnState.get(ACCESS_TOKEN) as string | undefined;
    const customer = from?.id
      ? await this.deps.identity.resolve({
          channelId,
          userId: from.id,
          ...(accessToken ? { accessToken } : {}),
        })
      : undefined;
    if (!customer) {
      const linkPlease = reply(NOT_LINKED, { linkAccount: true, expectsInput: false });
      await context.sendActivity(toActivity(linkPlease, this.deps.defaults));
      return;
    }
    if (this.deps.customerLimiter && !(await this.deps.customerLimiter.hit(customer.customerId)).allowed) {
      this.deps.logger.info({
        event: 'turn.rate_limited',
        code: 'CUSTOMER_ERR_RATE_LIMITED',
        channel: channelId,
      });
      const slowDown = reply(ERRORS.CUSTOMER_ERR_RATE_LIMITED.say, { expectsInput: false });
      await context.sendActivity(toActivity(slowDown, this.deps.defaults));
      return;
    }
    const memory = await this.memory.get(context, {});
    const formatting = await this.formatting(context, customer, memory);
    const recognition = await this.recognise(context, formatting);
    const history = [...(memory.history ?? []), recognition.intent].slice(-HISTORY);
    memory.history = history;
    const turn: Turn = {
      customer,
      recognition,
      ...formatting,
      now: this.deps.now(),
      channelId: context.activity.channelId,
      history,
    };
    setTurn(context, turn);
    await this.deps.dialogDeps.privacy.track(context);

    // The stack as stored: a dialog context (two DialogStateManagers) is built only when a dialog needs one.
    const { dialogStack: stack } = await this.dialogState.get(context, { dialogStack: [] });
    const active = stack.at(-1);
    const alert = this.dialogSet.find(VERIFY_CHARGE)
      ? await this.deps.alerts?.actionFor(context, turn, active !== undefined)
      : undefined;
    const decision = alert
      ? undefined
      : route({
          recognition,
          active: await this.activeDialog(context, active),
          dialogs: this.intentToDialog,
          switchThreshold: this.deps.switchThreshold ?? 0.7,
        });
    const described = decision ? describe(decision) : `alert:${alert?.kind ?? ''}`;
    traceTurn(context, { recognition, route: described });
    this.deps.logger.info({
      event: 'turn',
      channel: turn.channelId,
      intent: recognition.intent,
      score: round(recognition.score),
      route: described,
    });
    if (alert) await this.startAlert(await this.dialogContext(context), alert);
    else if (decision && !(await this.answered(context, decision, stack.length)))
      await this.execute(await this.dialogContext(context), decision);
    setDisclosureScope(context, {
      customer,
      conversationId: context.activity.conversation?.id ?? '',
      channelId: turn.channelId,
      assured: (await this.deps.stepUp?.verified(context, turn)) ?? false,
    });
  }

  private async dialogContext(context: TurnContext): Promise<DialogContext> {
    if (this.stateConfiguration) context.turnState.set(STATE_CONFIGURATION, this.stateConfiguration);
    const dc = await this.dialogSet.createContext(context);
    this.stateConfiguration ??= dc.state.configuration;
    return dc;
  }

  /**
   * A one-step dialog begun on an empty stack, with consent given and no step-up due, answered
   * without a dialog context: the same replies the dialog would send, for a fraction of the work.
   */
  private async answered(context: TurnContext, decision: Route, stacked: number): Promise<boolean> {
    if (decision.kind !== 'begin' || stacked > 0) return false;
    const dialog = this.dialogSet.find(decision.dialogId);
    if (!(dialog instanceof OneStepDialog)) return false;
    const turn = getTurn(context);
    if (!(await this.gate.consented(context, decision.dialogId))) return false;
    if (await this.deps.stepUp?.required(context, turn)) return false;
    await sendAnswer(context, await dialog.answer(turn));
    return true;
  }

  /** An alert's answer or read-out: verify-charge on the alert's charge, whatever was going on. */
  private async startAlert(dc: DialogContext, action: AlertAction): Promise<void> {
    if (action.kind === 'closed') {
      await send(dc.context, reply('That alert has already been dealt with. Is there anything else?'));
      return;
    }
    await dc.cancelAllDialogs();
    await dc.beginDialog(VERIFY_CHARGE, action.options);
  }

  private async execute(dc: DialogContext, decision: Route): Promise<void> {
    switch (decision.kind) {
      case 'interrupt': {
        const hadDialog = dc.activeDialog !== undefined;
        await dc.cancelAllDialogs();
        if (decision.action === 'startOver') {
          await send(dc.context, reply("OK, let's start over."));
          await dc.beginDialog('greeting');
        } else {
          await send(
            dc.context,
            reply(
              hadDialog
                ? "OK, I've stopped that. What else can I do for you?"
                : "There's nothing to cancel. What would you like to do?",
            ),
          );
        }
        return;
      }
      case 'begin': {
        if (decision.replace) await dc.cancelAllDialogs();
        // Consent first (a plain question), then step-up (the PIN) when the channel's policy asks for it.
        await this.gate.begin(dc, decision.dialogId);
        return;
      }
      case 'continue':
        await dc.continueDialog();
        return;
      case 'fallback':
        await send(
          dc.context,
          reply("I'm not sure what you mean. I can help with balances, transactions, charges and cards."),
        );
    }
  }

  private async activeDialog(
    context: TurnContext,
    active: DialogInstance | undefined,
  ): Promise<{ rootDialogId: string; acceptsAnswer: boolean } | undefined> {
    if (!active) return undefined;
    const dialog = this.dialogSet.find(active.id);
    const acceptsAnswer = dialog instanceof SlotDialog ? await dialog.accepts(context, active) : false;
    return { rootDialogId: ownerOf(active.id), acceptsAnswer };
  }

  /** Locale and zone for formatting, from the channel or the bank profile, remembered per conversation. */
  private async formatting(
    context: TurnContext,
    customer: CustomerRef,
    memory: ConversationMemory,
  ): Promise<{ locale: string; timeZone: string }> {
    if (!memory.locale || !memory.timeZone) {
      try {
        const profile = await this.deps.bank.getProfile(customer);
        memory.locale = profile.locale;
        memory.timeZone = profile.timeZone;
      } catch (error) {
        this.deps.logger.warn({ event: 'profile.unavailable', code: errorCode(error) });
      }
    }
    return {
      locale: context.activity.locale ?? memory.locale ?? this.deps.defaults.locale,
      timeZone: memory.timeZone ?? this.deps.defaults.timeZone,
    };
  }

  private async recognise(
    context: TurnContext,
    formatting: { locale: string; timeZone: string },
  ): Promise<Recognition> {
    const prerecognised = recognitionFromValue(context.activity.value);
    if (prerecognised) return prerecognised;
    const text = (context.activity.text ?? '').trim();
    if (!text)
      return {
        text,
        locale: formatting.locale,
        intent: OUT_OF_SCOPE,
        score: 0,
        intents: [],
        entities: EMPTY_ENTITIES,
      };
    return this.deps.recognizer.recognize(text, withFields(formatting, { now: this.deps.now() }));
  }
}

function describe(decision: Route): string {
  return decision.kind === 'begin'
    ? `begin:${decision.dialogId}`
    : decision.kind === 'interrupt'
      ? `interrupt:${decision.action}`
      : decision.kind;
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
