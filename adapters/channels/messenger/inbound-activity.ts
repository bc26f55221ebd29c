import { ActivityTypes, type Activity } from 'botbuilder-core';
import type { InboundEvent, TurnEvent } from './webhook-events.js';
import { withFields } from '../../../bot/objects.js';

export const CHANNEL_ID = 'messenger';

/** Who is talking: the customer's PSID is both the user and the conversation (Messenger threads are 1:1). */
function addressing(event: InboundEvent): Partial<Activity> {
  return {
    channelId: CHANNEL_ID,
    from: { id: event.psid, name: event.psid, role: 'user' },
    recipient: { id: event.pageId, name: event.pageId, role: 'bot' },
    conversation: { id: event.psid, isGroup: false, conversationType: 'personal', name: 'messenger' },
    timestamp: new Date(event.timestamp),
  };
}

/**
 * The message activity for a customer's message, quick-reply tap or postback. A tap's payload is
 * the text (so the dialog recognises the choice it offered); payload and title stay in `value`.
 * Messenger sends no locale: the adapter adds the user profile's, else the bank profile's is used.
 */
export function messageActivity(event: TurnEvent, serviceUrl: string): Partial<Activity> {
  return withFields(
    addressing(event),
    { type: ActivityTypes.Message },
    event.deliveryId ? { id: event.deliveryId } : {},
    { serviceUrl, text: event.text },
    event.tapped ? { value: { ...event.tapped } } : {},
  );
}

/** The event activity an account-linking notification runs under (its confirmation is sent from it). */
export function linkingActivity(event: InboundEvent, serviceUrl: string): Partial<Activity> {
  return withFields(
    addressing(event),
    { type: ActivityTypes.Event, name: `messenger.account_${event.kind}` },
    event.deliveryId ? { id: event.deliveryId } : {},
    { serviceUrl },
  );
}
