import type { StatePropertyAccessor, Storage, TurnContext } from 'botbuilder-core';
import { ConversationStore } from '../conversation-store.js';
import type { Logger } from '../logger.js';
import type { ConsentLedger, ConsentSnapshot } from '../ports/consent.port.js';
import type { CustomerDataEraser, CustomerFootprint, CustomerIndex } from '../ports/customer-data.port.js';
import { getTurn } from '../turn.js';
import { ConsentService, type PrivacyMemory } from './consent-service.js';
import type { Eraser, ErasureReport } from './eraser.js';

export interface CustomerPrivacyOptions {
  readonly store: ConversationStore;
  readonly ledger: ConsentLedger;
  readonly index: CustomerIndex;
  readonly eraser: Eraser;
  readonly pseudonym: (customerId: string) => string;
  readonly logger: Logger;
  /** How long conversation state lives after its last write (ms): the index is refreshed at half that. */
  readonly conversationTtlMs: number;
  /** How long a conversation trusts the consent it read (ms). */
  readonly consentMaxAgeMs: number;
}

/** What "what do you keep about me?" lists: decisions, where data lives, nothing else. */
export interface PrivacySummary {
  readonly consent: ConsentSnapshot;
  readonly footprint: CustomerFootprint;
  /** How long conversation state lives after the last message. */
  readonly conversationTtlHours: number;
}

/** The name of the conversation-state property this module keeps. */
export const PRIVACY_PROPERTY = 'privacy';

/**
 * The customer's privacy as the engine and the privacy dialogs use it: consent, the index of
 * where the customer's records are, and forget-me.
 */
export class CustomerPrivacy {
  readonly consent: ConsentService;
  private readonly memory: StatePropertyAccessor<PrivacyMemory>;

  constructor(private readonly options: CustomerPrivacyOptions) {
    this.memory = options.store.property<PrivacyMemory>(PRIVACY_PROPERTY);
    this.consent = new ConsentService({
      ledger: options.ledger,
      memory: this.memory,
      logger: options.logger,
      maxAgeMs: options.consentMaxAgeMs,
    });
  }

  /**
   * Marks the conversation as this customer's and keeps it in the customer's index, so forget-me
   * finds it: one index write when the conversation is new (or changed hands), then again only
   * every half conversation lifetime. Where the index can read the consent in the same round trip
   * and the conversation holds no fresh copy of it (a new conversation), it does.
   */
  async track(context: TurnContext): Promise<void> {
    const { customer, now } = getTurn(context);
    const memory = await this.memory.get(context, {});
    const owner = this.ownerOf(customer.customerId);
    if (memory.owner !== owner) {
      memory.owner = owner;
      delete memory.indexedAt;
      delete memory.consent;
    }
    if (
      memory.indexedAt !== undefined &&
      now.getTime() - memory.indexedAt < this.options.conversationTtlMs / 2
    )
      return;
    const { index } = this.options;
    const key = ConversationStore.keyOf(context);
    if (index.addConversationReadingConsent && !this.consent.isFresh(memory, now)) {
      const snapshot = await index.addConversationReadingConsent(customer.customerId, key, now);
      await this.consent.adopt(context, snapshot);
    } else {
      await index.addConversation(customer.customerId, key, now);
    }
    memory.indexedAt = now.getTime();
  }

  async summary(context: TurnContext): Promise<PrivacySummary> {
    const { customer } = getTurn(context);
    const [consent, footprint] = await Promise.all([
      this.consent.snapshot(context),
      this.options.index.list(customer.customerId),
    ]);
    return {
      consent,
      footprint,
      conversationTtlHours: Math.round(this.options.conversationTtlMs / 3_600_000),
    };
  }

  /** Erases everything kept about the customer; this turn then saves no conversation state. */
  async forget(context: TurnContext): Promise<ErasureReport> {
    const { customer, now } = getTurn(context);
    const report = await this.options.eraser.eraseCustomer(customer.customerId, now);
    this.options.store.discard(context);
    return report;
  }

  /** Deletes the customer's indexed conversations, skipping any that changed hands since. */
  conversationEraser(storage: Storage): CustomerDataEraser {
    return async ({ customerId, conversations }) => {
      const owner = this.ownerOf(customerId);
      let deleted = 0;
      for (let i = 0; i < conversations.length; i += ERASE_BATCH) {
        const keys = conversations.slice(i, i + ERASE_BATCH).map((c) => c.key);
        const stored = await storage.read(keys);
        const mine = keys.filter(
          (key) => (stored[key]?.[PRIVACY_PROPERTY] as PrivacyMemory)?.owner === owner,
        );
        if (mine.length > 0) await storage.delete(mine);
        deleted += mine.length;
      }
      return deleted;
    };
  }

  private ownerOf(customerId: string): string {
    return this.options.pseudonym(customerId).slice(0, 32);
  }
}

const ERASE_BATCH = 100;
