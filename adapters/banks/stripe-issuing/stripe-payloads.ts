import { z } from 'zod';

// The parts of Stripe Issuing objects (API version 2023-08-16) the adapter reads, checked before use.

const metadata = z.record(z.string(), z.string());
const id = z.string().min(1);
/** An expandable reference: the id, or the expanded object carrying it. */
const reference = z.union([id, z.object({ id })]).nullable();

export const stripeCard = z.object({
  id,
  object: z.literal('issuing.card'),
  brand: z.string(),
  type: z.enum(['physical', 'virtual']),
  last4: z.string().regex(/^\d{4}$/),
  status: z.enum(['active', 'inactive', 'canceled']),
  cardholder: z.object({ id }),
  metadata,
});

export const stripeTransaction = z.object({
  id,
  object: z.literal('issuing.transaction'),
  cardholder: z.string().nullable().optional(),
  dispute: reference.optional(),
  metadata,
});

export const stripeAuthorization = z.object({
  id,
  object: z.literal('issuing.authorization'),
  card: z.object({ cardholder: z.object({ id }) }),
  status: z.enum(['closed', 'pending', 'reversed']),
  metadata,
});

export const stripeDispute = z.object({
  id,
  object: z.literal('issuing.dispute'),
  status: z.enum(['expired', 'lost', 'submitted', 'unsubmitted', 'won']),
  transaction: reference,
});

export const stripeList = <T extends z.ZodType>(item: T) =>
  z.object({ object: z.literal('list'), data: z.array(item), has_more: z.boolean() });

export type StripeCard = z.infer<typeof stripeCard>;
export type StripeTransaction = z.infer<typeof stripeTransaction>;
export type StripeAuthorization = z.infer<typeof stripeAuthorization>;
export type StripeDispute = z.infer<typeof stripeDispute>;
