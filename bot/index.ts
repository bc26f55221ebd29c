import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { MemoryStorage, type Storage, type TurnContext } from 'botbuilder-core';
import { createMemoryAlertQueue } from '../adapters/alerts/memory.alert-queue.js';
import { createMemoryAlertRecords } from '../adapters/alerts/memory.alert-records.js';
import { createRedisAlertQueue } from '../adapters/alerts/redis.alert-queue.js';
import { createRedisAlertRecords } from '../adapters/alerts/redis.alert-records.js';
import { createCompositeBank } from '../adapters/banks/composite.bank.js';
import { createOpenBankingUkBank } from '../adapters/banks/open-banking-uk.bank.js';
import { createSandboxBank, type SandboxBank } from '../adapters/banks/sandbox.bank.js';
import { createStripeIssuingBank } from '../adapters/banks/stripe-issuing.bank.js';
import { createAlexaChannel } from '../adapters/channels/alexa.channel.js';
import { createGoogleChannel } from '../adapters/channels/google.channel.js';
import { createChannelPreview } from '../adapters/channels/preview/channel-preview.js';
import { isDeliveryKey } from '../adapters/channels/messenger/delivery-dedup.js';
import { isInboundKey, WINDOW_MS } from '../adapters/channels/messenger/inbound-window.js';
import { createMemoryConsentLedger } from '../adapters/storage/memory.consent-ledger.js';
import { createMemoryCustomerIndex } from '../adapters/storage/memory.customer-index.js';
import { createRedisConsentLedger } from '../adapters/storage/redis.consent-ledger.js';
import { createRedisCustomerIndex } from '../adapters/storage/redis.customer-index.js';
import { createRedisStorage, type RedisStorage } from '../adapters/storage/redis.storage.js';
import { createMemoryRateLimiter } from '../adapters/rate-limit/memory.rate-limiter.js';
import { createRateLimitRedis, type RateLimitRedis } from '../adapters/rate-limit/redis.rate-limiter.js';
import { dialogs as allDialogs } from '../dialogs/index.js';
import { createAlertService } from './alerts/alert-service.js';
import type { AlertWorker } from './alerts/alert-worker.js';
import { guardBank } from './bank-guard.js';
import { BankingBot } from './banking-bot.js';
import { ConversationStore } from './conversation-store.js';
import type { Config } from './config.js';
import { createTokenCipher } from './crypto/token-cipher.js';
import { parseTokenKeys } from './crypto/token-keys.js';
import type { DialogModule } from './dialog-module.js';
import { errorCode } from './errors.js';
import { createLogAudit } from './disclosure/log-audit.js';
import { disclosurePolicies } from './disclosure/policy.js';
import { extractEntities, warmUpEntitiesInBackground } from './entities/extract.js';
import type { Logger } from './logger.js';
import { languageOf, loadIntentClassifier } from './nlu/intent-classifier.js';
import { createIdentity } from './identity.js';
import { PLAYGROUND_CHANNEL } from './playground/playground-adapter.js';
import { createPlaygroundRoutes } from './playground/playground.routes.js';
import type { AlertQueue } from './ports/alert-queue.port.js';
import type { AlertRecords } from './ports/alert-records.port.js';
import type { AuditPort } from './ports/audit.port.js';
import type { BankPort } from './ports/bank.port.js';
import type { ChannelDeps, ChannelPort } from './ports/channel.port.js';
import type { ConsentLedger } from './ports/consent.port.js';
import type { CustomerDataRegistry, CustomerIndex } from './ports/customer-data.port.js';
import { CustomerPrivacy } from './privacy/customer-privacy.js';
import { createEraser } from './privacy/eraser.js';
import { createPseudonym } from './privacy/pseudonym.js';
import type { RateLimiterPort } from './ports/rate-limiter.port.js';
import { failOpen } from './rate-limit.js';
import type { RecognizerPort } from './recognition.js';
import { createRecognizer } from './recognizer.js';
import { createHttpServer, type Route } from './server.js';
import { configuredLockout, configuredStepUp } from './step-up/configured-step-up.js';
import { lockoutKey } from './step-up/lockout.js';
import { withFields } from './objects.js';

/** Meta retries deliveries for about a day; de-duplication records need not outlive that. */
const DELIVERY_TTL_SECONDS = 86_400;
/** How long after start-up the entity models are built in the background. */
const ENTITY_WARM_UP_DELAY_MS = 1000;
/** Used when PSEUDONYM_KEY is unset (development, tests): public, so production must set its own. */
const DEVELOPMENT_PSEUDONYM_KEY = 'bankbot-development-pseudonym-key-not-secret';

