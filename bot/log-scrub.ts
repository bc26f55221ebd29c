/**
 * Scrubbing for log lines, in one pass over each logged object: fields that must never be logged
 * are censored by name (REDACTED_KEYS), and when a value slips into a message or an unexpected
 * field anyway, the patterns below replace it before the line is written. Logs must carry codes
 * and ids only.
 */

const CARD_CANDIDATE = /\b(?:\d[ -]?){12,18}\d\b/g;
const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\b/g;
/** API secrets with a known shape: Stripe keys, Meta access tokens, sealed tokens (bot/crypto). */
const API_SECRET =
  /\b(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{8,}|EAA[A-Za-z0-9]{20,}|v1\.[\w-]{1,32}\.[\w-]{16}\.[\w-]+\.[\w-]{22})/g;
const EMAIL = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g;
const PHONE = /(?<![\w.])\+?\d{1,3}[ .-]?\(?\d{2,4}\)?[ .-]?\d{3,4}[ .-]?\d{3,4}(?![\w.])/g;
const AMOUNT =
  /(?:[$£€¥]\s?-?\d[\d,. ]*\d|\b\d[\d,. ]*\d?\s?(?:USD|GBP|EUR|JPY|dollars?|pounds?|euros?)\b|\b(?:USD|GBP|EUR|JPY)\s?-?\d[\d,. ]*)/gi;
/** Long digit runs: account numbers, sort-code+account, minor-unit balances. */
const DIGITS = /\b\d{6,}\b/g;
/** Decimal amounts without a currency symbol ("123456.78", "1,234.50"). */
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

/**
 * Every pattern above needs at least one of: a digit (the card, IBAN, phone, amount, decimal and
 * digit patterns, and the `v1.` sealed token), an `@` (e-mail), or a token prefix: Bearer/Basic
 * (any case: that pattern is case-insensitive), eyJ, sk_, rk_ or EAA. A string with none of these
 * cannot match any pattern, so it is returned as is (most log values: event names, intents, codes).
 * Case-insensitive here only makes the pre-check match more strings, never fewer.
 */
const MAY_MATCH = /[0-9@]|eyJ|[sr]k_|EAA|b(?:earer|asic)/i;

/** Replaces anything that looks like personal or financial data in one string. */
export function scrubText(text: string): string {
  return MAY_MATCH.test(text) ? scrubAll(text) : text;
}

/** The full chain of patterns, in order; `scrubText` skips it when no pattern can match. */
export function scrubAll(text: string): string {
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

/**
 * ISO timestamps and our own ids are safe; scrubbing them would make logs useless. Customer and
 * conversation ids are ids (a Messenger conversation id is a long number) that audit events need.
 */
const SAFE_KEYS = new Set([
  'time',
  'level',
  'pid',
  'hostname',
  'ms',
  'port',
  'attempt',
  'score',
  'status',
  'customerId',
  'conversationId',
  // A channel's own id of one request (Alexa's amzn1.echo-api.request.<uuid>): what ties a log line
  // to the platform's logs. Scrubbed, its digit runs became [number] and the id was lost.
  'requestId',
]);

/**
 * Fields that must never reach a log line even if someone passes a whole object: whatever their
 * value (string, number, object), at any depth, they are written as `[redacted]`. Logs carry codes
 * and ids; these catch mistakes (a reply's text, a balance, an access token, an auth header).
 */
export const REDACTED_KEYS: ReadonlySet<string> = new Set([
  'text',
  'speak',
  'value',
  'amount',
  'balance',
  'accessToken',
  'token',
  'authorization',
]);

export const REDACTED = '[redacted]';

const MAX_DEPTH = 6;

/**
 * Scrubs a log object in one pass: censors REDACTED_KEYS at any depth and pattern-scrubs every
 * other string (depth-limited), leaving known-safe keys alone. Returns the same object or array
 * when nothing in it changed; other objects (class instances, errors, dates) are always copied
 * into a plain object of their own enumerable fields, as before, so a serializer or `toJSON` on
 * them cannot bring back what was scrubbed.
 */
export function scrubObject(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return scrubArray(value as readonly unknown[], depth);
  const record = value as Record<string, unknown>;
  const proto: unknown = Object.getPrototypeOf(record);
  const plain = proto === Object.prototype || proto === null;
  const keys = Object.keys(record);
  let out: Record<string, unknown> | undefined = plain ? undefined : {};
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i] as string;
    const item = record[key];
    const next = scrubField(key, item, depth);
    if (out === undefined) {
      if (next === item) continue;
      out = {};
      for (let j = 0; j < i; j += 1) out[keys[j] as string] = record[keys[j] as string];
    }
    out[key] = next;
  }
  return out ?? record;
}

/** One field of an object at `depth`: safe keys keep their value, censored keys lose it. */
function scrubField(key: string, item: unknown, depth: number): unknown {
  // pino leaves out an undefined top-level field; nested, a censored key that is present shows.
  if (REDACTED_KEYS.has(key)) return depth === 0 && item === undefined ? item : REDACTED;
  // A safe key keeps its own value, but an object under it is still scrubbed and censored.
  if (SAFE_KEYS.has(key) && (item === null || typeof item !== 'object')) return item;
  return scrubObject(item, depth + 1);
}

function scrubArray(items: readonly unknown[], depth: number): readonly unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i];
    const next = scrubObject(item, depth + 1);
    if (out === undefined) {
      if (next === item) continue;
      out = items.slice(0, i);
    }
    out[i] = next;
  }
  return out ?? items;
}
