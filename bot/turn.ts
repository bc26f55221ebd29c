import { ActivityTypes, InputHints, type Activity, type TurnContext } from 'botbuilder-core';
import type { CustomerRef } from './ports/bank.port.js';
import type { Recognition } from './recognition.js';
import { renderSpeech, renderText, type RenderOptions } from './render-text.js';
import type { Reply } from './reply.js';

/** What a dialog knows about the current turn. Built by the bot before any dialog runs. */
export interface Turn {
  readonly customer: CustomerRef;
  readonly recognition: Recognition;
  readonly locale: string;
  readonly timeZone: string;
  readonly now: Date;
  readonly channelId: string;
  /** Intents of the last few turns, oldest first: codes only, for handoff summaries. */
  readonly history: readonly string[];
}

const TURN = Symbol('bankbot.turn');
/** channelData key under which every message carries its channel-neutral reply for renderers. */
export const REPLY_KEY = 'bankbotReply';
/** channelData key for the locale and time zone the reply is to be rendered in. */
export const FORMAT_KEY = 'bankbotFormat';

export function setTurn(context: TurnContext, turn: Turn): void {
  context.turnState.set(TURN, turn);
}

export function getTurn(context: TurnContext): Turn {
  const turn = context.turnState.get(TURN) as Turn | undefined;
  if (!turn) throw new Error('bankbot: no turn info on this context (is the dialog run outside BankingBot?)');
  return turn;
}

/** The message activity for a reply: plain text for simple channels, the neutral reply for renderers. */
export function toActivity(value: Reply, options: { locale: string; timeZone: string }): Partial<Activity> {
  const choices = value.choices ?? [];
  return {
    type: ActivityTypes.Message,
    text: renderText(value, options),
    speak: renderSpeech(value, options),
    inputHint: value.expectsInput ? InputHints.ExpectingInput : InputHints.AcceptingInput,
    ...(choices.length > 0
      ? {
          suggestedActions: {
            to: [],
            actions: choices.map((choice) => ({
              type: 'imBack',
              title: choice.title,
              value: choice.value ?? choice.title,
            })),
          },
        }
      : {}),
    channelData: { [REPLY_KEY]: value, [FORMAT_KEY]: { locale: options.locale, timeZone: options.timeZone } },
  };
}

/** Sends a channel-neutral reply on this turn. */
export async function send(context: TurnContext, value: Reply): Promise<void> {
  const turn = getTurn(context);
  await context.sendActivity(toActivity(value, turn));
}

/** The neutral reply carried by an outgoing activity, if it has one. */
export function replyOf(activity: Partial<Activity>): Reply | undefined {
  const data = activity.channelData as Record<string, unknown> | undefined;
  return data?.[REPLY_KEY] as Reply | undefined;
}

/** Locale and time zone to render an outgoing activity's reply in (the defaults given otherwise). */
export function formatOf(activity: Partial<Activity>, defaults: RenderOptions): RenderOptions {
  const data = activity.channelData as Record<string, unknown> | undefined;
  const format = data?.[FORMAT_KEY] as Partial<RenderOptions> | undefined;
  return { locale: format?.locale ?? defaults.locale, timeZone: format?.timeZone ?? defaults.timeZone };
}