const isRedisStorage = (storage: Storage): storage is RedisStorage =>
  'command' in storage && 'prefix' in storage;

/** The consent ledger and customer index beside the conversation state: in Redis when it is Redis. */
function createCustomerRecords(
  storage: Storage,
  config: Config,
  pseudonym: (customerId: string) => string,
): { ledger: ConsentLedger; index: CustomerIndex } {
  // Conversations refresh their index entry every half lifetime, so two lifetimes never drop a live one.
  const retentionMs = 2 * config.CONVERSATION_TTL_SECONDS * 1000;
  return isRedisStorage(storage)
    ? {
        ledger: createRedisConsentLedger({ redis: storage, pseudonym }),
        index: createRedisCustomerIndex({ redis: storage, retentionMs }),
      }
    : { ledger: createMemoryConsentLedger({ pseudonym }), index: createMemoryCustomerIndex({ retentionMs }) };
}

/** The alert queue and records beside the conversation state: in Redis when it is Redis. */
function createAlertStores(
  storage: Storage,
  config: Config,
  now: () => Date,
): { queue: AlertQueue; records: AlertRecords } {
  if (!isRedisStorage(storage))
    return { queue: createMemoryAlertQueue(), records: createMemoryAlertRecords({ now }) };
  return {
    queue: createRedisAlertQueue({ redis: storage }),
    records: createRedisAlertRecords({ redis: storage, ttlSeconds: config.ALERTS_RECORD_TTL_SECONDS, now }),
  };
}

export interface BankbotOverrides {
  /** A bank to use instead of the configured one (tests pass a sandbox with a fixed clock). */
  readonly bank?: BankPort;
  readonly storage?: Storage;
  readonly recognizer?: RecognizerPort;
  readonly now?: () => Date;
  readonly dialogs?: readonly DialogModule[];
  /** Channels to serve besides the console (tests build them with test keys and local peers). */
  readonly channels?: (deps: ChannelDeps) => readonly ChannelPort[];
  /** Where disclosures are recorded instead of the log (a bank's audit store; tests keep them). */
  readonly audit?: AuditPort;
}

export interface Bankbot {
  readonly bot: BankingBot;
  readonly bank: BankPort;
  /** The sandbox bank when BANK=sandbox, for demos and tests that inspect or fault it. */
  readonly sandbox?: SandboxBank;
  readonly storage: Storage;
  /** Per customer, channel and data category: who allowed what, when. */
  readonly consent: ConsentLedger;
  /** Where features that keep per-customer records register their eraser, for forget-me. */
  readonly customerData: CustomerDataRegistry;
  readonly recognizer: RecognizerPort;
  readonly routes: readonly Route[];
  readonly channels: readonly ChannelPort[];
  /** Fraud alerts: the queue, the records and this instance's worker (`drain()` delivers what is queued). */
  readonly alerts: {
    readonly queue: AlertQueue;
    readonly records: AlertRecords;
    readonly worker: AlertWorker;
  };
  createServer(): ReturnType<typeof createHttpServer>;
  close(): Promise<void>;
}

/** The languages whose corpora ship in nlu-models/; a request's locale picks one, else the default locale's. */
const NLU_LANGUAGES: readonly string[] = ['en', 'es'];

