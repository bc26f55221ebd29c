import type { StatePropertyAccessor, TurnContext } from 'botbuilder-core';
import {
  DATA_CATEGORIES,
  decisionOf,
  isDataCategory,
  isGranted,
  type ConsentChange,
  type ConsentLedger,
  type ConsentSnapshot,
  type DataCategory,
} from '../ports/consent.port.js';
import type { Logger } from '../logger.js';
import { getTurn } from '../turn.js';

/** Linking a bank account on a channel allows these there; alerts are always opt-in. */
export const ACCOUNT_LINK_CATEGORIES: readonly DataCategory[] = ['balances', 'transactions'];

/**
 * What a conversation keeps for privacy: whose it is (a keyed hash), when it was last put in the
 * customer's index, and the categories allowed on its channel as last read (ids and flags only).
 */
export interface PrivacyMemory {
  owner?: string;
  indexedAt?: number;
  consent?: { at: number; version: number; allowed: string[] };
}

export interface ConsentServiceOptions {
  readonly ledger: ConsentLedger;
  readonly memory: StatePropertyAccessor<PrivacyMemory>;
  readonly logger: Logger;
  /** How long the allowed categories read into a conversation are trusted before reading again (ms). */
  readonly maxAgeMs: number;
}

/** A grant or revocation said in this turn's conversation. */
export interface ConsentRequest {
  readonly categories: readonly DataCategory[];
  readonly granted: boolean;
  /** The channel it is about; this turn's channel when absent. */
  readonly channelId?: string;
}

/**
 * Consent as a turn sees it. `allowed` costs no storage read while the conversation's copy is
 * fresh, and one otherwise; decisions made in the conversation update that copy at once.
 */
export class ConsentService {
  constructor(private readonly options: ConsentServiceOptions) {}

  /** The categories the customer allows on this turn's channel. */
  async allowed(context: TurnContext): Promise<ReadonlySet<DataCategory>> {
    const memory = await this.options.memory.get(context, {});
    const { now } = getTurn(context);
    if (this.isFresh(memory, now)) return new Set(memory.consent?.allowed.filter(isDataCategory));
    return this.remember(context, await this.snapshot(context));
  }

  /** Whether the conversation's copy of the allowed categories can be used without reading the ledger. */
  isFresh(memory: PrivacyMemory, now: Date): boolean {
    const age = memory.consent ? now.getTime() - memory.consent.at : -1;
    return age >= 0 && age < this.options.maxAgeMs;
  }

  /**
   * Keeps a snapshot read elsewhere (with the customer index) as the conversation's copy, unless the
   * channel still has account-link categories undecided: `allowed` then reads and settles them.
   */
  async adopt(context: TurnContext, snapshot: ConsentSnapshot): Promise<void> {
    const { channelId } = getTurn(context);
    if (ACCOUNT_LINK_CATEGORIES.some((c) => !decisionOf(snapshot, channelId, c))) return;
    await this.remember(context, snapshot);
  }

  /**
   * The customer's decisions. A channel the customer reached through account linking, with no
   * decision yet for balances or transactions, gets them granted (source `account-link`) unless
   * the customer once asked to be forgotten: then they are asked instead.
   */
  async snapshot(context: TurnContext): Promise<ConsentSnapshot> {
    const { customer, channelId, now } = getTurn(context);
    const { ledger } = this.options;
    const snapshot = await ledger.get(customer.customerId);
    const undecided = ACCOUNT_LINK_CATEGORIES.filter((c) => !decisionOf(snapshot, channelId, c));
    if (undecided.length === 0 || (await ledger.erasedAt(customer.customerId))) return snapshot;
    const change = { channelId, categories: undecided, source: 'account-link' as const, at: now };
    return this.logged(change, true, await ledger.grant(customer.customerId, change));
  }

  /** Records a decision the customer made in this conversation. */
  async decide(context: TurnContext, request: ConsentRequest): Promise<ConsentSnapshot> {
    const { customer, channelId, now } = getTurn(context);
    const change = {
      channelId: request.channelId ?? channelId,
      categories: request.categories,
      source: 'conversation' as const,
      at: now,
    };
    const { ledger } = this.options;
    const snapshot = await (request.granted
      ? ledger.grant(customer.customerId, change)
      : ledger.revoke(customer.customerId, change));
    if (change.channelId === channelId) await this.remember(context, snapshot);
    return this.logged(change, request.granted, snapshot);
  }

  private logged(change: ConsentChange, granted: boolean, snapshot: ConsentSnapshot): ConsentSnapshot {
    const { channelId: channel, categories, source } = change;
    this.options.logger.info({ event: 'consent.recorded', channel, categories, granted, source });
    return snapshot;
  }

  private async remember(
    context: TurnContext,
    snapshot: ConsentSnapshot,
  ): Promise<ReadonlySet<DataCategory>> {
    const { channelId, now } = getTurn(context);
    const allowed = DATA_CATEGORIES.filter((category) => isGranted(snapshot, channelId, category));
    const memory = await this.options.memory.get(context, {});
    memory.consent = { at: now.getTime(), version: snapshot.version, allowed };
    return new Set(allowed);
  }
}
