import type { ChannelPreview, TurnView } from '../ports/preview.port.js';

const chips = (label: string, titles: readonly string[], open = '(', close = ')'): string[] =>
  titles.length > 0 ? [`   ${label}: ${open}${titles.join(`${close} ${open}`)}${close}`] : [];

function summary(view: TurnView): string[] {
  switch (view.channel) {
    case 'messenger':
      return view.bubbles.flatMap((bubble) => [
        ...(bubble.kind === 'cards'
          ? bubble.cards.map((card) => `▭ ${card.title}${card.subtitle ? ` — ${card.subtitle}` : ''}`)
          : [`💬 ${bubble.text}`]),
        ...(bubble.kind === 'buttons'
          ? chips(
              'buttons',
              bubble.buttons.map((button) => button.title),
              '[',
              ']',
            )
          : []),
        ...chips(
          'quick replies',
          bubble.quickReplies.map((tap) => tap.title),
        ),
      ]);
    case 'alexa':
      return [
        ...(view.speech ? [`🔊 ${view.speech.text}`, `   ssml: ${view.speech.ssml}`] : []),
        ...(view.card?.kind === 'simple'
          ? [`   card "${view.card.title}": ${view.card.content.replace(/\n+/g, ' / ')}`]
          : []),
        ...(view.card?.kind === 'link-account' ? ['   card: LinkAccount'] : []),
        ...(view.reprompt ? [`   reprompt: ${view.reprompt.text}`] : []),
        `   session: ${view.sessionEnds ? 'ends' : 'stays open'}`,
      ];
    case 'google': {
      const lines = view.bubbles.flatMap((bubble, index) => [
        `💬 ${bubble.text}`,
        ...(view.card?.afterBubble === index ? [`▭ ${view.card.lines.join(' / ')}`] : []),
      ]);
      const answered = view.bubbles.length > 0 || view.signIn;
      return [
        ...lines,
        ...chips('suggestions', view.suggestions),
        ...(answered ? [`   microphone: ${view.microphoneOpen ? 'open' : 'closed'}`] : []),
      ];
    }
    case 'console':
      return [];
  }
}

/**
 * One turn as `bankbot chat --channel` prints it: a summary of what the channel shows (Messenger
 * bubbles, Alexa speech, SSML and card, Google display texts, card and chips), or with `raw` the
 * native JSON, one payload per line. The console channel prints its own replies: nothing here.
 */
export function previewLines(preview: ChannelPreview, raw: boolean): string[] {
  if (!raw || preview.view.channel === 'console') return summary(preview.view);
  return Array.isArray(preview.native)
    ? preview.native.map((body) => JSON.stringify(body))
    : [JSON.stringify(preview.native)];
}
