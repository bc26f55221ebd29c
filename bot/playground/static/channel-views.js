// @ts-check
/**
 * One bot turn laid out the way its channel shows it, from the view the server drew from the
 * channel's native payload (bot/ports/preview.port.ts).
 */
import { el } from './dom.js';

/** @typedef {import('../../ports/preview.port.js').TurnView} TurnView */
/** @typedef {import('../../ports/preview.port.js').MessengerTurnView} MessengerTurnView */
/** @typedef {import('../../ports/preview.port.js').AlexaTurnView} AlexaTurnView */
/** @typedef {import('../../ports/preview.port.js').GoogleTurnView} GoogleTurnView */
/** @typedef {import('../../ports/preview.port.js').Spoken} Spoken */
/** @typedef {{ readonly title: string, readonly payload?: string, readonly logIn?: true }} Tap */
/** @typedef {(text: string, shown: string) => void} OnTap */

/**
 * Buttons the customer can tap: the text sent back is the payload, the thread shows the title.
 * Quick replies and suggestion chips go once answered, as on the platforms (`live` false).
 * @param {readonly Tap[]} taps
 * @param {boolean} live
 * @param {string} label
 * @param {OnTap} onTap
 */
function chips(taps, live, label, onTap) {
  if (taps.length === 0 || !live) return undefined;
  const group = el('div', { className: 'chips', attrs: { role: 'group', 'aria-label': label } });
  for (const tap of taps) {
    const button = el('button', { className: 'chip', text: tap.title, attrs: { type: 'button' } });
    if (tap.logIn) {
      button.setAttribute('disabled', '');
      button.title = "Opens the bank's account-linking page on Messenger";
    }
    button.addEventListener('click', () => onTap(tap.payload ?? tap.title, tap.title));
    group.append(button);
  }
  return group;
}

/** @param {MessengerTurnView} view @param {boolean} live @param {OnTap} onTap */
function messengerTurn(view, live, onTap) {
  return view.bubbles.map((bubble) => {
    const quick = chips(bubble.quickReplies, live, 'Quick replies', onTap);
    let shown;
    if (bubble.kind === 'text')
      shown = el('p', { className: 'bubble bot', text: bubble.text, attrs: { 'data-kind': 'text' } });
    else if (bubble.kind === 'buttons')
      shown = el('div', { className: 'template buttons', attrs: { 'data-kind': 'button-template' } }, [
        el('p', { text: bubble.text }),
        chips(bubble.buttons, true, 'Buttons', onTap),
      ]);
    else
      shown = el(
        'div',
        { className: 'carousel', attrs: { role: 'list', 'data-kind': 'generic-template' } },
        bubble.cards.map((card) =>
          el('div', { className: 'card', attrs: { role: 'listitem' } }, [
            el('p', { className: 'card-title', text: card.title }),
            card.subtitle ? el('p', { className: 'card-subtitle', text: card.subtitle }) : undefined,
          ]),
        ),
      );
    return el('div', { className: 'bot-group' }, [shown, quick]);
  });
}

/** @param {string} label @param {Spoken} spoken @param {string} kind */
function speech(label, spoken, kind) {
  return el('div', { className: `speech ${kind}` }, [
    el('p', { className: 'said', attrs: { 'data-kind': kind } }, [
      el('span', { className: 'speaker', text: label }),
      document.createTextNode(spoken.text),
    ]),
    el('details', { className: 'ssml', attrs: { open: '' } }, [
      el('summary', { text: 'SSML' }),
      el('pre', { text: spoken.ssml, attrs: { 'data-kind': `${kind}-ssml` } }),
    ]),
  ]);
}

/** @param {AlexaTurnView} view */
function alexaTurn(view) {
  const card =
    view.card &&
    el('div', { className: 'alexa-card', attrs: { 'data-kind': 'card' } }, [
      el('p', { className: 'card-label', text: 'Card in the Alexa app' }),
      el('p', {
        className: 'card-title',
        text: view.card.kind === 'simple' ? view.card.title : 'Link your account',
      }),
      view.card.kind === 'simple'
        ? el('p', { className: 'card-content', text: view.card.content })
        : undefined,
    ]);
  const session = view.sessionEnds ? 'Session ends' : 'Session stays open: the microphone listens';
  return [
    el('div', { className: 'echo' }, [
      view.speech && speech('Alexa says', view.speech, 'speech'),
      view.reprompt && speech('If you stay silent', view.reprompt, 'reprompt'),
      card,
      el('p', { className: 'badge', text: session }),
    ]),
  ];
}

/** @param {GoogleTurnView} view @param {boolean} live @param {OnTap} onTap */
function googleTurn(view, live, onTap) {
  const parts = view.bubbles.flatMap((bubble, index) => [
    el('p', { className: 'bubble bot', text: bubble.text, attrs: { 'data-kind': 'simple-response' } }),
    view.card && view.card.afterBubble === index
      ? el(
          'ul',
          { className: 'basic-card', attrs: { 'data-kind': 'basic-card' } },
          view.card.lines.map((line) => el('li', { text: line })),
        )
      : undefined,
  ]);
  const signIn = view.signIn
    ? el('p', { className: 'badge', text: 'Google asks the customer to sign in (account linking)' })
    : undefined;
  const suggestions = view.suggestions.map((title) => ({ title }));
  return [
    el('div', { className: 'bot-group' }, [...parts, signIn, chips(suggestions, live, 'Suggestions', onTap)]),
  ];
}

/**
 * The bot's side of one turn on its channel.
 * @param {TurnView} view
 * @param {boolean} live the latest turn: its quick replies and chips can still be tapped
 * @param {OnTap} onTap
 * @returns {Node[]}
 */
export function botTurn(view, live, onTap) {
  switch (view.channel) {
    case 'messenger':
      return messengerTurn(view, live, onTap);
    case 'alexa':
      return alexaTurn(view);
    case 'google':
      return googleTurn(view, live, onTap);
    case 'console':
      return [
        el('pre', {
          className: 'console-out',
          text: view.lines.join('\n'),
          attrs: { 'data-kind': 'printed' },
        }),
      ];
  }
}

/**
 * The reply as one plain sentence for screen readers: what the customer reads, or hears on Alexa.
 * @param {TurnView} view
 */
export function replyText(view) {
  switch (view.channel) {
    case 'messenger':
      return view.bubbles
        .map((bubble) =>
          bubble.kind === 'cards' ? bubble.cards.map((card) => card.title).join('; ') : bubble.text,
        )
        .join(' ');
    case 'alexa':
      return view.speech?.text ?? '';
    case 'google':
      return [...view.bubbles.map((bubble) => bubble.text), ...(view.card?.lines ?? [])].join(' ');
    case 'console':
      return view.lines.join(' ');
  }
}
