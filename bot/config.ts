import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { parseTokenKeys } from './crypto/token-keys.js';
import { withFields } from './objects.js';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const limit = z.coerce.number().int().min(0).max(1_000_000);

/** Banks that call their API with the customer's own token (so a remembered link must keep it). */
const TOKEN_BANKS: readonly string[] = ['open-banking-uk', 'composite'];
/** How a voice channel treats amounts and transaction details (docs/privacy.md). */
const voiceAmounts = z.enum(['step-up', 'card', 'app', 'show']);
const voiceFallback = z.enum(['card', 'app']);
const intentList = z
  .string()
  .transform((list) => list.split(',').map((intent) => intent.trim()))
  .pipe(z.array(z.string().regex(/^[a-z]+(\.[a-zA-Z]+)+$/, 'comma-separated intents like balance.check')));

/** Intents whose answers read out balances or transaction details. */
export const DEFAULT_STEP_UP_INTENTS =
  'balance.check,transactions.recent,transactions.pending,transactions.search,spending.total,charge.verify';

/** Every setting bankbot reads, with its default. `.env.example` documents each one. */
const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port.default(3978),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    BANK: z.enum(['sandbox', 'open-banking-uk', 'stripe-issuing', 'composite']).default('sandbox'),
    BANK_TIMEOUT_MS: positiveInt.default(5000),
    // UK Open Banking Account and Transaction API (BANK=open-banking-uk or composite).
    OPEN_BANKING_BASE_URL: z.url().optional(),
    OPEN_BANKING_VERSION: z.enum(['3.1', '4.0']).default('4.0'),
    // Stripe Issuing for card freeze and disputes (BANK=stripe-issuing or composite).
    STRIPE_API_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_\w+$/, 'a Stripe secret or restricted key')
      .optional(),
    STRIPE_BASE_URL: z.url().default('https://api.stripe.com'),
    // HTTP to real banks: per-request timeout (keep it below BANK_TIMEOUT_MS), circuit breaker, 429 waits.
    BANK_HTTP_TIMEOUT_MS: positiveInt.default(4000),
    BANK_BREAKER_FAILURES: positiveInt.default(5),
    BANK_BREAKER_OPEN_MS: positiveInt.default(30_000),
    BANK_RETRY_AFTER_MAX_SECONDS: z.coerce.number().int().min(0).default(2),
    SANDBOX_CUSTOMER: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'lower-case id')
      .default('alex'),
    SANDBOX_FAULT: z.enum(['none', 'down', 'slow']).default('none'),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .optional(),
    // REDIS_URL is one node of a Redis Cluster (the others are discovered from it).
    REDIS_CLUSTER: z.enum(['on', 'off']).default('off'),
    REDIS_PREFIX: z.string().min(1).default('bankbot:'),
    // Server processes on this machine (npm run serve): a number, or 'auto' for one per CPU. Above 1 needs REDIS_URL.
    WORKERS: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(256)]).default(1),
    CONVERSATION_TTL_SECONDS: positiveInt.default(86_400),
    // Key of the keyed hashes that stand for a customer id (forget-me tombstones); set it in production.
    PSEUDONYM_KEY: z.string().min(32, 'at least 32 characters').optional(),
    // How long a conversation trusts the consent it read from the ledger before reading it again.
    CONSENT_CACHE_SECONDS: positiveInt.default(300),
    NLU_MODELS_DIR: z.string().min(1).default('nlu-models'),
    NLU_CACHE_DIR: z.string().min(1).default('nlu-models/.cache'),
    DEFAULT_LOCALE: z
      .string()
      .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'a locale like en-US')
      .default('en-US'),
    DEFAULT_TIME_ZONE: z
      .string()
      .refine((zone) => isTimeZone(zone), 'an IANA time zone like Europe/London')
      .default('UTC'),
    BODY_LIMIT_BYTES: positiveInt.default(256 * 1024),
    // The web playground at /playground (sandbox bank only). Unset: on under `npm start`, off under `npm run serve`.
    PLAYGROUND: z.enum(['on', 'off']).optional(),
    // Rate limits (GCRA: a burst of N, then N per window, smoothly), in Redis when REDIS_URL is set. 0 disables one.
    RATE_LIMIT_PER_IP: limit.default(600),
    RATE_LIMIT_PER_CUSTOMER: limit.default(30),
    RATE_LIMIT_WINDOW_SECONDS: positiveInt.max(86_400).default(60),
    /** Longest wait for a limit check in Redis; past it (or with Redis down) the request is let through. */
    RATE_LIMIT_TIMEOUT_MS: positiveInt.max(10_000).default(500),
    /**
     * How often each instance charges the requests it let through to Redis and hears the others'
     * (limits are decided in memory in between, no round trip per request); 0 checks Redis on every request.
     */
    RATE_LIMIT_SYNC_MS: z.coerce.number().int().min(0).max(10_000).default(100),
    /** Proxies in front of the server (load balancers) whose X-Forwarded-For entry is trusted; 0 trusts none. */
    TRUST_PROXY: z.coerce
      .number({ error: 'a number of proxy hops, e.g. 1 behind one load balancer' })
      .int()
      .min(0)
      .max(10)
      .default(0),
    /** AES-256-GCM keys for tokens that must be stored: "kid:base64key,..." with the current key first. */
    TOKEN_ENCRYPTION_KEYS: z.string().optional(),
    // Messenger (a route without its secrets answers 503 and never accepts traffic).
    MESSENGER_APP_SECRET: z.string().min(8).optional(),
    MESSENGER_VERIFY_TOKEN: z.string().min(8).optional(),
    MESSENGER_PAGE_TOKEN: z.string().min(8).optional(),
    MESSENGER_API_VERSION: z
      .string()
      .regex(/^v\d+\.\d+$/, 'a Graph API version like v25.0')
      .default('v25.0'),
    MESSENGER_GRAPH_URL: z.url().default('https://graph.facebook.com'),
    /** Where Messenger's "Log in" (account_link) button sends the customer to link their bank account. */
    MESSENGER_LINK_URL: z.url().default('https://bank.example/link'),
    // Alexa: the skill ids this endpoint serves (comma-separated); none means the route answers 503.
    ALEXA_SKILL_IDS: z.string().optional(),
    // Google: Dialogflow ES fulfillment basic auth, and the Actions project id for the Actions Builder webhook.
    GOOGLE_WEBHOOK_USER: z.string().min(1).optional(),
    GOOGLE_WEBHOOK_PASSWORD: z.string().min(12).optional(),
    GOOGLE_ACTIONS_PROJECT_ID: z.string().min(1).optional(),
    GOOGLE_JWKS_URL: z.url().default('https://www.googleapis.com/oauth2/v3/certs'),
    // Disclosure policy per channel and step-up (docs/privacy.md).
    ALEXA_AMOUNTS: voiceAmounts.default('step-up'),
    ALEXA_AMOUNTS_FALLBACK: voiceFallback.default('card'),
    GOOGLE_AMOUNTS: voiceAmounts.default('step-up'),
    GOOGLE_AMOUNTS_FALLBACK: voiceFallback.default('card'),
    MESSENGER_MAX_LIST_ITEMS: positiveInt.default(3),
    MASK_DIGITS: z.coerce.number().int().min(0).max(4).default(4),
    STEP_UP_INTENTS: intentList.default(intentList.parse(DEFAULT_STEP_UP_INTENTS)),
    STEP_UP_TTL_SECONDS: positiveInt.default(300),
    STEP_UP_MAX_FAILURES: positiveInt.default(3),
    STEP_UP_LOCKOUT_SECONDS: positiveInt.default(900),
    // Fraud alerts (docs/alerts.md): the bank signs events with BANK_EVENTS_SECRET; without it the route answers 503.
    BANK_EVENTS_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    /** Bearer token the bank's systems present to GET /api/alerts/:id; without it the route answers 503. */
    ALERTS_API_TOKEN: z.string().min(32, 'at least 32 characters').optional(),
    /** Where answers are reported, signed like bank events; unset keeps them in the status API only. */
    ALERTS_CALLBACK_URL: z.url().optional(),
    ALERTS_WORKER: z.enum(['on', 'off']).default('on'),
    /** This instance's name in the consumer group (default: host name and process id). */
    ALERTS_CONSUMER: z
      .string()
      .regex(/^[\w.-]{1,64}$/, 'letters, digits, dots and dashes')
      .optional(),
    ALERTS_CONCURRENCY: positiveInt.max(256).default(8),
    ALERTS_POLL_MS: positiveInt.max(60_000).default(200),
    /** An entry pending this long on a silent consumer is claimed by another (XAUTOCLAIM). */
    ALERTS_CLAIM_IDLE_MS: positiveInt.default(30_000),
    ALERTS_MAX_ATTEMPTS: positiveInt.max(100).default(5),
    ALERTS_RETRY_BASE_MS: positiveInt.default(1000),
    /** How long a Messenger send left unfinished by a dead instance waits for its echo before it is sent again. */
    ALERTS_ECHO_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(3000),
    /** Lifetime of an alert whose event gives no expiry, and of status records after that. */
    ALERTS_TTL_SECONDS: positiveInt.default(86_400),
    ALERTS_RECORD_TTL_SECONDS: positiveInt.default(30 * 86_400),
    // Alexa Proactive Events API (AMAZON.MessageAlert.Activated); without the client both only read out at launch.
    ALEXA_CLIENT_ID: z.string().min(1).optional(),
    ALEXA_CLIENT_SECRET: z.string().min(1).optional(),
    ALEXA_LWA_TOKEN_URL: z.url().default('https://api.amazon.com/auth/o2/token'),
    ALEXA_API_URL: z.url().default('https://api.amazonalexa.com'),
    ALEXA_EVENTS_STAGE: z.enum(['development', 'live']).default('live'),
  })
  .superRefine((config, context) => {
    const needs = (setting: 'OPEN_BANKING_BASE_URL' | 'STRIPE_API_KEY', banks: readonly string[]): void => {
      if (banks.includes(config.BANK) && !config[setting]) {
        context.addIssue({ code: 'custom', path: [setting], message: `required when BANK=${config.BANK}` });
      }
    };
    needs('OPEN_BANKING_BASE_URL', ['open-banking-uk', 'composite']);
    needs('STRIPE_API_KEY', ['stripe-issuing', 'composite']);
    if (config.PLAYGROUND === 'on' && config.BANK !== 'sandbox') {
      context.addIssue({
        code: 'custom',
        path: ['PLAYGROUND'],
        message: `on needs BANK=sandbox (the playground chats as sandbox customers), not BANK=${config.BANK}`,
      });
    }
    if (config.WORKERS !== 1 && !config.REDIS_URL) {
      context.addIssue({
        code: 'custom',
        path: ['WORKERS'],
        message: 'above 1 needs REDIS_URL (each worker process would keep its own conversations in memory)',
      });
    }
    if (config.TOKEN_ENCRYPTION_KEYS !== undefined) {
      try {
        parseTokenKeys(config.TOKEN_ENCRYPTION_KEYS);
      } catch (error) {
        context.addIssue({
          code: 'custom',
          path: ['TOKEN_ENCRYPTION_KEYS'],
          message: (error as Error).message,
        });
      }
    }
    // A Messenger link is remembered, so a bank that needs the customer's token must have it stored, encrypted.
    const messenger =
      config.MESSENGER_APP_SECRET && config.MESSENGER_VERIFY_TOKEN && config.MESSENGER_PAGE_TOKEN;
    if (messenger && TOKEN_BANKS.includes(config.BANK) && !config.TOKEN_ENCRYPTION_KEYS) {
      const message = `required when Messenger is configured with BANK=${config.BANK} (linked customers' bank tokens are stored encrypted)`;
      context.addIssue({ code: 'custom', path: ['TOKEN_ENCRYPTION_KEYS'], message });
    }
  });

