import type { Dialog } from 'botbuilder-dialogs';
import { WaterfallDialog } from '../dialog-classes.js';
import type { AccountKind, BankPort, StepUpMethod } from '../ports/bank.port.js';
import type { DateRangeEntity, Recognition } from '../recognition.js';
import { SlotDialog } from '../slot-dialog.js';
import { getTurn, send, setTurn } from '../turn.js';
import type { Assurance } from './assurance.js';
import { codeFrom } from './code-answer.js';
import type { Lockout } from './lockout.js';
import { oncePerTurn } from './once-per-turn.js';
import {
  CANNOT_CHECK,
  askForCode,
  lockedNow,
  notWithoutStepUp,
  stillLocked,
  verifiedAskAgain,
  type StepUpPurpose,
} from './prompts.js';
import { withFields } from '../objects.js';

export const STEP_UP = 'step-up';
const CODE = `${STEP_UP}.code`;

/**
 * What the step-up dialog keeps in conversation state while it asks: the request to answer once
 * verified, by intent and the entities that are not customer data. An amount, a merchant or a
 * number the customer said is not kept: such a request is asked again (`replayable: false`).
 */
export interface StepUpOptions {
  readonly dialogId: string;
  readonly intent: string;
  readonly replayable: boolean;
  /**
   * Set when a dialog asks for the step-up before it acts (see StepUp.before): `dialogId` is begun
   * again with these options once verified, and the question says the PIN is for acting. Ids only:
   * they are kept in conversation state.
   */
  readonly resume?: object;
  readonly accountKind?: AccountKind;
  readonly dateRange?: DateRangeEntity;
  /** Set when asking again after a wrong answer (a one-time code is not sent twice). */
  readonly method?: StepUpMethod;
  readonly sentTo?: 'app' | 'sms';
  readonly triesLeft?: number;
}

type CodeParams = {
  method: StepUpMethod;
  sentTo: '' | 'app' | 'sms';
  again: boolean;
  triesLeft: number;
  purpose: StepUpPurpose;
};
type Values = { method: StepUpMethod; sentTo?: 'app' | 'sms' };

/** A held action is acted on once verified; any other request reads out amounts. */
const purposeOf = (options: StepUpOptions): StepUpPurpose => (options.resume ? 'act' : 'amounts');

export interface StepUpDialogDeps {
  readonly bank: BankPort;
  readonly lockout: Lockout;
  readonly assurance: Assurance;
  readonly ttlMs: number;
}

/** The request as it is answered after the step-up: its intent and kept entities, no words. */
function replayOf(options: StepUpOptions, locale: string): Recognition {
  const { intent, accountKind, dateRange } = options;
  return {
    text: '',
    locale,
    intent,
    score: 1,
    intents: [{ intent, score: 1 }],
    entities: {
      amounts: [],
      numbers: [],
      ...(accountKind ? { accountKind } : {}),
      ...(dateRange ? { dateRange } : {}),
    },
  };
}

/**
 * Asks for the voice PIN or a one-time code, has the bank check it, and then answers the request
 * it stands in front of. Wrong answers count towards the customer's lockout; while locked, or when
 * the bank has no step-up, the request is answered at once and the disclosure policy keeps its
 * amounts off the speech (card or app).
 */
export function stepUpDialogs(deps: StepUpDialogDeps): readonly Dialog[] {
  const code = new SlotDialog<CodeParams, string>(CODE, {
    recognize: (turn) => codeFrom(turn.recognition.text),
    ask: (_context, { method, sentTo, again, triesLeft, purpose }, reason) =>
      askForCode(
        method,
        withFields(
          reason === 'retry' ? { unclear: true } : again && reason === 'first' ? { triesLeft } : {},
          sentTo ? { sentTo } : {},
          { purpose },
        ),
      ),
  });

  const flow = new WaterfallDialog(STEP_UP, [
    async (step) => {
      const options = step.options as StepUpOptions;
      const { customer } = getTurn(step.context);
      if (options.method) {
        const { method, sentTo } = options;
        Object.assign(step.values, { method, ...(sentTo ? { sentTo } : {}) } satisfies Values);
        return step.beginDialog(CODE, {
          method,
          sentTo: sentTo ?? '',
          again: true,
          triesLeft: options.triesLeft ?? 0,
          purpose: purposeOf(options),
        });
      }
      const status = await deps.lockout.status(customer.customerId);
      if (status.locked) {
        await send(step.context, stillLocked(status.minutesLeft));
        // An action held for the step-up is not taken unverified; a read-out goes on, amounts kept off the speech.
        if (options.resume) {
          await send(step.context, notWithoutStepUp);
          return step.endDialog();
        }
        return step.replaceDialog(options.dialogId);
      }
      const challenge = await oncePerTurn(step.context, 'start', () => deps.bank.startStepUp(customer));
      // A bank without step-up for this customer: the request goes on as on any other channel.
      if (challenge.method === 'unsupported') return step.replaceDialog(options.dialogId, options.resume);
      const sentTo = challenge.method === 'otp' ? challenge.sentTo : undefined;
      Object.assign(step.values, {
        method: challenge.method,
        ...(sentTo ? { sentTo } : {}),
      } satisfies Values);
      return step.beginDialog(CODE, {
        method: challenge.method,
        sentTo: sentTo ?? '',
        again: false,
        triesLeft: status.triesLeft,
        purpose: purposeOf(options),
      });
    },
    async (step) => {
      const options = step.options as StepUpOptions;
      const turn = getTurn(step.context);
      const { method, sentTo } = step.values as Values;
      const customerId = turn.customer.customerId;
      const code = step.result as string;
      const verdict = await oncePerTurn(step.context, 'verify', () =>
        deps.bank.verifyStepUp(turn.customer, { method, code }),
      );
      if (verdict === 'unsupported') {
        await send(step.context, CANNOT_CHECK);
        return step.endDialog();
      }
      if (verdict === 'invalid') {
        const status = await oncePerTurn(step.context, 'fail', () => deps.lockout.fail(customerId));
        if (!status.locked)
          return step.replaceDialog(
            STEP_UP,
            withFields(options, { method }, sentTo ? { sentTo } : {}, { triesLeft: status.triesLeft }),
          );
        await send(step.context, lockedNow(method, status.minutesLeft));
        return step.endDialog();
      }
      await deps.lockout.clear(customerId);
      await deps.assurance.grant(step.context, customerId, method, turn.now);
      if (options.resume) return step.replaceDialog(options.dialogId, options.resume);
      if (!options.replayable) {
        await send(step.context, verifiedAskAgain(Math.max(1, Math.round(deps.ttlMs / 60_000))));
        return step.endDialog();
      }
      setTurn(step.context, withFields(turn, { recognition: replayOf(options, turn.recognition.locale) }));
      return step.replaceDialog(options.dialogId);
    },
  ]);
  return [flow, code];
}
