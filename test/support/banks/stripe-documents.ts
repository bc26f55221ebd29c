import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIV3 } from 'openapi-types';
import { STRIPE_METADATA } from '../../../adapters/banks/stripe-issuing.bank.js';
import type { Card, CustomerProfile, Dispute, Transaction } from '../../../bot/ports/bank.port.js';
import { SPECS_DIR, type OpenApiSpec } from './openapi-spec.js';

/** Stripe merchant categories (and their MCC) for the sandbox's spending categories. */
const MERCHANT_CATEGORIES: Readonly<Record<string, readonly [string, string]>> = {
  groceries: ['grocery_stores_supermarkets', '5411'],
  coffee: ['fast_food_restaurants', '5814'],
  restaurants: ['eating_places_restaurants', '5812'],
  fuel: ['service_stations', '5541'],
  transport: ['taxicabs_limousines', '4121'],
  health: ['drug_stores_and_pharmacies', '5912'],
  electronics: ['electronics_stores', '5732'],
  subscriptions: ['cable_satellite_and_other_pay_television_and_radio', '4899'],
};
const OTHER: readonly [string, string] = ['miscellaneous_general_merchandise', '5399'];

type Json = Record<string, unknown>;

/** Stripe's own example objects (fixtures3.json, MIT), the templates every answer starts from. */
function fixtures(): Record<string, Json> {
  const parsed: unknown = JSON.parse(readFileSync(join(SPECS_DIR, 'stripe', 'fixtures3.json'), 'utf8'));
  const resources: unknown =
    typeof parsed === 'object' && parsed ? Reflect.get(parsed, 'resources') : undefined;
  if (typeof resources !== 'object' || resources === null) throw new Error('fixtures3.json: no resources');
  return Object.fromEntries(
    Object.entries(resources).flatMap(([key, value]: [string, unknown]) =>
      typeof value === 'object' && value !== null ? [[key, { ...value }]] : [],
    ),
  );
}

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/**
 * Issuing objects as the 2023-08-16 API writes them, built from Stripe's fixtures with the
 * sandbox's values, and cut down to the fields the 2023-08-16 schemas declare (the fixtures are
 * newer). Ids are the sandbox's own, so the account side and the card side name things alike.
 */
export function stripeDocuments(spec: OpenApiSpec) {
  const templates = fixtures();
  const schemas = spec.document.components?.schemas ?? {};
  const template = (name: string): Json => structuredClone(templates[name] ?? {});

  /** Keeps only the properties the schema (or any of its variants) declares, recursively. */
  function prune(
    value: unknown,
    schema: OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject | undefined,
  ): unknown {
    if (schema === undefined || value === null || typeof value !== 'object') return value;
    const resolved = '$ref' in schema ? schemas[schema.$ref.split('/').pop() ?? ''] : schema;
    if (resolved === undefined || '$ref' in resolved) return value;
    const variants = [
      resolved,
      ...(resolved.anyOf ?? []),
      ...(resolved.oneOf ?? []),
      ...(resolved.allOf ?? []),
    ];
    if (Array.isArray(value)) {
      const items = variants.flatMap((v) => ('$ref' in v || v.type !== 'array' ? [] : [v.items]))[0];
      return value.map((item: unknown) => prune(item, items));
    }
    const properties = new Map<string, OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject>();
    for (const variant of variants) {
      const target = '$ref' in variant ? schemas[variant.$ref.split('/').pop() ?? ''] : variant;
      if (target && !('$ref' in target)) {
        for (const [key, property] of Object.entries(target.properties ?? {})) properties.set(key, property);
      }
    }
    if (properties.size === 0) return value;
    return Object.fromEntries(
      Object.entries(value).flatMap(([key, child]: [string, unknown]) =>
        properties.has(key) ? [[key, prune(child, properties.get(key))]] : [],
      ),
    );
  }
  const as = (name: string, value: Json): unknown => prune(value, { $ref: `#/components/schemas/${name}` });

  const cardholder = (profile: CustomerProfile): Json => ({
    ...template('issuing.cardholder'),
    id: profile.id,
    name: profile.firstName,
    email: null,
    phone_number: null,
    metadata: {},
  });

  const card = (value: Card, profile: CustomerProfile, currency: string): Json => ({
    ...template('issuing.card'),
    id: value.id,
    cardholder: cardholder(profile),
    currency: currency.toLowerCase(),
    last4: value.maskedNumber.replace(/\D/g, '').slice(-4),
    status: value.status === 'frozen' ? 'inactive' : 'active',
    metadata: { [STRIPE_METADATA.accountId]: value.accountId, [STRIPE_METADATA.name]: value.name },
  });

  const merchantData = (tx: Transaction): Json => {
    const [category, code] = MERCHANT_CATEGORIES[tx.merchant.category] ?? OTHER;
    return {
      ...(template('issuing.transaction').merchant_data ?? {}),
      name: tx.merchant.name,
      category,
      category_code: code,
    };
  };
  const reviewOf = (tx: Transaction) => (tx.review ? { [STRIPE_METADATA.review]: tx.review } : {});
  const money = (tx: Transaction) => ({
    currency: tx.amount.currency.toLowerCase(),
    merchant_currency: tx.amount.currency.toLowerCase(),
  });

  return {
    cardholder: (profile: CustomerProfile) => as('issuing.cardholder', cardholder(profile)),
    card: (value: Card, profile: CustomerProfile, currency: string) =>
      as('issuing.card', card(value, profile, currency)),
    /** A posted card payment (capture, negative = spend) or refund. */
    transaction: (tx: Transaction, profileId: string, dispute: Dispute | undefined) =>
      as('issuing.transaction', {
        ...template('issuing.transaction'),
        id: tx.id,
        amount: tx.amount.minor,
        merchant_amount: tx.amount.minor,
        ...money(tx),
        authorization: null,
        card: tx.cardId,
        cardholder: profileId,
        created: seconds(tx.date),
        dispute: dispute?.id ?? null,
        merchant_data: merchantData(tx),
        metadata: reviewOf(tx),
        type: tx.amount.minor < 0 ? 'capture' : 'refund',
        wallet: null,
      }),
    /** A pending card payment: an authorization not yet captured. */
    authorization: (tx: Transaction, value: Card, profile: CustomerProfile) =>
      as('issuing.authorization', {
        ...template('issuing.authorization'),
        id: tx.id,
        amount: Math.abs(tx.amount.minor),
        merchant_amount: Math.abs(tx.amount.minor),
        ...money(tx),
        approved: true,
        card: card(value, profile, tx.amount.currency),
        cardholder: profile.id,
        created: seconds(tx.date),
        merchant_data: merchantData(tx),
        metadata: reviewOf(tx),
        pending_request: null,
        status: 'pending',
      }),
    dispute: (value: Dispute, tx: Transaction, status: string, reason: string) =>
      as('issuing.dispute', {
        ...template('issuing.dispute'),
        id: value.id,
        amount: Math.abs(tx.amount.minor),
        currency: tx.amount.currency.toLowerCase(),
        evidence: {
          reason,
          [reason]: { additional_documentation: null, explanation: 'Reported by the cardholder.' },
        },
        status,
        transaction: tx.id,
      }),
    error: (type: 'api_error' | 'invalid_request_error', code: string, message: string) => ({
      error: { type, code, message },
    }),
    list: (url: string, data: readonly unknown[], hasMore: boolean) => ({
      object: 'list',
      url,
      has_more: hasMore,
      data,
    }),
  };
}
