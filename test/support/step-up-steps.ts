import assert from 'node:assert/strict';
import { builtInCustomers } from '../../adapters/banks/sandbox/customers.js';
import { askForCode, verifiedAskAgain } from '../../bot/step-up/prompts.js';
import type { ChannelDriver, DriverTurn } from './channel-driver.js';
import { TEST_NOW } from './test-bot.js';

const textOf = (value: { readonly text: readonly unknown[] }): string => value.text.join('');
/** What the bot says when it needs the PIN, and when the question must be asked again after it. */
export const PIN_PROMPT = textOf(askForCode('pin', {}));
const ASK_AGAIN = textOf(verifiedAskAgain(5)).split(' for the next')[0] ?? '';

let pins: ReadonlyMap<string, string> | undefined;

/** A sandbox customer's documented voice PIN ('' for a customer without one). */
export function sandboxPin(customerId: string): string {
  pins ??= new Map(
    builtInCustomers(new Date(TEST_NOW), 1).map((c) => [
      c.profile.id,
      c.stepUp && 'pin' in c.stepUp ? c.stepUp.pin : '',
    ]),
  );
  return pins.get(customerId) ?? '';
}

export interface SayOptions {
  /** Whether the channel asks for a step-up before amounts (its default policy). */
  readonly asksForPin: boolean;
  readonly pin: string;
  /** Assert the PIN exchange (off when a test plays transcripts leniently). */
  readonly check: boolean;
  /** The intent the bot recognised last. */
  readonly intent: () => string | undefined;
  readonly where: string;
}

/**
 * One customer step: the utterance, and for a `pin` step on a step-up channel the PIN after the
 * bot asks for it (what it said before asking is kept as the start of the reply), and the utterance again if the bot asks for it again. Returns the final turn
 * and the intent of the utterance itself.
 */
export async function sayStep(
  driver: ChannelDriver,
  step: { readonly user: string; readonly pin?: boolean },
  options: SayOptions,
): Promise<{ readonly turn: DriverTurn; readonly intent: string | undefined }> {
  const first = await driver.say(step.user);
  const intent = options.intent();
  if (!step.pin || !options.asksForPin) return { turn: first, intent };
  if (options.check) assert.equal(first.texts.at(-1), PIN_PROMPT, `${options.where}: asks for the PIN first`);
  // What the bot said before asking (a consent acknowledged, say) belongs to the step's reply.
  const before = first.texts.slice(0, -1);
  const withBefore = (turn: DriverTurn): DriverTurn => ({ ...turn, texts: [...before, ...turn.texts] });
  const verified = await driver.say(options.pin);
  if (!verified.texts[0]?.startsWith(ASK_AGAIN)) return { turn: withBefore(verified), intent };
  return { turn: withBefore(await driver.say(step.user)), intent };
}
