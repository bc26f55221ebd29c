// @ts-check
/** The "Turn details" panel: what the NLU recognised and the native JSON the channel receives. */
import { el } from './dom.js';

/** @typedef {import('../../ports/preview.port.js').PreviewChannel} Channel */
/** @typedef {import('../turn-response.js').TurnRecognition} TurnRecognition */
/** @typedef {import('../turn-response.js').TurnResponse} TurnResponse */
/** @typedef {{ said: string, response?: TurnResponse, error?: string }} Turn */

export const LABELS = /** @type {const} */ ({
  messenger: 'Messenger',
  alexa: 'Alexa',
  google: 'Google',
  console: 'Console',
});

const NATIVE = /** @type {const} */ ({
  messenger: 'Send API request bodies',
  alexa: 'Alexa response envelope',
  google: 'Dialogflow WebhookResponse',
  console: 'lines printed',
});

const EMPTY =
  'Send a message to see what the bot recognised (intent, confidence, entities) and the exact JSON the channel receives.';

const percent = (/** @type {number} */ share) => `${(share * 100).toFixed(1)}%`;

/** @param {TurnRecognition['entities']} entities */
function entityList(entities) {
  const items = Object.entries(entities)
    .filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0))
    .map(([name, value]) =>
      el('li', {}, [el('code', { text: name }), document.createTextNode(` ${JSON.stringify(value)}`)]),
    );
  return items.length > 0 ? el('ul', { className: 'entities' }, items) : el('span', { text: 'none' });
}

/** @param {TurnRecognition | null} recognition */
function recognitionList(recognition) {
  /** @type {[string, Node][]} */
  const rows = recognition
    ? [
        ['Intent', el('code', { text: recognition.intent, attrs: { 'data-kind': 'intent' } })],
        [
          'Confidence',
          el('span', { text: percent(recognition.confidence), attrs: { 'data-kind': 'confidence' } }),
        ],
        ['Route', el('code', { text: recognition.route })],
        ['Entities', entityList(recognition.entities)],
        [
          'Next best',
          el(
            'ul',
            {},
            recognition.alternatives.map((alt) => el('li', { text: `${alt.intent} ${percent(alt.score)}` })),
          ),
        ],
      ]
    : [['Recognition', el('span', { text: 'none: the turn failed before the NLU ran' })]];
  const list = el('dl', { className: 'recognition' });
  for (const [term, value] of rows) list.append(el('dt', { text: term }), el('dd', {}, [value]));
  return list;
}

/**
 * Fills the panel for one turn (the latest, or the one picked in the thread).
 * @param {HTMLElement} target
 * @param {Turn | undefined} turn
 */
export function renderDetails(target, turn) {
  const response = turn?.response;
  if (!turn || !response) {
    target.replaceChildren(
      el('p', { className: 'empty', text: turn?.error ? `No answer: ${turn.error}` : EMPTY }),
    );
    return;
  }
  target.replaceChildren(
    el('p', { className: 'selected', text: `“${turn.said}” on ${LABELS[response.channel]}` }),
    recognitionList(response.recognition),
    el('h3', { text: `Native JSON (${NATIVE[response.channel]})` }),
    el('pre', {
      className: 'native',
      text: JSON.stringify(response.native, null, 2),
      attrs: { tabindex: '0', 'data-kind': 'native', 'aria-label': 'Native JSON' },
    }),
  );
}
