/**
 * Cost of the log lines one Alexa balance turn writes (alexa.request, turn, the disclosure audit
 * record), with the product logger against the logger as it was before the one-pass formatter
 * (pino path redaction + scrub-everything formatter + args.map hook + isoTime), kept here only for
 * comparison. Both write to /dev/null through the same buffered destination. Not a test: prints.
 * Run: node --import tsx bench/log-lines.bench.ts [turns per round] [rounds]
 */
import { randomUUID } from 'node:crypto';
import { openSync } from 'node:fs';
import { pino, type Logger } from 'pino';
import { createLogger } from '../bot/logger.js';

// ---- the previous implementation, for comparison only -------------------------------------------
const CARD_CANDIDATE = /\b(?:\d[ -]?){12,18}\d\b/g;
const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\b/g;
const API_SECRET =
  /\b(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{8,}|EAA[A-Za-z0-9]{20,}|v1\.[\w-]{1,32}\.[\w-]{16}\.[\w-]+\.[\w-]{22})/g;
const EMAIL = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g;
const PHONE = /(?<![\w.])\+?\d{1,3}[ .-]?\(?\d{2,4}\)?[ .-]?\d{3,4}[ .-]?\d{3,4}(?![\w.])/g;
const AMOUNT =
  /(?:[$£€¥]\s?-?\d[\d,. ]*\d|\b\d[\d,. ]*\d?\s?(?:USD|GBP|EUR|JPY|dollars?|pounds?|euros?)\b|\b(?:USD|GBP|EUR|JPY)\s?-?\d[\d,. ]*)/gi;
const DIGITS = /\b\d{6,}\b/g;
const DECIMAL = /\b\d{1,3}(?:,\d{3})+(?:\.\d{1,3})?\b|\b\d+\.\d{2,3}\b/g;
function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}
function oldScrubText(text: string): string {
  return text
    .replace(BEARER, '$1 [token]')
    .replace(JWT, '[token]')
    .replace(API_SECRET, '[secret]')
    .replace(EMAIL, '[email]')
    .replace(CARD_CANDIDATE, (match) => (luhn(match.replace(/\D/g, '')) ? '[card]' : '[number]'))
    .replace(IBAN, '[iban]')
    .replace(AMOUNT, '[amount]')
    .replace(PHONE, '[phone]')
    .replace(DECIMAL, '[amount]')
    .replace(DIGITS, '[number]');
}
const OLD_SAFE_KEYS = new Set(
  'time level pid hostname ms port attempt score status customerId conversationId'.split(' '),
);
function oldScrubObject(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return oldScrubText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => oldScrubObject(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value))
    out[key] = OLD_SAFE_KEYS.has(key) ? item : oldScrubObject(item, depth + 1);
  return out;
}
const OLD_REDACT = ['text', 'speak', 'value', 'amount', 'balance', 'accessToken', 'token', 'authorization']
  .flatMap((key) => [key, `*.${key}`])
  .concat(['headers.authorization', 'req.headers.authorization']);
function oldLogger(destination: pino.DestinationStream): Logger {
  return pino(
    {
      level: 'info',
      base: { service: 'bankbot' },
      redact: { paths: OLD_REDACT, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (object) => oldScrubObject(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? oldScrubText(arg) : arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
// -------------------------------------------------------------------------------------------------

const devNull = (): number => openSync('/dev/null', 'w');
const turns = Number(process.argv[2] ?? 20_000);
const rounds = Number(process.argv[3] ?? 6);
const requestIds = Array.from({ length: 1000 }, () => `amzn1.echo-api.request.${randomUUID()}`);

/** The three info lines of a linked Alexa balance turn, as the bot writes them. */
function turn(logger: Logger, i: number): void {
  const requestId = requestIds[i % requestIds.length];
  logger.info({ event: 'alexa.request', type: 'IntentRequest', requestId, linked: true });
  logger.info({
    event: 'turn',
    channel: 'alexa',
    intent: 'balance.check',
    score: 0.97,
    route: 'begin:balance',
  });
  logger.info({
    event: 'disclosure',
    customerId: 'cust-alex',
    conversationId: `amzn1.echo-api.session.bench-${i % 2000}`,
    channel: 'alexa',
    category: 'balance',
    via: 'voice',
  });
}

/** CPU (all threads: the async writes run on libuv's pool) per turn, yielding to the event loop
 * after each turn as a server does, so the destination's writes complete as they would there. */
async function cpuMicros(logger: Logger): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < turns; i += 1) {
    turn(logger, i);
    await new Promise(setImmediate);
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / turns;
}

const loggers = {
  // The product's buffered destination (bufferedDestination in bot/logger.ts) for both.
  before: oldLogger(pino.destination({ dest: devNull(), sync: false, minLength: 4096, periodicFlush: 250 })),
  after: createLogger({ level: 'info', destination: devNull() }),
};
const best = { before: Infinity, after: Infinity };
for (let round = 0; round < rounds; round += 1) {
  for (const name of ['before', 'after'] as const) {
    const us = await cpuMicros(loggers[name]);
    if (round > 0) best[name] = Math.min(best[name], us);
    console.log(`round ${round} ${name}: ${us.toFixed(2)} µs CPU per turn (3 lines)`);
  }
}
console.log(
  `best: before ${best.before.toFixed(2)} µs, after ${best.after.toFixed(2)} µs per turn (${(best.before / best.after).toFixed(1)}x)`,
);
