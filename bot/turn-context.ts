import {
  ActivityTypes,
  BotAdapter,
  DeliveryModes,
  INVOKE_RESPONSE_KEY,
  InputHints,
  TurnContext,
  type Activity,
  type MiddlewareSet,
  type ResourceResponse,
  type SendActivitiesHandler,
} from 'botbuilder-core';
import { ReplayedRequestError } from './errors.js';

/*
 * Why this file exists: botbuilder-core is compiled for ES2015, so each of its async methods runs
 * through TypeScript's `__awaiter(this, ..., function* () {...})`, a new generator function per call.
 * Calling a new generator function makes V8 build that function an initial map in the old
 * generation, and the map points back at the function. Scavenges treat old-to-young pointers as
 * roots, so every such call keeps its closure (the turn context, the activities, the reply) alive
 * until the next full collection: on an Alexa balance turn that was about 12 KB promoted per turn
 * and scavenges of 4-5 ms. A one-step turn made three such calls (`runMiddleware`, `sendActivity`,
 * and `sendActivities`' send step); the two classes below make them as native async functions,
 * with botbuilder-core 4.23's semantics. Measured in docs/benchmarks.md ("2026-11-22, third pass").
 */

/**
 * A TurnContext whose `sendActivity` and `sendActivities` are native async functions (see above),
 * behaving as botbuilder's: each activity is copied and addressed from the incoming one, handlers
 * run in registration order, `expectReplies` buffers, and a non-trace activity sets `responded`.
 */
export class BankbotTurnContext extends TurnContext {
  /** The send handlers, as botbuilder keeps them privately (it has them too: `copyTo` clones carry them). */
  private readonly sendHandlers: SendActivitiesHandler[] = [];

  constructor(adapter: BotAdapter, request: Partial<Activity>) {
    super(adapter, request);
  }

  override onSendActivities(handler: SendActivitiesHandler): this {
    this.sendHandlers.push(handler);
    return super.onSendActivities(handler);
  }

  override async sendActivity(
    activityOrText: string | Partial<Activity>,
    speak?: string,
    inputHint?: string,
  ): Promise<ResourceResponse | undefined> {
    const activity: Partial<Activity> =
      typeof activityOrText === 'string'
        ? {
            text: activityOrText,
            inputHint: inputHint || InputHints.AcceptingInput,
            ...(speak ? { speak } : {}),
          }
        : activityOrText;
    const responses = (await this.sendActivities([activity])) || [];
    return responses[0];
  }

  override sendActivities(activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    let nonTrace = false;
    const reference = TurnContext.getConversationReference(this.activity);
    const output = activities.map((activity) => {
      const copy = TurnContext.applyConversationReference(Object.assign({}, activity), reference);
      if (!copy.type) copy.type = ActivityTypes.Message;
      if (copy.type !== ActivityTypes.Trace) nonTrace = true;
      if (copy.id) delete copy.id;
      return copy;
    });
    const deliver = async (): Promise<ResourceResponse[]> => {
      if (this.activity.deliveryMode === DeliveryModes.ExpectReplies) {
        const responses: ResourceResponse[] = [];
        for (const activity of output) {
          this.bufferedReplyActivities.push(activity);
          if (activity.type === ActivityTypes.InvokeResponse)
            this.turnState.set(INVOKE_RESPONSE_KEY, activity);
          responses.push({ id: undefined as unknown as string });
        }
        if (nonTrace) this.responded = true;
        return responses;
      }
      const responses = await this.adapter.sendActivities(this, output);
      for (let index = 0; index < (responses?.length ?? 0); index++) {
        const activity = output[index];
        if (activity) activity.id = responses[index]!.id;
      }
      if (nonTrace) this.responded = true;
      return responses;
    };
    // Handlers registered while this send runs do not take part in it (botbuilder copies its list).
    return this.runSendHandlers(0, this.sendHandlers.length, output, deliver);
  }

  private runSendHandlers(
    index: number,
    count: number,
    output: Partial<Activity>[],
    deliver: () => Promise<ResourceResponse[]>,
  ): Promise<ResourceResponse[]> {
    try {
      const handler = index < count ? this.sendHandlers[index] : undefined;
      if (!handler) return deliver();
      return handler(this, output, () => this.runSendHandlers(index + 1, count, output, deliver));
    } catch (error) {
      return Promise.reject(error);
    }
  }
}

/** What BotAdapter.runMiddleware needs of its adapter (its protected middleware, its error handler). */
export interface TurnPipeline {
  readonly middleware: MiddlewareSet;
  readonly onTurnError?: (context: TurnContext, error: Error) => Promise<void>;
}

/**
 * BotAdapter.runMiddleware as a native async function (see above): the context's locale from its
 * activity, the turn behind a revocable proxy, the adapter's middleware then `logic`, errors to
 * `onTurnError` when there is one, and the proxy revoked at the end. A ReplayedRequestError is the
 * request refused, not a turn that failed: it always reaches the caller (a 401), never the handler.
 */
export async function runNativeMiddleware(
  pipeline: TurnPipeline,
  context: TurnContext,
  logic: (context: TurnContext) => Promise<void>,
): Promise<void> {
  if (context.activity?.locale) context.locale = context.activity.locale;
  const { proxy, revoke } = Proxy.revocable(context, {});
  try {
    await pipeline.middleware.run(proxy, () => logic(proxy));
  } catch (error) {
    if (!pipeline.onTurnError || error instanceof ReplayedRequestError) throw error;
    await pipeline.onTurnError(proxy, error as Error);
  } finally {
    revoke();
  }
}

/**
 * A BotAdapter whose turns run through runNativeMiddleware. Adapters on botbuilder's BotAdapter
 * extend this; one on another base (MessengerAdapter, on FacebookAdapter) overrides the same way.
 */
export abstract class NativeBotAdapter extends BotAdapter {
  /** botbuilder's runMiddleware without its per-call generator (see above). */
  protected override runMiddleware(
    context: TurnContext,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    return runNativeMiddleware(
      { middleware: this.middleware, onTurnError: this.onTurnError },
      context,
      logic,
    );
  }
}
