import type { Sensitivity } from '../reply.js';

/**
 * How something reached the customer: shown in a text channel, spoken by a voice channel, shown on
 * a voice channel's card or screen without being spoken, or sent to the banking app.
 */
export type DisclosureVia = 'text' | 'voice' | 'screen' | 'app';

/** One class of customer data disclosed in one reply. Never the value itself. */
export interface DisclosureRecord {
  readonly customerId: string;
  readonly conversationId: string;
  readonly channel: string;
  readonly category: Sensitivity;
  readonly via: DisclosureVia;
  readonly at: Date;
}

/**
 * Where disclosures are recorded. The default writes a structured log event
 * (`createLogAudit`); a bank can ship records to its own audit store instead. A reply whose
 * disclosures cannot be recorded is not sent.
 *
 * @example
 * const audit: AuditPort = { recordDisclosure: async (record) => auditStore.append(record) };
 */
export interface AuditPort {
  recordDisclosure(record: DisclosureRecord): Promise<void>;
}
