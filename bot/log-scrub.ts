/**
 * Pattern scrubbing for log lines: the second line of defence behind path redaction. Logs must
 * carry codes and ids only; when a value slips into a message or an unexpected field anyway, the
 * patterns below replace it before the line is written.
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

/** Replaces anything that looks like personal or financial data in one string. */
export function scrubText(text: string): string {
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
]);

/** Scrubs every string in a log object (depth-limited), leaving known-safe keys alone. */
export function scrubObject(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrubObject(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value))
    out[key] = SAFE_KEYS.has(key) ? item : scrubObject(item, depth + 1);
  return out;
}
