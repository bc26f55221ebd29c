import assert from 'node:assert/strict';
import type { SandboxBank, SandboxCustomerFixture } from '../../../adapters/banks/sandbox.bank.js';

/** The one-time codes in the messages a sandbox customer's banking app received, oldest first. */
export function sentCodes(bank: SandboxBank, customerId: string): string[] {
  return bank.appInbox(customerId).flatMap((message) => /\b(\d{6})\b/.exec(message.body)?.[1] ?? []);
}

/** The right answer to a sandbox customer's step-up: their PIN, or the last code sent to their app. */
export const sandboxStepUpCode = (bank: SandboxBank, fixture: SandboxCustomerFixture) => (): string => {
  const setup = fixture.stepUp;
  if (setup && 'pin' in setup) return setup.pin;
  return sentCodes(bank, fixture.profile.id).at(-1) ?? assert.fail('no one-time code in the app inbox');
};
