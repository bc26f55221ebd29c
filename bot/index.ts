import { MemoryStorage, type Storage, type TurnContext } from 'botbuilder-core';
import { createCompositeBank } from '../adapters/banks/composite.bank.js';
import { createOpenBankingUkBank } from '../adapters/banks/open-banking-uk.bank.js';
import { createSandboxBank, type SandboxBank } from '../adapters/banks/sandbox.bank.js';
import { createStripeIssuingBank } from '../adapters/banks/stripe-issuing.bank.js';
import { createAlexaChannel } from '../adapters/channels/alexa.channel.js';
import { createGoogleChannel } from '../adapters/channels/google.channel.js';
import { createMessengerChannel } from '../adapters/channels/messenger.channel.js';
import { createRedisStorage } from '../adapters/storage/redis.storage.js';
import { dialogs as allDialogs } from '../dialogs/index.js';
import { guardBank } from './bank-guard.js';
import { BankingBot } from './banking-bot.js';
import { ConversationStore } from './conversation-store.js';
import type { Config } from './config.js';
import type { DialogModule } from './dialog-module.js';
import { extractEntities, warmUpEntities } from './entities/extract.js';
import type { Logger } from './logger.js';
import { loadIntentClassifier } from './nlu/intent-classifier.js';
import { createIdentity } from './identity.js';
import type { BankPort } from './ports/bank.port.js';
import type { ChannelDeps, ChannelPort } from './ports/channel.port.js';
import type { RecognizerPort } from './recognition.js';
import { createRecognizer } from './recognizer.js';
import { createHttpServer, type Route } from './server.js';

/** Meta retries deliveries for about a day; de-duplication records need not outlive that. */
const DELIVERY_TTL_SECONDS = 86_400;

export interface BankbotOverrides {
  /** A bank to use instead of the configured one (tests pass a sandbox with a fixed clock). */
  readonly bank?: BankPort;
  readonly storage?: Storage;
  readonly recognizer?: RecognizerPort;
  readonly now?: () => Date;
  readonly dialogs?: readonly DialogModule[];
  /** Channels to serve besides the console (tests build them with test keys and local peers). */
  readonly channels?: (deps: ChannelDeps) => readonly ChannelPort[];
}

export interface Bankbot {
  readonly bot: BankingBot;
  readonly bank: BankPort;
  /** The sandbox bank when BANK=sandbox, for demos and tests that inspect or fault it. */
  readonly sandbox?: SandboxBank;
  readonly storage: Storage;
  readonly recognizer: RecognizerPort;
  readonly routes: readonly Route[];
  readonly channels: readonly ChannelPort[];
  createServer(): ReturnType<typeof createHttpServer>;
  close(): Promise<void>;
}

/** Loads the NLU from the configured corpora (trained once, then cached on disk). */
export async function createConfiguredRecognizer(config: Config, logger: Logger): Promise<RecognizerPort> {
  const classifier = await loadIntentClassifier({
    modelsDir: config.NLU_MODELS_DIR,
    cacheDir: config.NLU_CACHE_DIR,
    languages: ['en'],
    onEvent: (event, detail) =>
      logger.info({ event, hash: detail.hash.slice(0, 12), ms: Math.round(detail.ms) }),
  });
  warmUpEntities([config.DEFAULT_LOCALE]);
  return createRecognizer(classifier, extractEntities);
}

