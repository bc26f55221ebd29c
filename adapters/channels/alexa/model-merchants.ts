import { NOT_SPENDING, type Merchant } from '../../../bot/ports/bank.port.js';
import type { SlotValue } from './slot-types.js';

/**
 * Well-known merchants the English corpora mention that the sandbox customers never pay, so
 * sample sentences about them get a {merchant} slot too. A bank replaces this with its own list.
 */
export const EXTRA_MERCHANTS: readonly string[] = [
  'Walmart',
  'Costco',
  'Lidl',
  'Apple',
  "McDonald's",
  'IKEA',
  'Zara',
  'ASOS',
  'Vodafone',
  'PayPal',
  'Lyft',
  'Deliveroo',
  'Starbucks',
];

/** Rent goes to a landlord ("Rent", "J Harris"), not a brand anyone names as a merchant. */
const NOT_BRANDS = new Set([...NOT_SPENDING, 'rent']);

/** Card processors that prefix descriptors ("SQ *COFFEE"): never a merchant's spoken name. */
const PROCESSORS = new Set(['sq', 'tst', 'sumup', 'paypal', 'izettle', 'pos']);

const spoken = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\s'.]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** A descriptor's first word when it is a spoken short form ("SBUX 7742" -> "sbux"). */
function descriptorWord(merchant: Merchant): string | undefined {
  const first = merchant.descriptor.split(/\s+/)[0]?.toLowerCase() ?? '';
  const names = new Set(spoken(merchant.name).split(' '));
  return /^[a-z]{3,}$/.test(first) && !names.has(first) && !PROCESSORS.has(first) ? first : undefined;
}

/**
 * MERCHANT slot values: the brands customers spend at (not transfers, pay, interest or rent), each
 * once, with descriptor short forms as synonyms (a synonym is kept by its first merchant only).
 */
export function merchantValues(
  merchants: readonly Merchant[],
  extra: readonly string[] = EXTRA_MERCHANTS,
): SlotValue[] {
  const values = new Map<string, { value: string; synonyms: string[] }>();
  const synonyms = new Set<string>();
  const add = (name: string, synonym?: string): void => {
    const value = spoken(name);
    if (!value) return;
    const entry = values.get(value) ?? { value, synonyms: [] };
    values.set(value, entry);
    if (synonym && !synonyms.has(synonym) && !values.has(synonym)) {
      synonyms.add(synonym);
      entry.synonyms.push(synonym);
    }
  };
  for (const merchant of merchants) {
    if (!NOT_BRANDS.has(merchant.category)) add(merchant.name, descriptorWord(merchant));
  }
  extra.forEach((name) => add(name));
  return [...values.values()]
    .sort((a, b) => a.value.localeCompare(b.value))
    .map(({ value, synonyms: list }) => ({ id: value.replace(/[^a-z]+/g, '_'), value, synonyms: list }));
}
