import { ActivityTypes, type Activity } from 'botbuilder-core';
import { z } from 'zod';
import { greetingValue, regionalLocale } from './greeting.js';
import { MAX_QUERY_TEXT } from './limits.js';

const optionalString = z.string().min(1).optional().catch(undefined);

/**
 * The parts of a Dialogflow ES v2 WebhookRequest bankbot reads. `originalDetectIntentRequest.payload`
 * differs per integration, so anything odd there is ignored rather than refused.
 */
export const webhookRequestSchema = z.object({
  responseId: z.string().min(1).max(200),
  session: z.string().min(1).max(500),
  queryResult: z.object({
    queryText: z.string().optional(),
    languageCode: optionalString,
    action: optionalString,
    intent: z.object({ displayName: optionalString }).optional().catch(undefined),
    intentDetectionConfidence: z.number().optional().catch(undefined),
  }),
  originalDetectIntentRequest: z
    .object({
      payload: z
        .object({
          user: z.object({ userId: optionalString, accessToken: optionalString }).optional().catch(undefined),
        })
        .optional()
        .catch(undefined),
    })
    .optional()
    .catch(undefined),
});

export type WebhookRequest = z.infer<typeof webhookRequestSchema>;

/** An inbound turn: the activity, and the account-linking token kept apart from it. */
export interface InboundTurn {
  readonly activity: Partial<Activity>;
  readonly accessToken?: string;
}

/**
 * Query texts that are events, not words: the Assistant, Dialogflow Messenger and telephony welcome
 * events, and the Assistant's sign-in result (after linking, the customer is greeted by name).
 */
export const GREETING_EVENTS: ReadonlySet<string> = new Set([
  'GOOGLE_ASSISTANT_WELCOME',
  'WELCOME',
  'TELEPHONY_WELCOME',
  'actions_intent_SIGN_IN',
]);

/**
 * The conversation id of a Dialogflow session path (`projects/<p>/agent/sessions/<s>`): its
 * slashes as colons. State keys are `google/conversations/<id>/`, and Redis hash-tags the id up to
 * its first slash: with the path as is, every conversation of a project shared one Cluster slot.
 */
export function conversationIdOf(session: string): string {
  return session.replaceAll('/', ':');
}

/**
 * A WebhookRequest as a message activity: `queryText` goes to bankbot's own NLU; Dialogflow's
 * matched intent is only a hint in `channelData.dialogflow` (the request itself is not kept: it
 * carries the access token).
 */
export function dialogflowTurn(request: WebhookRequest, now: Date): InboundTurn {
  const { queryResult, session, responseId } = request;
  const user = request.originalDetectIntentRequest?.payload?.user;
  const query = (queryResult.queryText ?? '').trim();
  const locale = regionalLocale(queryResult.languageCode);
  const welcome = GREETING_EVENTS.has(query) || (query === '' && queryResult.action === 'input.welcome');
  const activity: Partial<Activity> = {
    type: ActivityTypes.Message,
    id: responseId,
    timestamp: now,
    channelId: 'google',
    from: { id: user?.userId ?? session, name: '' },
    recipient: { id: 'bankbot', name: 'bankbot' },
    conversation: { id: conversationIdOf(session), isGroup: false, conversationType: 'personal', name: '' },
    ...(locale ? { locale } : {}),
    ...(welcome
      ? { text: '', value: greetingValue(query, locale ?? queryResult.languageCode ?? 'en') }
      : { text: query.slice(0, MAX_QUERY_TEXT) }),
    channelData: {
      dialogflow: {
        intent: queryResult.intent?.displayName,
        action: queryResult.action,
        confidence: queryResult.intentDetectionConfidence,
      },
    },
  };
  return { activity, ...(user?.accessToken ? { accessToken: user.accessToken } : {}) };
}
