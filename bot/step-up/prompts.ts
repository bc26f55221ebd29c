import type { StepUpMethod } from '../ports/bank.port.js';
import { reply, type Reply } from '../reply.js';

const plural = (count: number, one: string, many = `${one}s`): string =>
  `${count} ${count === 1 ? one : many}`;
const factor = (method: StepUpMethod): string => (method === 'pin' ? 'voice PIN' : 'one-time code');

/** What a step-up is for: reading out amounts, or an action on the customer's behalf (a fraud alert's "yes"). */
export type StepUpPurpose = 'amounts' | 'act';

/** The step-up question: first time, after a wrong answer, or when the answer was not a code. */
export function askForCode(
  method: StepUpMethod,
  how: {
    readonly triesLeft?: number;
    readonly unclear?: boolean;
    readonly sentTo?: 'app' | 'sms';
    readonly purpose?: StepUpPurpose;
  },
): Reply {
  const sent = how.sentTo === 'sms' ? 'by text message' : 'to your banking app';
  const before = how.purpose === 'act' ? 'before I do that' : 'before I read out amounts';
  const text = how.unclear
    ? `Please say just the digits of your ${factor(method)}, or say cancel.`
    : how.triesLeft !== undefined
      ? `That's not right. You have ${plural(how.triesLeft, 'try', 'tries')} left. Please say your ${factor(method)} again.`
      : method === 'pin'
        ? `For your security, I need your voice PIN ${before}. Please say your PIN.`
        : `For your security, I've sent a one-time code ${sent}. Please say the code.`;
  return reply(text, { expectsInput: true });
}

/** An action held for a step-up that cannot be asked now (locked): nothing was done. */
export const notWithoutStepUp = reply(
  "So I haven't changed anything. You can answer in your banking app, or ask me again later.",
);

/** After the last allowed wrong answer. */
export function lockedNow(method: StepUpMethod, minutes: number): Reply {
  return reply(
    `That's not right either, so I've locked your ${factor(method)} for ${plural(minutes, 'minute')}. You can still see everything in your banking app.`,
  );
}

/** A request for amounts while locked: the amounts then go to the card or app instead. */
export function stillLocked(minutes: number): Reply {
  return reply(
    `After too many wrong tries, I can't check your PIN or code for another ${plural(minutes, 'minute')}.`,
  );
}

/** Verified, but the question held words the bot does not keep (an amount, a merchant): asked again. */
export function verifiedAskAgain(minutes: number): Reply {
  return reply(
    `Thanks, you're verified for the next ${plural(minutes, 'minute')}. Please ask me that again.`,
    { expectsInput: true },
  );
}

/** The bank stopped answering step-up between the question and the answer. */
export const CANNOT_CHECK = reply(
  "I can't check that right now, so I won't read out amounts. You can see everything in your banking app.",
);
