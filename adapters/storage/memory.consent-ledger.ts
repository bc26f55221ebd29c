import {
  CONSENT_HISTORY_LIMIT,
  decisionsOf,
  type ConsentChange,
  type ConsentDecision,
  type ConsentLedger,
  type ConsentSnapshot,
} from '../../bot/ports/consent.port.js';

interface CustomerConsent {
  version: number;
  readonly current: Map<string, ConsentDecision>;
  readonly log: ConsentDecision[];
}

export interface MemoryConsentLedgerOptions {
  /** Keyed hash of a customer id, for the tombstone. */
  readonly pseudonym: (customerId: string) => string;
}

/** The consent ledger in process memory: the default without Redis, and for tests. */
export function createMemoryConsentLedger(options: MemoryConsentLedgerOptions): ConsentLedger {
  const customers = new Map<string, CustomerConsent>();
  const tombstones = new Map<string, string>();

  const snapshotOf = (consent: CustomerConsent | undefined): ConsentSnapshot => ({
    version: consent?.version ?? 0,
    decisions: consent ? [...consent.current.values()] : [],
  });

  const record = async (
    customerId: string,
    change: ConsentChange,
    granted: boolean,
  ): Promise<ConsentSnapshot> => {
    const consent: CustomerConsent = customers.get(customerId) ?? { version: 0, current: new Map(), log: [] };
    customers.set(customerId, consent);
    for (const decision of decisionsOf(change, granted)) {
      consent.current.set(`${decision.category}@${decision.channelId}`, decision);
      consent.log.push(decision);
    }
    consent.log.splice(0, Math.max(0, consent.log.length - CONSENT_HISTORY_LIMIT));
    consent.version += 1;
    return snapshotOf(consent);
  };

  return {
    get: async (customerId) => snapshotOf(customers.get(customerId)),
    grant: (customerId, change) => record(customerId, change, true),
    revoke: (customerId, change) => record(customerId, change, false),
    history: async (customerId) => [...(customers.get(customerId)?.log ?? [])],
    erasedAt: async (customerId) => tombstones.get(options.pseudonym(customerId)),
    async erase(customerId, at) {
      tombstones.set(options.pseudonym(customerId), at.toISOString());
      // Two records, as in Redis: the current decisions and the history.
      return customers.delete(customerId) ? 2 : 0;
    },
  };
}
