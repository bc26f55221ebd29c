import type { Storage } from 'botbuilder-core';
import { ConfigError, DEFAULT_STEP_UP_INTENTS, type Config } from '../config.js';
import type { ConversationStore } from '../conversation-store.js';
import type { DialogModule } from '../dialog-module.js';
import type { DisclosurePolicy } from '../disclosure/policy.js';
import type { BankPort } from '../ports/bank.port.js';
import { createAssurance } from './assurance.js';
import { createLockout, type Lockout } from './lockout.js';
import { createStepUp, type StepUp } from './step-up.js';

export interface StepUpWiring {
  readonly bank: BankPort;
  /** Wrong answers per customer (see {@link configuredLockout}). */
  readonly lockout: Lockout;
  /** Where the conversation's assurance level is kept. */
  readonly store: ConversationStore;
  readonly dialogs: readonly DialogModule[];
  readonly policyFor: (channelId: string) => DisclosurePolicy;
  readonly now: () => Date;
}

/** The lockout of wrong PINs and codes, as configured. */
export function configuredLockout(config: Config, storage: Storage, now: () => Date): Lockout {
  return createLockout({
    storage,
    maxFailures: config.STEP_UP_MAX_FAILURES,
    lockoutMs: config.STEP_UP_LOCKOUT_SECONDS * 1000,
    now,
  });
}

/**
 * Step-up before the configured intents. A list set in STEP_UP_INTENTS must name dialogs' intents;
 * the default list applies to those of its intents the bot's dialogs have.
 */
export function configuredStepUp(config: Config, deps: StepUpWiring): StepUp {
  const known = new Set(deps.dialogs.flatMap((dialog) => dialog.intents));
  const byDefault = config.STEP_UP_INTENTS.join(',') === DEFAULT_STEP_UP_INTENTS;
  const unknown = config.STEP_UP_INTENTS.find((intent) => !known.has(intent));
  if (unknown && !byDefault)
    throw new ConfigError(`Invalid setting STEP_UP_INTENTS: ${unknown} is no dialog's intent`);
  return createStepUp({
    bank: deps.bank,
    policyFor: deps.policyFor,
    intents: config.STEP_UP_INTENTS.filter((intent) => known.has(intent)),
    lockout: deps.lockout,
    assurance: createAssurance(deps.store, config.STEP_UP_TTL_SECONDS * 1000),
    ttlMs: config.STEP_UP_TTL_SECONDS * 1000,
  });
}
