import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BotAdapter,
  INVOKE_RESPONSE_KEY,
  MiddlewareSet,
  TurnContext,
  type Activity,
  type ResourceResponse,
  type SendActivitiesHandler,
} from 'botbuilder-core';
import { RequestReplyAdapter } from '../../bot/request-reply-adapter.js';
import { BankbotTurnContext, runNativeMiddleware } from '../../bot/turn-context.js';

/** Records what reaches the adapter and answers with ids of its own. */
class RecordingAdapter extends BotAdapter {
  readonly received: Partial<Activity>[][] = [];
  override async sendActivities(_context: TurnContext, activities: Partial<Activity>[]) {
    this.received.push(structuredClone(activities));
    return activities.map((_, index): ResourceResponse => ({ id: `sent-${this.received.length}-${index}` }));
  }
  override async updateActivity(): Promise<void> {}
  override async deleteActivity(): Promise<void> {}
  override async continueConversation(): Promise<void> {}
}

const incoming = (overrides: Partial<Activity> = {}): Partial<Activity> => ({
  type: 'message',
  id: 'in-1',
  channelId: 'test',
  locale: 'en-GB',
  serviceUrl: 'https://example.test',
  from: { id: 'user', name: 'u' },
  recipient: { id: 'bot', name: 'b' },
  conversation: { id: 'conv', isGroup: false, conversationType: 'personal', name: 'c' },
  text: 'hi',
  ...overrides,
});

type Make = (adapter: BotAdapter, request: Partial<Activity>) => TurnContext;
const botbuilder: Make = (adapter, request) => new TurnContext(adapter, request);
const bankbot: Make = (adapter, request) => new BankbotTurnContext(adapter, request);

/** One scenario run on a context made by `make`: everything observable about it, for comparison. */
async function observe(
  make: Make,
  request: Partial<Activity>,
  handlers: (log: string[]) => SendActivitiesHandler[],
  send: (context: TurnContext) => Promise<unknown>,
) {
  const adapter = new RecordingAdapter();
  const context = make(adapter, request);
  const log: string[] = [];
  for (const handler of handlers(log)) context.onSendActivities(handler);
  let result: unknown;
  let error: string | undefined;
  try {
    result = await send(context);
  } catch (caught) {
    error = (caught as Error).message;
  }
  return {
    result,
    error,
    log,
    received: adapter.received,
    responded: context.responded,
    buffered: structuredClone(context.bufferedReplyActivities),
    invokeResponse: context.turnState.get(INVOKE_RESPONSE_KEY) as unknown,
  };
}

const tag =
  (name: string, log: string[]): SendActivitiesHandler =>
  async (_context, activities, next) => {
    log.push(`${name}:${activities.map((a) => a.text ?? a.type).join(',')}`);
    for (const activity of activities) activity.text = `${activity.text ?? ''}+${name}`;
    return next();
  };

const scenarios: Record<
  string,
  {
    request?: Partial<Activity>;
    handlers: (log: string[]) => SendActivitiesHandler[];
    send: (context: TurnContext) => Promise<unknown>;
  }
> = {
  'a text with speech and input hint': {
    handlers: () => [],
    send: (context) => context.sendActivity('hello', 'hello aloud', 'expectingInput'),
  },
  'a text without hint': { handlers: () => [], send: (context) => context.sendActivity('hello') },
  'an activity with an id, no type': {
    handlers: () => [],
    send: (context) => context.sendActivity({ id: 'drop-me', text: 'typed for me' }),
  },
  'several activities through two handlers, in order': {
    handlers: (log) => [tag('first', log), tag('second', log)],
    send: (context) =>
      context.sendActivities([
        { type: 'message', text: 'one', locale: 'fr-FR' },
        { type: 'typing' },
        { type: 'message', text: 'two' },
      ]),
  },
  'only trace activities (responded stays false)': {
    handlers: () => [],
    send: (context) => context.sendActivities([{ type: 'trace', name: 'debug', value: 1 }]),
  },
  'a handler that answers without calling next': {
    handlers: (log) => [async () => (log.push('short'), [{ id: 'held' }]), tag('never', log)],
    send: (context) => context.sendActivity('held back'),
  },
  'a handler that throws synchronously': {
    handlers: () => [
      () => {
        throw new Error('handler broke');
      },
    ],
    send: (context) => context.sendActivity('x'),
  },
  'a handler registered during the send does not take part in it': {
    handlers: (log) => [
      async (context, _activities, next) => {
        context.onSendActivities(tag('late', log));
        return next();
      },
    ],
    send: async (context) => [await context.sendActivity('first'), await context.sendActivity('second')],
  },
  'expectReplies buffers instead of sending, invoke responses kept': {
    request: incoming({ deliveryMode: 'expectReplies' }),
    handlers: (log) => [tag('h', log)],
    send: (context) =>
      context.sendActivities([
        { type: 'message', text: 'buffered' },
        { type: 'invokeResponse', value: { status: 200 } },
      ]),
  },
};

