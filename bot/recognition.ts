import type { AccountKind } from './ports/bank.port.js';

/** Intent used when the utterance is not about anything bankbot does. */
export const OUT_OF_SCOPE = 'common.outOfScope';

export interface IntentScore {
  readonly intent: string;
  readonly score: number;
}

/** An amount the customer said. `currency` is absent when they gave none ("the 42.10 charge"). */
export interface AmountEntity {
  readonly minor: number;
  readonly currency?: string;
  readonly text: string;
}

/** A calendar day range in the customer's time zone, both ends inclusive, as YYYY-MM-DD. */
export interface DateRangeEntity {
  readonly from: string;
  readonly to: string;
  readonly text: string;
}

export interface Entities {
  readonly amounts: readonly AmountEntity[];
  readonly dateRange?: DateRangeEntity;
  /** Plain numbers ("the second one" gives ordinal 2; "3" gives number 3). */
  readonly numbers: readonly number[];
  readonly ordinal?: number;
  readonly accountKind?: AccountKind;
}

/**
 * What the NLU understood of one utterance. Channels that recognise intents themselves
 * (Alexa sends intent and slots, no text) produce this directly.
 */
export interface Recognition {
  readonly text: string;
  readonly locale: string;
  /** The winning intent, or OUT_OF_SCOPE. */
  readonly intent: string;
  /** Confidence of the winning intent, 0..1. */
  readonly score: number;
  /** Best intents first, OUT_OF_SCOPE included. */
  readonly intents: readonly IntentScore[];
  readonly entities: Entities;
}

export interface RecognizeOptions {
  readonly locale: string;
  /** Reference instant for relative dates ("yesterday"). */
  readonly now: Date;
  /** IANA zone of the customer, for day boundaries. */
  readonly timeZone: string;
}

/** The NLU as the engine sees it. */
export interface RecognizerPort {
  recognize(text: string, options: RecognizeOptions): Promise<Recognition>;
}

export const EMPTY_ENTITIES: Entities = { amounts: [], numbers: [] };

/** Channels that understand intents themselves (Alexa) put a Recognition in `activity.value.recognition`. */
export function recognitionFromValue(value: unknown): Recognition | undefined {
  if (typeof value !== 'object' || value === null || !('recognition' in value)) return undefined;
  const candidate = (value as { recognition: unknown }).recognition;
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const r = candidate as Partial<Recognition>;
  return typeof r.intent === 'string' && typeof r.score === 'number' && r.entities
    ? (candidate as Recognition)
    : undefined;
}
