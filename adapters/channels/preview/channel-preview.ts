import { ActivityTypes } from 'botbuilder-core';
import type { RenderOptions } from '../../../bot/render-text.js';
import type { ChannelPreview, ChannelPreviewPort } from '../../../bot/ports/preview.port.js';
import { alexaTurnResponse } from '../alexa/turn-response.js';
import { consoleLines } from '../console.channel.js';
import { renderWebhookResponse } from '../google/dialogflow-response.js';
import { turnOutputOf } from '../google/google-adapter.js';
import { renderActivity } from '../messenger/send-api-render.js';
import { alexaView, googleView, messengerView } from './turn-views.js';

export interface ChannelPreviewOptions {
  /** Locale and zone of replies that name none (DEFAULT_LOCALE, DEFAULT_TIME_ZONE). */
  readonly defaults: RenderOptions;
  /** Messenger's account-linking page (MESSENGER_LINK_URL). */
  readonly linkUrl: string;
}

/**
 * Each channel's turn rendering, taken from the adapters themselves: Messenger's per-activity Send
 * API bodies, Alexa's one response per turn, Google's Dialogflow WebhookResponse, the console's
 * printed lines. The view is drawn from that native payload, so it shows nothing the platform
 * would not get.
 */
export function createChannelPreview(options: ChannelPreviewOptions): ChannelPreviewPort {
  const { defaults, linkUrl } = options;
  return {
    render(channel, sent, { recipientId }): ChannelPreview {
      const handoff = sent.some(
        (activity) => activity.type === ActivityTypes.Event && activity.name === 'handoff.initiate',
      );
      switch (channel) {
        case 'messenger': {
          const messages = sent.filter((activity) => activity.type === ActivityTypes.Message);
          const native = messages.flatMap((activity) =>
            renderActivity(activity, { psid: recipientId, messagingType: 'RESPONSE', defaults, linkUrl }),
          );
          return { native, view: messengerView(native), handoff, ends: false };
        }
        case 'alexa': {
          const native = alexaTurnResponse(sent, defaults);
          const view = alexaView(native);
          return { native, view, handoff, ends: view.sessionEnds };
        }
        case 'google': {
          const output = turnOutputOf(sent, defaults);
          const native = renderWebhookResponse(output.replies, output.format, output.handoff);
          const view = googleView(native);
          return { native, view, handoff, ends: native.payload !== undefined && !view.microphoneOpen };
        }
        case 'console': {
          const native = sent.flatMap(consoleLines);
          return { native, view: { channel: 'console', lines: native }, handoff, ends: false };
        }
      }
    },
  };
}