describe('BankbotTurnContext', () => {
  for (const [name, scenario] of Object.entries(scenarios)) {
    it(`sends as botbuilder's TurnContext does: ${name}`, async () => {
      const request = scenario.request ?? incoming();
      const theirs = await observe(botbuilder, request, scenario.handlers, scenario.send);
      const ours = await observe(bankbot, request, scenario.handlers, scenario.send);
      assert.deepEqual(ours, theirs);
    });
  }

  it('carries its send handlers into a botbuilder copy of the context', async () => {
    const adapter = new RecordingAdapter();
    const context = new BankbotTurnContext(adapter, incoming());
    const log: string[] = [];
    context.onSendActivities(tag('kept', log));
    await new TurnContext(context).sendActivity('via the copy');
    assert.deepEqual(log, ['kept:via the copy']);
    assert.equal(adapter.received[0]![0]!.text, 'via the copy+kept');
  });
});

/** BotAdapter's protected runMiddleware, reached for comparison. */
interface Pipeline {
  runMiddleware(context: TurnContext, next: (context: TurnContext) => Promise<void>): Promise<void>;
}

describe('runNativeMiddleware', () => {
  async function run(
    mode: 'botbuilder' | 'native',
    middleware: MiddlewareSet,
    logic: (context: TurnContext) => Promise<void>,
    onTurnError?: (context: TurnContext, error: Error) => Promise<void>,
  ) {
    const adapter = new RecordingAdapter();
    if (onTurnError) adapter.onTurnError = onTurnError;
    (adapter as unknown as { middleware: MiddlewareSet }).middleware = middleware;
    const context =
      mode === 'native' ? new BankbotTurnContext(adapter, incoming()) : new TurnContext(adapter, incoming());
    context.locale = 'xx';
    let seen: TurnContext | undefined;
    const wrapped = async (proxy: TurnContext) => {
      seen = proxy;
      await logic(proxy);
    };
    let error: string | undefined;
    try {
      if (mode === 'native')
        await runNativeMiddleware({ middleware, onTurnError: adapter.onTurnError }, context, wrapped);
      else await (adapter as unknown as Pipeline).runMiddleware(context, wrapped);
    } catch (caught) {
      error = (caught as Error).message;
    }
    let revoked = false;
    try {
      void seen?.activity;
    } catch {
      revoked = true;
    }
    return { error, locale: context.locale, revoked, proxied: seen !== undefined && seen !== context };
  }

  const cases: Record<
    string,
    () => [MiddlewareSet, (context: TurnContext) => Promise<void>, string[], boolean]
  > = {
    'middleware in order around the logic': () => {
      const order: string[] = [];
      const set = new MiddlewareSet(
        async (_c, next) => {
          order.push('a>');
          await next();
          order.push('<a');
        },
        async (_c, next) => {
          order.push('b>');
          await next();
          order.push('<b');
        },
      );
      return [set, async () => void order.push('logic'), order, false];
    },
    'a failing logic goes to onTurnError': () => {
      const order: string[] = [];
      return [
        new MiddlewareSet(),
        async () => {
          throw new Error('logic broke');
        },
        order,
        true,
      ];
    },
    'a failing logic without onTurnError rejects': () => [
      new MiddlewareSet(),
      async () => {
        throw new Error('logic broke');
      },
      [],
      false,
    ],
  };

  for (const [name, build] of Object.entries(cases)) {
    it(`runs a turn as BotAdapter.runMiddleware does: ${name}`, async () => {
      const outcomes = [];
      for (const mode of ['botbuilder', 'native'] as const) {
        const [set, logic, order, withHandler] = build();
        const errors: string[] = [];
        const handler = withHandler
          ? async (context: TurnContext, error: Error) =>
              void errors.push(`${error.message}@${context.activity.id}`)
          : undefined;
        outcomes.push({ ...(await run(mode, set, logic, handler)), order: [...order], errors });
      }
      assert.deepEqual(outcomes[1], outcomes[0]);
      assert.equal(outcomes[1]!.locale, 'en-GB', "the activity's locale");
      assert.equal(outcomes[1]!.revoked, true, 'the proxy is revoked after the turn');
    });
  }
});

describe('request-reply turns', () => {
  it("make no call to botbuilder's generator-based send and middleware methods", async () => {
    class Collecting extends RequestReplyAdapter {
      constructor() {
        super('test');
      }
      run(logic: (context: TurnContext) => Promise<void>) {
        return this.collect(incoming(), logic);
      }
    }
    const calls: string[] = [];
    const spy = <T extends object>(target: T, key: keyof T & string) => {
      const original = target[key] as (...args: unknown[]) => unknown;
      (target as Record<string, unknown>)[key] = function (this: unknown, ...args: unknown[]) {
        calls.push(key);
        return original.apply(this, args);
      };
      return () => void ((target as Record<string, unknown>)[key] = original);
    };
    const restore = [
      spy(TurnContext.prototype, 'sendActivity'),
      spy(TurnContext.prototype, 'sendActivities'),
      spy(BotAdapter.prototype as unknown as { runMiddleware: unknown }, 'runMiddleware'),
    ];
    try {
      const sent = await new Collecting().run(async (context) => {
        await context.sendActivity('one');
        await context.sendActivities([{ type: 'message', text: 'two' }]);
      });
      assert.deepEqual(
        sent.map((activity) => activity.text),
        ['one', 'two'],
      );
      assert.deepEqual(calls, []);
    } finally {
      for (const undo of restore) undo();
    }
  });
});
