import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

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
    REDIS_PREFIX: z.string().min(1).default('bankbot:'),
    CONVERSATION_TTL_SECONDS: positiveInt.default(86_400),
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
  })
  .superRefine((config, context) => {
    const needs = (setting: 'OPEN_BANKING_BASE_URL' | 'STRIPE_API_KEY', banks: readonly string[]): void => {
      if (banks.includes(config.BANK) && !config[setting]) {
        context.addIssue({ code: 'custom', path: [setting], message: `required when BANK=${config.BANK}` });
      }
    };
    needs('OPEN_BANKING_BASE_URL', ['open-banking-uk', 'composite']);
    needs('STRIPE_API_KEY', ['stripe-issuing', 'composite']);
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
  for (const [key, value] of Object.entries({ ...fromFile, ...env })) {
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