export type Config = Readonly<z.infer<typeof schema>>;

/** Thrown for a wrong or missing setting; the message is one line naming it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads settings from `env` over the `.env` file (the environment wins), validates them and
 * returns a frozen object. Blank values count as unset.
 *
 * @example
 * const config = loadConfig(); // throws ConfigError('PORT: expected a number ...') on PORT=abc
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, dotenvPath = '.env'): Config {
  const fromFile = existsSync(dotenvPath) ? parseDotenv(readFileSync(dotenvPath)) : {};
  const merged: Record<string, string> = {};
  for (const [key, value] of Object.entries(withFields(fromFile, env))) {
    if (value !== undefined && value.trim() !== '') merged[key] = value.trim();
  }
  const result = schema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = issue?.path.join('.') ?? 'config';
    throw new ConfigError(`Invalid setting ${name}: ${issue?.message ?? 'invalid'}`);
  }
  return Object.freeze(result.data);
}

/** PLAYGROUND when unset: on for the console chat (`npm start`) on the sandbox bank, off otherwise. */
export function withPlaygroundDefault(config: Config, consoleChat: boolean): Config {
  if (config.PLAYGROUND !== undefined) return config;
  const on = consoleChat && config.BANK === 'sandbox';
  return Object.freeze(withFields(config, { PLAYGROUND: on ? 'on' : 'off' }));
}
