import type {
  AlexaTurnView,
  GoogleTurnView,
  MessengerBubble,
  MessengerTurnView,
} from '../../../bot/ports/preview.port.js';
import type { AlexaResponseEnvelope } from '../alexa/response-renderer.js';
import { SIGN_IN_INTENT, type WebhookResponse } from '../google/dialogflow-response.js';
import { CARD_LINE_BREAK } from '../google/google-view.js';
import type { MessengerMessage, SendApiBody } from '../messenger/send-api.js';
import { speechText } from './speech-text.js';

/** Title Messenger shows on its account_link button. */
const LOG_IN = 'Log in';

function bubbleOf(message: MessengerMessage): MessengerBubble {
  const quickReplies = message.quick_replies?.map(({ title, payload }) => ({ title, payload })) ?? [];
  if ('text' in message) return { kind: 'text', text: message.text, quickReplies };
  const { payload } = message.attachment;
  if (payload.template_type === 'generic') {
    const cards = payload.elements.map(({ title, subtitle }) => ({
      title,
      ...(subtitle ? { subtitle } : {}),
    }));
    return { kind: 'cards', cards, quickReplies };
  }
  const buttons = payload.buttons.map((button) =>
    button.type === 'postback'
      ? { title: button.title, payload: button.payload }
      : { title: LOG_IN, logIn: true as const },
  );
  return { kind: 'buttons', text: payload.text, buttons, quickReplies };
}

/** Messenger's thread: one bubble per Send API body, quick replies under the message that carries them. */
export function messengerView(bodies: readonly SendApiBody[]): MessengerTurnView {
  return { channel: 'messenger', bubbles: bodies.map((body) => bubbleOf(body.message)) };
}

/** What an Echo says and shows: the speech (and its SSML), the reprompt, the card in the Alexa app. */
export function alexaView(envelope: AlexaResponseEnvelope): AlexaTurnView {
  const { outputSpeech, reprompt, card } = envelope.response;
  const spoken = (ssml: string) => ({ text: speechText(ssml), ssml });
  return {
    channel: 'alexa',
    ...(outputSpeech ? { speech: spoken(outputSpeech.ssml) } : {}),
    ...(reprompt ? { reprompt: spoken(reprompt.outputSpeech.ssml) } : {}),
    ...(card
      ? {
          card:
            card.type === 'Simple'
              ? { kind: 'simple' as const, title: card.title, content: card.content }
              : { kind: 'link-account' as const },
        }
      : {}),
    sessionEnds: envelope.response.shouldEndSession === true,
  };
}

/** The Assistant's rich response: simple-response bubbles, the basic card, suggestion chips. */
export function googleView(response: WebhookResponse): GoogleTurnView {
  const google = response.payload?.google;
  const bubbles: { text: string; ssml: string }[] = [];
  let card: GoogleTurnView['card'];
  for (const item of google?.richResponse.items ?? []) {
    if ('simpleResponse' in item)
      bubbles.push({ text: item.simpleResponse.displayText, ssml: item.simpleResponse.ssml });
    else
      card = {
        afterBubble: bubbles.length - 1,
        lines: item.basicCard.formattedText.split(CARD_LINE_BREAK),
      };
  }
  return {
    channel: 'google',
    bubbles,
    ...(card ? { card } : {}),
    suggestions: google?.richResponse.suggestions?.map((chip) => chip.title) ?? [],
    microphoneOpen: google?.expectUserResponse ?? false,
    signIn: google?.systemIntent?.intent === SIGN_IN_INTENT,
  };
}
