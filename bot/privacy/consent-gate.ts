import type { TurnContext } from 'botbuilder-core';
import type { Dialog, DialogContext } from 'botbuilder-dialogs';
import { WaterfallDialog } from '../dialog-classes.js';
import { ownerOf } from '../dialog-module.js';
import { isDataCategory, type DataCategory } from '../ports/consent.port.js';
import { reply } from '../reply.js';
import { confirmSlot } from '../slots.js';
import { getTurn, send, setTurn } from '../turn.js';
import type { ConsentService } from './consent-service.js';
import { listCategories, onChannel } from './consent-words.js';
import { pendingRequest, restoredRequest, type PendingRequest } from './pending-request.js';
import { withFields } from '../objects.js';

/** The engine's own dialog that asks for consent before a dialog that needs it. */
export const CONSENT_ASK = 'consent-ask';
const CONFIRM = `${CONSENT_ASK}.confirm`;

type AskParams = PendingRequest & { readonly resume: string; readonly categories: readonly string[] };

const SHOWN: Readonly<Record<DataCategory, string>> = {
  balances: 'balance',
  transactions: 'transactions',
  alerts: 'alerts',
};

const categoriesOf = (params: AskParams): DataCategory[] => params.categories.filter(isDataCategory);

/**
 * Where a consented request actually starts: the dialog itself, or a dialog that must run before
 * it (step-up authentication), which starts the dialog when it is done.
 */
export type StartRoute = (dc: DialogContext, dialogId: string) => Promise<{ id: string; options?: object }>;

const direct: StartRoute = async (_dc, dialogId) => ({ id: dialogId });

/**
 * Starts dialogs that declare data categories (`DialogModule.needs`) only when the customer allows
 * them on this channel; otherwise asks first. Yes records the grant and carries the request on
 * (when it could be kept whole: it holds no amount or merchant, see pending-request.ts); no records
 * the refusal.
 */
export class ConsentGate {
  constructor(
    private readonly consent: ConsentService,
    private readonly needs: ReadonlyMap<string, readonly DataCategory[]>,
    private readonly route: StartRoute = direct,
  ) {}

  /** Whether the customer allows on this channel every data category the dialog shows. */
  async consented(context: TurnContext, dialogId: string): Promise<boolean> {
    return (await this.missing(context, dialogId)).length === 0;
  }

  async begin(dc: DialogContext, dialogId: string): Promise<void> {
    const missing = await this.missing(dc.context, dialogId);
    if (missing.length === 0) {
      const start = await this.route(dc, dialogId);
      await dc.beginDialog(start.id, start.options);
      return;
    }
    // A new request replaces a question still waiting for its answer, rather than stacking on it.
    while (dc.stack[0] && ownerOf(dc.stack[0].id) === CONSENT_ASK) dc.stack.shift();
    const params: AskParams = withFields(pendingRequest(getTurn(dc.context).recognition), {
      resume: dialogId,
      categories: missing,
    });
    await dc.beginDialog(CONSENT_ASK, params);
  }

  private async missing(context: TurnContext, dialogId: string): Promise<DataCategory[]> {
    const needed = this.needs.get(dialogId) ?? [];
    if (needed.length === 0) return [];
    const allowed = await this.consent.allowed(context);
    return needed.filter((category) => !allowed.has(category));
  }

  dialogs(): Dialog[] {
    const ask = confirmSlot<AskParams>(CONFIRM, (context, params, reason) => {
      const categories = categoriesOf(params);
      const shown = categories.map((c) => SHOWN[c]);
      const where = onChannel(getTurn(context).channelId);
      const again = reason === 'retry' ? 'Please answer yes or no. ' : '';
      return reply(
        `${again}To show your ${listCategories(shown as DataCategory[])} here I need your OK to share ${listCategories(categories)} ${where}. OK?`,
        { choices: ['Yes', 'No'] },
      );
    });
    const flow = new WaterfallDialog(CONSENT_ASK, [
      async (step) => step.beginDialog(CONFIRM, step.options),
      async (step) => {
        const params = step.options as AskParams;
        const categories = categoriesOf(params);
        const granted = step.result === true;
        await this.consent.decide(step.context, { categories, granted });
        const turn = getTurn(step.context);
        const what = `${listCategories(categories)} ${onChannel(turn.channelId)}`;
        if (!granted) {
          await send(step.context, reply(`OK, I won't share ${what}.`));
          return step.endDialog();
        }
        const request = restoredRequest(params);
        if (!request) {
          const again =
            "Please ask me again: I don't keep the details of a question while I wait for an answer.";
          await send(step.context, reply(`Thanks, I'll share ${what} from now on. ${again}`));
          return step.endDialog();
        }
        await send(step.context, reply(`Thanks, I'll share ${what} from now on.`));
        setTurn(step.context, withFields(turn, { recognition: request }));
        const start = await this.route(step, params.resume);
        return step.replaceDialog(start.id, start.options);
      },
    ]);
    return [flow, ask];
  }
}
