import { tokenize } from '../entities/text.js';
import { DATA_CATEGORIES, type DataCategory } from '../ports/consent.port.js';

/** Words naming each data category, folded (English and Spanish). */
const CATEGORY_WORDS: Readonly<Record<DataCategory, readonly string[]>> = {
  balances: ['balance', 'balances', 'saldo', 'saldos'],
  transactions: [
    'transaction',
    'transactions',
    'spending',
    'purchases',
    'payments',
    'statement',
    'history',
    'movimientos',
    'movimiento',
    'transacciones',
    'gastos',
    'compras',
    'pagos',
  ],
  alerts: [
    'alert',
    'alerts',
    'notification',
    'notifications',
    'alertas',
    'alerta',
    'avisos',
    'notificaciones',
  ],
};
const EVERYTHING = ['everything', 'all', 'anything', 'todo', 'nada'];

/** Channel ids and the words customers use for them. */
const CHANNEL_WORDS: Readonly<Record<string, readonly string[]>> = {
  messenger: ['messenger', 'facebook'],
  alexa: ['alexa', 'echo'],
  google: ['google', 'assistant', 'asistente'],
};

/** What customers call each channel. */
const CHANNEL_NAMES: Readonly<Record<string, string>> = {
  messenger: 'Messenger',
  alexa: 'Alexa',
  google: 'Google Assistant',
  console: 'the chat',
};

/** The categories a sentence names ("stop sending me alerts" -> alerts); "everything" names all. */
export function categoriesIn(text: string): DataCategory[] {
  const words = new Set(tokenize(text));
  const named = DATA_CATEGORIES.filter((category) => CATEGORY_WORDS[category].some((w) => words.has(w)));
  if (named.length === 0 && EVERYTHING.some((w) => words.has(w))) return [...DATA_CATEGORIES];
  return named;
}

/** The channel a sentence names ("... on alexa"), if any. */
export function channelIn(text: string): string | undefined {
  const words = new Set(tokenize(text));
  return Object.keys(CHANNEL_WORDS).find((id) => CHANNEL_WORDS[id]?.some((w) => words.has(w)));
}

export function channelName(channelId: string): string {
  return CHANNEL_NAMES[channelId] ?? channelId;
}

/** "on Messenger", "in this chat". */
export function onChannel(channelId: string): string {
  return channelId === 'console' ? 'in this chat' : `on ${channelName(channelId)}`;
}

/** What the bot does with each category: "show your balances and transactions", "send you alerts". */
export function consentActions(categories: readonly DataCategory[], joiner: 'and' | 'or'): string {
  const shown = categories.filter((category) => category !== 'alerts');
  const actions = [
    ...(shown.length > 0 ? [`show your ${listCategories(shown)}`] : []),
    ...(categories.includes('alerts') ? ['send you alerts'] : []),
  ];
  return actions.join(` ${joiner} `);
}

/** "balances", "balances and transactions", "balances, transactions and alerts". */
export function listCategories(categories: readonly DataCategory[]): string {
  const names = [...categories];
  const last = names.pop();
  return names.length === 0 ? (last ?? '') : `${names.join(', ')} and ${last}`;
}
