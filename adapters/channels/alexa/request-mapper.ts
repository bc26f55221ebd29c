import { ActivityTypes, type Activity } from 'botbuilder-core';
import { CodedError } from '../../../bot/errors.js';
import { EMPTY_ENTITIES, OUT_OF_SCOPE, type Recognition } from '../../../bot/recognition.js';
import { applicationIdOf, userOf, type AlexaEnvelope } from './envelope.js';
import type { IntentMeaning } from './intent-names.js';
import { recognitionOf } from './slot-recognition.js';

/** A turn to run for an Alexa request, and the linked account's token (kept out of the activity). */
export interface AlexaTurn {
  readonly activity: Partial<Activity>;
  readonly accessToken?: string;
}

export interface MapOptions {
  /** Resolves Alexa intent names (see createIntentTable). */
  readonly intents: (alexaName: string) => IntentMeaning | undefined;
  /** The customer's today (YYYY-MM-DD), for relative AMAZON.DATE values. */
  readonly today: string;
  readonly defaultLocale: string;
}

const GREETING: IntentMeaning = { intent: 'common.greeting', score: 1 };
/** A session that ended drops whatever was being asked, as "cancel" would. */
const CANCEL: IntentMeaning = { intent: 'common.cancel', score: 1 };
const UNKNOWN: IntentMeaning = { intent: OUT_OF_SCOPE, score: 0 };

function meaningOf(envelope: AlexaEnvelope, options: MapOptions): IntentMeaning | undefined {
  const { type, intent } = envelope.request;
  if (type === 'LaunchRequest') return GREETING;
  if (type === 'SessionEndedRequest') return CANCEL;
  if (type === 'IntentRequest') return (intent && options.intents(intent.name)) ?? UNKNOWN;
  return undefined;
}

/**
 * The activity for a verified Alexa request, or undefined for request types bankbot does not
 * answer (AudioPlayer events, CanFulfillIntentRequest, ...). LaunchRequest is a greeting,
 * IntentRequest carries its Recognition in `value.recognition` (Alexa sends no words),
 * SessionEndedRequest cancels the conversation's dialogs. The conversation is the session, or the
 * user when there is none; the raw envelope (with its tokens) never enters the activity.
 */
export function toAlexaTurn(envelope: AlexaEnvelope, options: MapOptions): AlexaTurn | undefined {
  const meaning = meaningOf(envelope, options);
  if (!meaning) return undefined;
  const { userId, accessToken } = userOf(envelope);
  if (!userId) throw new CodedError('CHANNEL_ERR_BAD_PAYLOAD', 'alexa: no user id');
  const { request } = envelope;
  const locale = request.locale ?? options.defaultLocale;
  const recognition: Recognition =
    request.type === 'IntentRequest'
      ? recognitionOf(request.intent, meaning, locale, options.today)
      : { text: '', locale, ...meaning, intents: [meaning], entities: EMPTY_ENTITIES };
  const activity: Partial<Activity> = {
    type: ActivityTypes.Message,
    id: request.requestId,
    timestamp: new Date(request.timestamp),
    channelId: 'alexa',
    from: { id: userId, name: '', role: 'user' },
    recipient: { id: applicationIdOf(envelope) ?? 'alexa-skill', name: '', role: 'bot' },
    conversation: {
      id: envelope.session?.sessionId ?? userId,
      isGroup: false,
      conversationType: 'personal',
      name: '',
    },
    locale,
    value: { recognition },
    channelData: {
      alexa: { requestType: request.type, ...(request.intent ? { intent: request.intent.name } : {}) },
    },
  };
  return { activity, ...(accessToken ? { accessToken } : {}) };
}
