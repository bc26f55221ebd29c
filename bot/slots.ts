import type { TurnContext } from 'botbuilder-core';
import type { Reply } from './reply.js';
import { ENGINE_INTENTS } from './router.js';
import { SlotDialog, type AskReason, type SlotParams } from './slot-dialog.js';
import type { Turn } from './turn.js';

type Ask<P extends SlotParams> = (
  context: TurnContext,
  params: P,
  reason: AskReason,
) => Promise<Reply> | Reply;

/** A yes / no question: true for "yes, it was me", false for "no", re-asked otherwise. */
export function confirmSlot<P extends SlotParams>(id: string, ask: Ask<P>): SlotDialog<P, boolean> {
  return new SlotDialog<P, boolean>(id, {
    recognize: (turn) => {
      if (turn.recognition.intent === ENGINE_INTENTS.confirm) return true;
      if (turn.recognition.intent === ENGINE_INTENTS.deny) return false;
      return undefined;
    },
    ask,
  });
}

/**
 * Position the customer picked among `count` options: "the second one", "2", "last".
 * Returns a 0-based index, or undefined.
 */
export function pickedIndex(turn: Turn, count: number): number | undefined {
  const { ordinal, numbers } = turn.recognition.entities;
  if (ordinal !== undefined) {
    const index = ordinal < 0 ? count + ordinal : ordinal - 1;
    return index >= 0 && index < count ? index : undefined;
  }
  const [number] = numbers;
  if (
    numbers.length === 1 &&
    number !== undefined &&
    Number.isInteger(number) &&
    number >= 1 &&
    number <= count
  ) {
    return number - 1;
  }
  return undefined;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Index of the only option whose words all appear in what the customer said ("the visa one"). */
export function mentionedIndex(text: string, options: readonly string[]): number | undefined {
  const said = new Set((text.toLowerCase().match(WORD) ?? []).filter((word) => word.length > 1));
  const hits = options
    .map((option, index) => ({
      index,
      words: (option.toLowerCase().match(WORD) ?? []).filter((w) => said.has(w)).length,
    }))
    .filter((hit) => hit.words > 0)
    .sort((a, b) => b.words - a.words);
  const [best, second] = hits;
  return best && (!second || best.words > second.words) ? best.index : undefined;
}
