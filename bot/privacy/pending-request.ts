import { FUNCTION_WORDS } from '../entities/common-words.js';
import { tokenize } from '../entities/text.js';
import type { AccountKind } from '../ports/bank.port.js';
import type { Entities, Recognition } from '../recognition.js';

/**
 * Words of a request for balances or transactions that name nothing particular: a request made
 * only of these (and of dates) can be kept while the customer is asked for consent, because it
 * holds no amount, merchant, name or number. English and Spanish, folded.
 */
const REQUEST_WORDS = new Set(
  `balance balances available money much spend spent spending transaction transactions payment
  payments purchases charges recent latest last pending show list see check tell give total
  whats account accounts checking savings saving current credit card cards debit owe left
  saldo saldos disponible dinero cuanto gastado gaste gasto gastos movimientos transacciones pagos
  compras cargos recientes ultimos ultimas pendientes muestra muestrame ensename ver dime consultar
  cuenta cuentas ahorro ahorros corriente credito tarjeta tarjetas debo queda tengo`.split(/\s+/),
);

/** A request waiting for consent, as kept in conversation state: ids, codes and dates only. */
export type PendingRequest = Readonly<Record<string, string | number | boolean | readonly string[]>>;

/** True when every word of the request is kept: no amounts, numbers, merchants or names in it. */
function keepable(recognition: Recognition): boolean {
  const { entities, text } = recognition;
  if (entities.amounts.length > 0 || entities.numbers.length > 0 || entities.ordinal !== undefined)
    return false;
  const dateWords = new Set(tokenize(entities.dateRange?.text ?? ''));
  return tokenize(text).every(
    (word) =>
      dateWords.has(word) || (!/\d/.test(word) && (FUNCTION_WORDS.has(word) || REQUEST_WORDS.has(word))),
  );
}

/** What is kept of a request while consent is asked; `complete` says whether it can be carried on. */
export function pendingRequest(recognition: Recognition): PendingRequest {
  const { intent, score, locale, entities } = recognition;
  if (!keepable(recognition)) return { intent, score, locale, complete: false };
  const { dateRange, accountKind } = entities;
  return {
    intent,
    score,
    locale,
    complete: true,
    text: recognition.text,
    ...(dateRange ? { dateFrom: dateRange.from, dateTo: dateRange.to, dateText: dateRange.text } : {}),
    ...(accountKind ? { accountKind } : {}),
  };
}

/** The request again, to carry it on; undefined when it could not be kept whole. */
export function restoredRequest(pending: PendingRequest): Recognition | undefined {
  const { intent, score, locale, text, dateFrom, dateTo, dateText, accountKind } = pending;
  if (pending.complete !== true || typeof intent !== 'string' || typeof score !== 'number') return undefined;
  const entities: Entities = {
    amounts: [],
    numbers: [],
    ...(typeof dateFrom === 'string' && typeof dateTo === 'string'
      ? { dateRange: { from: dateFrom, to: dateTo, text: String(dateText ?? '') } }
      : {}),
    ...(typeof accountKind === 'string' ? { accountKind: accountKind as AccountKind } : {}),
  };
  return {
    text: String(text ?? ''),
    locale: String(locale ?? ''),
    intent,
    score,
    intents: [{ intent, score }],
    entities,
  };
}
