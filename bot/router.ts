import type { Recognition } from './recognition.js';

/** Intents the engine handles itself, whatever dialog is active. */
export const ENGINE_INTENTS = {
  cancel: 'common.cancel',
  startOver: 'common.startOver',
  confirm: 'common.confirm',
  deny: 'common.deny',
} as const;

export type Route =
  /** Global commands that act on the whole conversation. */
  | { readonly kind: 'interrupt'; readonly action: 'cancel' | 'startOver' }
  /** Give the turn to the active dialog (an answer, or a re-ask). */
  | { readonly kind: 'continue' }
  /**
   * Start a dialog. With an active dialog this is a context switch: the new dialog runs on top
   * and the old one resumes where it was. `replace` restarts the active dialog instead.
   */
  | { readonly kind: 'begin'; readonly dialogId: string; readonly replace: boolean }
  /** Nothing to do with this turn (a stray "yes", say). */
  | { readonly kind: 'fallback' };

export interface RouteInput {
  readonly recognition: Recognition;
  /** The dialog waiting for this turn, if any: its root id, and whether the turn answers it. */
  readonly active?: { readonly rootDialogId: string; readonly acceptsAnswer: boolean };
  /** Which dialog each intent begins. */
  readonly dialogs: ReadonlyMap<string, string>;
  /** Minimum confidence to interrupt or switch away from an active dialog. */
  readonly switchThreshold: number;
}

/**
 * Decides what a turn does. Pure, so every rule is tested without a bot:
 * 1. cancel / start over win unless the active dialog takes the words as its answer;
 * 2. an answer the active dialog accepts continues it;
 * 3. a confident intent of another dialog (help included) switches context: it runs on top and
 *    the active dialog resumes where it was, re-asking its question;
 * 4. anything else goes to the active dialog (it re-asks), or falls back.
 */
export function route(input: RouteInput): Route {
  const { recognition, active } = input;
  const confident = recognition.score >= input.switchThreshold;
  const intent = recognition.intent;

  if (intent === ENGINE_INTENTS.cancel && (confident || !active?.acceptsAnswer)) {
    return { kind: 'interrupt', action: 'cancel' };
  }
  if (intent === ENGINE_INTENTS.startOver && (confident || !active?.acceptsAnswer)) {
    return { kind: 'interrupt', action: 'startOver' };
  }
  if (active?.acceptsAnswer) return { kind: 'continue' };

  const dialogId = input.dialogs.get(intent);
  if (dialogId && (confident || !active)) {
    return { kind: 'begin', dialogId, replace: dialogId === active?.rootDialogId };
  }
  if (active) return { kind: 'continue' };
  return { kind: 'fallback' };
}