/** The bank adapter BANK names. Stripe Issuing has no accounts, so alone it puts cards beside the sandbox's. */
function createConfiguredBank(config: Config, logger: Logger, sandbox: SandboxBank | undefined): BankPort {
  const http = {
    timeoutMs: config.BANK_HTTP_TIMEOUT_MS,
    rateLimit: { maxWaitSeconds: config.BANK_RETRY_AFTER_MAX_SECONDS },
    breaker: {
      failureThreshold: config.BANK_BREAKER_FAILURES,
      openMs: config.BANK_BREAKER_OPEN_MS,
      onStateChange: (state: string) => logger.warn({ event: 'bank.breaker', state }),
    },
  };
  const required = (value: string | undefined, name: string): string => {
    if (!value) throw new Error(`bankbot: ${name} is required when BANK=${config.BANK}`);
    return value;
  };
  const openBanking = (): BankPort =>
    createOpenBankingUkBank({
      baseUrl: required(config.OPEN_BANKING_BASE_URL, 'OPEN_BANKING_BASE_URL'),
      version: config.OPEN_BANKING_VERSION,
      http,
      defaultLocale: config.DEFAULT_LOCALE,
      defaultTimeZone: config.DEFAULT_TIME_ZONE,
    });
  const cards = () =>
    createStripeIssuingBank({
      apiKey: required(config.STRIPE_API_KEY, 'STRIPE_API_KEY'),
      baseUrl: config.STRIPE_BASE_URL,
      http,
    });
  switch (config.BANK) {
    case 'sandbox':
      return sandbox ?? createSandboxBank();
    case 'open-banking-uk':
      return openBanking();
    case 'stripe-issuing':
      return createCompositeBank({ accounts: sandbox ?? createSandboxBank(), cards: cards() });
    case 'composite':
      return createCompositeBank({ accounts: openBanking(), cards: cards() });
  }
}

/**
 * The composition root: config, storage, NLU, bank, dialogs and HTTP routes wired in one place.
 * The only module that imports concrete adapters.
 */
export async function createBankbot(
  config: Config,
  logger: Logger,
  overrides: BankbotOverrides = {},
): Promise<Bankbot> {
  const now = overrides.now ?? (() => new Date());
  const needsSandbox = !overrides.bank && (config.BANK === 'sandbox' || config.BANK === 'stripe-issuing');
  const sandbox = needsSandbox ? createSandboxBank({ now, fault: config.SANDBOX_FAULT }) : undefined;
  const bank = guardBank(
    overrides.bank ?? createConfiguredBank(config, logger, sandbox),
    config.BANK_TIMEOUT_MS,
  );

  let closeStorage = async (): Promise<void> => undefined;
  let storage: Storage = overrides.storage ?? new MemoryStorage();
  if (!overrides.storage && config.REDIS_URL) {
    const redis = createRedisStorage({
      url: config.REDIS_URL,
      prefix: config.REDIS_PREFIX,
      ttlSeconds: (key) =>
        key.includes('/conversations/')
          ? config.CONVERSATION_TTL_SECONDS
          : key.startsWith('messenger/deliveries/')
            ? DELIVERY_TTL_SECONDS
            : undefined,
      onConnectionError: (error) => logger.warn({ event: 'redis.unavailable', code: error.code }),
    });
    await redis.connect();
    storage = redis;
    closeStorage = () => redis.close();
  }

  const recognizer = overrides.recognizer ?? (await createConfiguredRecognizer(config, logger));
  // On the sandbox bank the console's user id is the customer id; real banks link every channel.
  const identity = createIdentity({
    storage,
    bank,
    logger,
    trustedChannels: config.BANK === 'sandbox' ? ['console'] : [],
  });
  const bot = new BankingBot({
    conversationState: new ConversationStore(storage),
    dialogs: overrides.dialogs ?? allDialogs,
    dialogDeps: { bank },
    bank,
    recognizer,
    logger,
    now,
    identity,
    defaults: { locale: config.DEFAULT_LOCALE, timeZone: config.DEFAULT_TIME_ZONE },
  });

  const channelDeps = { logger, identity, storage, now };
  const channels = overrides.channels?.(channelDeps) ?? [
    createMessengerChannel(config, channelDeps, { linkUrl: config.MESSENGER_LINK_URL }),
    createAlexaChannel(config, channelDeps),
    createGoogleChannel(config, channelDeps),
  ];
  const logic = (context: TurnContext): Promise<void> => bot.run(context);
  const routes: Route[] = [
    ...channels.flatMap((channel) => channel.routes(logic)),
    {
      method: 'GET',
      path: '/healthz',
      handler: () => ({
        status: 200,
        body: { status: 'ok', bank: config.BANK, storage: config.REDIS_URL ? 'redis' : 'memory' },
      }),
    },
  ];

  return {
    bot,
    bank,
    ...(sandbox ? { sandbox } : {}),
    storage,
    recognizer,
    routes,
    channels,
    createServer: () => createHttpServer({ routes, bodyLimitBytes: config.BODY_LIMIT_BYTES, logger }),
    close: () => closeStorage(),
  };
}
