import { ActivityTypes, type Activity } from 'botbuilder-core';
import { z } from 'zod';
import type { InboundTurn } from './dialogflow-request.js';
import { greetingValue, regionalLocale } from './greeting.js';
import { MAX_QUERY_TEXT } from './limits.js';

const optionalString = z.string().min(1).optional().catch(undefined);

/** The parts of an Actions Builder HandlerRequest (@assistant/conversation schema) bankbot reads. */
export const handlerRequestSchema = z.object({
  handler: z.object({ name: optionalString }).optional().catch(undefined),
  intent: z.object({ name: z.string(), query: z.string().optional() }),
  scene: z.object({ name: optionalString }).optional().catch(undefined),
  session: z.object({ id: z.string().min(1).max(500), languageCode: optionalString }),
  user: z
    .object({ locale: optionalString, accountLinkingStatus: optionalString })
    .optional()
    .catch(undefined),
});

export type HandlerRequest = z.infer<typeof handlerRequestSchema>;

/** The main invocation ("Talk to my bank"): no words for the NLU, a greeting. */
export const MAIN_INTENTS: ReadonlySet<string> = new Set(['actions.intent.MAIN', 'MAIN']);

/**
 * A HandlerRequest as a message activity. Actions Builder has no stable user id, so the session is
 * the user; the bank customer comes from the account-linking token (`Authorization: Bearer`).
 */
export function actionsTurn(
  request: HandlerRequest,
  accessToken: string | undefined,
  now: Date,
): InboundTurn {
  const { intent, session, user, scene, handler } = request;
  const query = (intent.query ?? '').trim();
  const locale = regionalLocale(user?.locale) ?? regionalLocale(session.languageCode);
  const activity: Partial<Activity> = {
    type: ActivityTypes.Message,
    timestamp: now,
    channelId: 'google',
    from: { id: session.id, name: '' },
    recipient: { id: 'bankbot', name: 'bankbot' },
    conversation: { id: session.id, isGroup: false, conversationType: 'personal', name: '' },
    ...(locale ? { locale } : {}),
    ...(MAIN_INTENTS.has(intent.name)
      ? { text: '', value: greetingValue(query, locale ?? 'en') }
      : { text: query.slice(0, MAX_QUERY_TEXT) }),
    channelData: {
      actions: {
        intent: intent.name,
        scene: scene?.name,
        handler: handler?.name,
        accountLinkingStatus: user?.accountLinkingStatus,
      },
    },
  };
  return { activity, ...(accessToken ? { accessToken } : {}) };
}

/** The user's account-linking token from `Authorization: Bearer <token>`, if any. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
