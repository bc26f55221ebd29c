/**
 * Storage keys of one customer's own records. The `customers/<id>/` start is what the Redis storage
 * hash-tags (see toRedisKey), so all of them share one Redis Cluster slot and can be found together.
 */
export const customerKey = (customerId: string, record: string): string =>
  `customers/${encodeURIComponent(customerId)}/${record}`;

/** The forget-me tombstone: a keyed hash of the customer id, never the id itself. */
export const tombstoneKey = (pseudonym: string): string => `erasures/${pseudonym}`;
