import type {
  AppMessage,
  StepUpChallenge,
  StepUpMethod,
  StepUpResult,
} from '../../../bot/ports/bank.port.js';
import { sameSecret } from '../../../bot/secrets.js';
import { withFields } from '../../../bot/objects.js';

/** How a sandbox customer steps up: a voice PIN, or a one-time code put in their app inbox. */
export type SandboxStepUp = { readonly pin: string } | { readonly otp: 'app' };

/** A message the sandbox's banking app received, with when. */
export interface SandboxInboxEntry extends AppMessage {
  readonly at: string;
}

/** How long a one-time code stays valid. */
export const SANDBOX_OTP_TTL_MS = 5 * 60_000;

/** The sandbox's PIN checks, one-time codes and app inboxes (bank-side state, never the bot's). */
export interface SandboxSecurity {
  start(customerId: string, setup: SandboxStepUp | undefined): StepUpChallenge;
  verify(
    customerId: string,
    setup: SandboxStepUp | undefined,
    attempt: { readonly method: StepUpMethod; readonly code: string },
  ): StepUpResult;
  deliver(customerId: string, message: AppMessage): void;
  inbox(customerId: string): readonly SandboxInboxEntry[];
}

/**
 * Deterministic like the rest of the sandbox: the n-th code issued is the same on every run. Codes
 * are six digits, single use, valid for SANDBOX_OTP_TTL_MS, and delivered to the app inbox.
 */
export function createSandboxSecurity(now: () => Date): SandboxSecurity {
  const codes = new Map<string, { readonly code: string; readonly expires: number }>();
  const inboxes = new Map<string, SandboxInboxEntry[]>();
  let issued = 0;

  const deliver = (customerId: string, message: AppMessage): void => {
    const inbox = inboxes.get(customerId) ?? [];
    inbox.push(withFields(message, { at: now().toISOString() }));
    inboxes.set(customerId, inbox);
  };

  return {
    start(customerId, setup) {
      if (!setup) return { method: 'unsupported' };
      if ('pin' in setup) return { method: 'pin' };
      issued += 1;
      const code = String(100_000 + ((issued * 7919 + 4242) % 900_000));
      codes.set(customerId, { code, expires: now().getTime() + SANDBOX_OTP_TTL_MS });
      deliver(customerId, { title: 'Your one-time code', body: `Your code is ${code}. Never share it.` });
      return { method: 'otp', sentTo: 'app' };
    },
    verify(customerId, setup, { method, code }) {
      if (!setup) return 'unsupported';
      if (method === 'pin') return 'pin' in setup && sameSecret(code, setup.pin) ? 'ok' : 'invalid';
      const issuedCode = codes.get(customerId);
      if (!issuedCode || issuedCode.expires < now().getTime()) return 'invalid';
      if (!sameSecret(code, issuedCode.code)) return 'invalid';
      codes.delete(customerId);
      return 'ok';
    },
    deliver,
    inbox: (customerId) => [...(inboxes.get(customerId) ?? [])],
  };
}
