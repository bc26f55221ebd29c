import type { ChannelPreview, PreviewChannel } from '../ports/preview.port.js';
import type { Entities, IntentScore } from '../recognition.js';

/** What the NLU made of the message, and what the engine did with it. */
export interface TurnRecognition {
  readonly intent: string;
  readonly confidence: number;
  /** 'begin:balance', 'continue', 'interrupt:cancel', 'fallback'. */
  readonly route: string;
  /** The next best intents, best first. */
  readonly alternatives: readonly IntentScore[];
  readonly entities: Entities;
}

/** The body of a POST /playground/api/turn answer (the page reads it through JSDoc types). */
export interface TurnResponse extends ChannelPreview {
  /** Send it back to continue this conversation. */
  readonly conversationId: string;
  readonly channel: PreviewChannel;
  /** Null when the turn failed before the NLU ran. */
  readonly recognition: TurnRecognition | null;
}
