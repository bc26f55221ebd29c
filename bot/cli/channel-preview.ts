import { renderAlexaResponse } from '../../adapters/channels/alexa/response-renderer.js';
import { renderWebhookResponse } from '../../adapters/channels/google/dialogflow-response.js';
import { renderTurn } from '../../adapters/channels/messenger/send-api-render.js';
import type { MessengerMessage } from '../../adapters/channels/messenger/send-api.js';
import type { RenderOptions } from '../render-text.js';
import type { Reply } from '../reply.js';

/** The channels `bankbot chat` can show replies as. */
export const PREVIEW_CHANNELS = ['console', 'messenger', 'alexa', 'google'] as const;
export type PreviewChannel = (typeof PREVIEW_CHANNELS)[number];

export interface PreviewOptions extends RenderOptions {
  /** Print the native JSON instead of the summary. */
  readonly raw: boolean;
  /** Messenger's account-linking page. */
  readonly linkUrl: string;
}

const ssmlText = (ssml: string): string =>
  ssml
    .replace(/<break[^>]*>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();

function messengerLines(message: MessengerMessage): string[] {
  const lines: string[] = [];
  if ('text' in message) lines.push(`💬 ${message.text}`);
  else if (message.attachment.payload.template_type === 'button') {
    const { text, buttons } = message.attachment.payload;
    const titles = buttons.map((button) => (button.type === 'postback' ? button.title : 'Log in'));
    lines.push(`💬 ${text}`, `   buttons: [${titles.join('] [')}]`);
  } else {
    for (const element of message.attachment.payload.elements) {
      lines.push(`▭ ${element.title}${element.subtitle ? ` — ${element.subtitle}` : ''}`);
    }
  }
  const quick = message.quick_replies?.map((reply) => reply.title) ?? [];
  if (quick.length > 0) lines.push(`   quick replies: (${quick.join(') (')})`);
  return lines;
}

/**
 * One turn's replies as the channel renders them, through the channel's own pure renderer:
 * Messenger's Send API bodies as bubbles, Alexa's speech, SSML and card, Google's display texts,
 * card and suggestions. Console is the plain text the console channel prints.
 */
export function previewTurn(
  channel: PreviewChannel,
  replies: readonly Reply[],
  options: PreviewOptions,
): string[] {
  switch (channel) {
    case 'messenger': {
      const bodies = renderTurn(replies, { ...options, psid: 'PSID', messagingType: 'RESPONSE' });
      if (options.raw) return bodies.map((body) => JSON.stringify(body));
      return bodies.flatMap((body) => messengerLines(body.message));
    }
    case 'alexa': {
      const envelope = renderAlexaResponse(replies, options);
      if (options.raw) return [JSON.stringify(envelope)];
      const { outputSpeech, card, reprompt, shouldEndSession } = envelope.response;
      return [
        ...(outputSpeech ? [`🔊 ${ssmlText(outputSpeech.ssml)}`, `   ssml: ${outputSpeech.ssml}`] : []),
        ...(card?.type === 'Simple'
          ? [`   card "${card.title}": ${card.content.replace(/\n+/g, ' / ')}`]
          : []),
        ...(card?.type === 'LinkAccount' ? ['   card: LinkAccount'] : []),
        ...(reprompt ? [`   reprompt: ${ssmlText(reprompt.outputSpeech.ssml)}`] : []),
        `   session: ${shouldEndSession ? 'ends' : 'stays open'}`,
      ];
    }
    case 'google': {
      const response = renderWebhookResponse(replies, options);
      if (options.raw) return [JSON.stringify(response)];
      const google = response.payload?.google;
      const lines = (google?.richResponse.items ?? []).flatMap((item) =>
        'simpleResponse' in item
          ? [`💬 ${item.simpleResponse.displayText}`]
          : [`▭ ${item.basicCard.formattedText.replace(/ {2}\n/g, ' / ')}`],
      );
      const chips = google?.richResponse.suggestions?.map((chip) => chip.title) ?? [];
      if (chips.length > 0) lines.push(`   suggestions: (${chips.join(') (')})`);
      if (google) lines.push(`   microphone: ${google.expectUserResponse ? 'open' : 'closed'}`);
      return lines;
    }
    case 'console':
      return [];
  }
}