/** Loads the NLU from the configured corpora (trained once, then cached on disk). */
export async function createConfiguredRecognizer(config: Config, logger: Logger): Promise<RecognizerPort> {
  const language = languageOf(config.DEFAULT_LOCALE);
  const classifier = await loadIntentClassifier({
    modelsDir: config.NLU_MODELS_DIR,
    cacheDir: config.NLU_CACHE_DIR,
    languages: NLU_LANGUAGES,
    defaultLanguage: NLU_LANGUAGES.includes(language) ? language : 'en',
    onEvent: (event, detail) =>
      logger.info({ event, hash: detail.hash.slice(0, 12), ms: Math.round(detail.ms) }),
  });
  // Building the entity models takes about a second: not on the way to the first request.
  warmUpEntitiesInBackground([config.DEFAULT_LOCALE], ENTITY_WARM_UP_DELAY_MS);
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
 * Imported when built: botbuilder-adapter-facebook brings botkit and botbuilder (about 0.7 s of
 * start-up), which a server built with its own channel list (an Alexa-only skill) never loads.
 */
async function messengerChannel(config: Config, deps: ChannelDeps): Promise<ChannelPort> {
  const { createMessengerChannel } = await import('../adapters/channels/messenger.channel.js');
  return createMessengerChannel(config, deps, { linkUrl: config.MESSENGER_LINK_URL });
}

/** The sandbox bank the playground chats on: the configured one, or a sandbox a test passed in. */
function sandboxOf(sandbox: SandboxBank | undefined, override: BankPort | undefined): SandboxBank {
  const candidate = sandbox ?? override;
  if (candidate && 'customerIds' in candidate && typeof candidate.customerIds === 'function')
    return candidate as SandboxBank;
  throw new Error('bankbot: PLAYGROUND=on needs the sandbox bank (BANK=sandbox)');
}

interface RateLimits {
  readonly ip?: RateLimiterPort;
  readonly customer?: RateLimiterPort;
  close(): Promise<void>;
}

/**
 * Per-IP and per-customer limits (0 disables one): shared through Redis when REDIS_URL is set, so
 * every instance counts together, else in memory. While Redis is down, synced limits (the default)
 * go on per instance and limits checked on every request (RATE_LIMIT_SYNC_MS=0) let traffic through.
 */
async function createRateLimits(config: Config, logger: Logger): Promise<RateLimits> {
  const windowMs = config.RATE_LIMIT_WINDOW_SECONDS * 1000;
  const wanted = { ip: config.RATE_LIMIT_PER_IP, customer: config.RATE_LIMIT_PER_CUSTOMER };
  let redis: RateLimitRedis | undefined;
  if (config.REDIS_URL && (wanted.ip > 0 || wanted.customer > 0)) {
    redis = createRateLimitRedis({
      url: config.REDIS_URL,
      cluster: config.REDIS_CLUSTER === 'on',
      prefix: config.REDIS_PREFIX,
      timeoutMs: config.RATE_LIMIT_TIMEOUT_MS,
      syncMs: config.RATE_LIMIT_SYNC_MS,
      onConnectionError: (error) => logger.warn({ event: 'ratelimit.unavailable', code: error.code }),
      onSyncFailed: (error) =>
        logger.warn({ event: 'ratelimit.sync_failed', limiter: 'all', code: errorCode(error) }),
      onSyncRecovered: () => logger.info({ event: 'ratelimit.recovered', limiter: 'all' }),
    });
    await redis.connect().catch((error: unknown) => {
      // Synced limits go on deciding per instance; limits checked in Redis let requests through.
      const event = config.RATE_LIMIT_SYNC_MS > 0 ? 'ratelimit.sync_failed' : 'ratelimit.fail_open';
      logger.warn({ event, limiter: 'all', code: errorCode(error) });
    });
  }
  const limiter = (name: string, limit: number): RateLimiterPort | undefined => {
    if (limit === 0) return undefined;
    const inner = redis?.limiter(name, { limit, windowMs }) ?? createMemoryRateLimiter({ limit, windowMs });
    return failOpen(inner, name, logger);
  };
  const [ip, customer] = [limiter('ip', wanted.ip), limiter('customer', wanted.customer)];
  return withFields(ip ? { ip } : {}, customer ? { customer } : {}, { close: async () => redis?.close() });
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
      cluster: config.REDIS_CLUSTER === 'on',
      prefix: config.REDIS_PREFIX,
      ttlSeconds: (key) =>
        key.includes('/conversations/')
          ? config.CONVERSATION_TTL_SECONDS
          : isDeliveryKey(key)
            ? DELIVERY_TTL_SECONDS
            : isInboundKey(key)
              ? WINDOW_MS / 1000
              : key.startsWith(lockoutKey(''))
                ? config.STEP_UP_LOCKOUT_SECONDS
                : undefined,
      onConnectionError: (error) => logger.warn({ event: 'redis.unavailable', code: error.code }),
    });
    await redis.connect();
    storage = redis;
    closeStorage = () => redis.close();
  }

  if (!config.PSEUDONYM_KEY && config.NODE_ENV === 'production')
    logger.warn({ event: 'config.pseudonym_key_missing', setting: 'PSEUDONYM_KEY' });
  const pseudonym = createPseudonym(config.PSEUDONYM_KEY ?? DEVELOPMENT_PSEUDONYM_KEY);
  const { ledger, index } = createCustomerRecords(storage, config, pseudonym);
  const eraser = createEraser({ index, logger, pseudonym });
  eraser.registerCustomerData('consent', ({ customerId, at }) => ledger.erase(customerId, at));
  const conversationState = new ConversationStore(storage);
  const privacy = new CustomerPrivacy({
    store: conversationState,
    ledger,
    index,
    eraser,
    pseudonym,
    logger,
    conversationTtlMs: config.CONVERSATION_TTL_SECONDS * 1000,
    consentMaxAgeMs: config.CONSENT_CACHE_SECONDS * 1000,
  });
  eraser.registerCustomerData('conversations', privacy.conversationEraser(storage));
  const alertStores = createAlertStores(storage, config, now);
  const alerts = createAlertService({
    config,
    ...alertStores,
    consent: ledger,
    index,
    bank,
    now,
    logger,
    // Unique per start: a restarted instance must not take its dead predecessor's sends for its own.
    consumer: config.ALERTS_CONSUMER ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
  });
  eraser.registerCustomerData('alerts', alerts.eraser);

  const recognizer = overrides.recognizer ?? (await createConfiguredRecognizer(config, logger));
  // The playground chats as sandbox customers only (config refuses PLAYGROUND=on on other banks).
  const playground = config.PLAYGROUND === 'on' ? sandboxOf(sandbox, overrides.bank) : undefined;
  // On the sandbox bank the console's user id is the customer id; real banks link every channel.
  const identity = createIdentity({
    storage,
    bank,
    logger,
    trustedChannels:
      config.BANK === 'sandbox' ? ['console', ...(playground ? [PLAYGROUND_CHANNEL] : [])] : [],
    consent: ledger,
    index,
    customerData: eraser,
    now,
    ...(config.TOKEN_ENCRYPTION_KEYS
      ? { tokens: createTokenCipher(parseTokenKeys(config.TOKEN_ENCRYPTION_KEYS)) }
      : {}),
  });
  const limits = await createRateLimits(config, logger);
  const dialogs = overrides.dialogs ?? allDialogs;
  const defaults = { locale: config.DEFAULT_LOCALE, timeZone: config.DEFAULT_TIME_ZONE };
  const policyFor = disclosurePolicies(config);
  const lockout = configuredLockout(config, storage, now);
  const stepUp = configuredStepUp(config, {
    bank,
    lockout,
    store: conversationState,
    dialogs,
    policyFor,
    now,
  });
  const audit = overrides.audit ?? createLogAudit(logger);
  eraser.registerCustomerData('step-up-lockout', ({ customerId }) => lockout.erase(customerId));
  const disclosure = { policyFor, bank, audit, logger, now, defaults };
  const bot = new BankingBot({
    conversationState,
    dialogs,
    dialogDeps: { bank, privacy, alerts: alerts.answers, stepUp },
    bank,
    recognizer,
    logger,
    now,
    identity,
    defaults,
    stepUp,
    disclosure,
    alerts: alerts.turns,
    ...(limits.customer ? { customerLimiter: limits.customer } : {}),
  });

  const channelDeps = {
    logger,
    identity,
    storage,
    now,
    customerData: eraser,
    onAlertSent: alerts.onAlertSent,
  };
  const channels = overrides.channels?.(channelDeps) ?? [
    await messengerChannel(config, channelDeps),
    createAlexaChannel(config, channelDeps),
    createGoogleChannel(config, channelDeps),
  ];
  const logic = (context: TurnContext): Promise<void> => bot.run(context);
  const worker = alerts.deliverOn(channels, identity, disclosure);
  const routes: Route[] = [
    ...channels.flatMap((channel) => channel.routes(logic)),
    ...alerts.routes,
    ...(playground
      ? createPlaygroundRoutes(
          {
            preview: createChannelPreview({
              defaults,
              linkUrl: config.MESSENGER_LINK_URL,
            }),
            customerIds: () => playground.customerIds(),
            profile: (customerId) => bank.getProfile({ customerId }),
            logger,
          },
          logic,
        )
      : []),
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
    consent: ledger,
    customerData: eraser,
    recognizer,
    routes,
    channels,
    alerts: withFields(alertStores, { worker }),
    createServer: () =>
      createHttpServer({
        routes,
        bodyLimitBytes: config.BODY_LIMIT_BYTES,
        logger,
        ...(limits.ip ? { ipLimit: { limiter: limits.ip, trustedProxies: config.TRUST_PROXY } } : {}),
      }),
    close: async () => {
      await alerts.close();
      await Promise.all([closeStorage(), limits.close()]);
    },
  };
}
