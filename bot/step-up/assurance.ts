import type { TurnContext } from 'botbuilder-core';
import type { ConversationStore } from '../conversation-store.js';
import type { StepUpMethod } from '../ports/bank.port.js';

/**
 * How sure the bot is of who is speaking. `linked`: the channel account is linked to the customer
 * (every turn that reaches a dialog); `verified`: they also said their voice PIN or a one-time code.
 */
export type AssuranceLevel = 'linked' | 'verified';

/** Kept in conversation state: the level, how it was reached, for whom and until when. Never the code. */
interface AssuranceRecord {
  readonly level: 'verified';
  readonly method: StepUpMethod;
  readonly customerId: string;
  readonly until: string;
}

export interface Assurance {
  level(context: TurnContext, customerId: string, now: Date): Promise<AssuranceLevel>;
  grant(context: TurnContext, customerId: string, method: StepUpMethod, now: Date): Promise<void>;
}

/** The conversation's assurance level, expiring `ttlMs` after the step-up. */
export function createAssurance(store: ConversationStore, ttlMs: number): Assurance {
  const property = store.property<AssuranceRecord | undefined>('assurance');
  return {
    async level(context, customerId, now) {
      const record = await property.get(context);
      if (!record) return 'linked';
      if (record.customerId === customerId && Date.parse(record.until) > now.getTime()) return 'verified';
      await property.delete(context);
      return 'linked';
    },
    async grant(context, customerId, method, now) {
      const until = new Date(now.getTime() + ttlMs).toISOString();
      await property.set(context, { level: 'verified', method, customerId, until });
    },
  };
}
