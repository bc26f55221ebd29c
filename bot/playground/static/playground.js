// @ts-check
/**
 * The bankbot playground page: chat as a sandbox customer on one channel view at a time. Each
 * view is its own conversation. Every bot turn comes from POST /playground/api/turn as the
 * channel's native payload plus a view drawn from it; the page only lays the view out.
 */
import { botTurn, replyText } from './channel-views.js';
import { byId, el } from './dom.js';
import { LABELS, renderDetails } from './turn-details.js';

/** @typedef {import('./turn-details.js').Channel} Channel */
/** @typedef {import('./turn-details.js').Turn} Turn */
/** @typedef {import('./turn-details.js').TurnResponse} TurnResponse */
/** @typedef {{ conversationId?: string, turns: Turn[] }} Conversation */

/** @type {readonly Channel[]} */
const CHANNELS = ['messenger', 'alexa', 'google', 'console'];
const ENDED = {
  alexa: 'Session ended. Your next message starts a new session.',
  google: 'Conversation ended (microphone closed). Your next message starts a new one.',
};

const state = {
  /** @type {Channel} */
  channel: 'messenger',
  customer: '',
  /** @type {Map<Channel, Conversation>} */
  conversations: new Map(),
  /** @type {Turn | undefined} */
  selected: undefined,
  busy: false,
};

/** @param {Channel} channel */
function conversation(channel) {
  let found = state.conversations.get(channel);
  if (!found) {
    found = { turns: [] };
    state.conversations.set(channel, found);
  }
  return found;
}

/** @param {string} text */
function setStatus(text) {
  byId('status').textContent = text;
}

/** Reads a new reply out once (the thread itself is redrawn, so it is not a live region). @param {string} text */
function announce(text) {
  byId('announcer').textContent = text;
}

/** @param {Turn} turn */
function turnInfo(turn) {
  const recognition = turn.response?.recognition;
  const button = el('button', {
    className: 'turn-info',
    attrs: { type: 'button', 'aria-pressed': String(state.selected === turn) },
  });
  button.textContent = recognition
    ? `${recognition.intent} · ${Math.round(recognition.confidence * 100)}% · ${recognition.route}`
    : turn.response || turn.error
      ? 'details'
      : 'waiting for the bot…';
  button.addEventListener('click', () => {
    state.selected = turn;
    render();
  });
  return button;
}

/** @param {Turn} turn @param {boolean} live */
function turnNodes(turn, live) {
  const channel = state.channel;
  const user =
    channel === 'console'
      ? el('pre', { className: 'console-in', text: `you › ${turn.said}` })
      : el('p', { className: 'bubble user', text: channel === 'alexa' ? `“${turn.said}”` : turn.said });
  /** @type {Node[]} */
  const nodes = [user, turnInfo(turn)];
  if (turn.error) nodes.push(el('p', { className: 'error', text: turn.error }));
  const response = turn.response;
  if (!response) return nodes;
  nodes.push(...botTurn(response.view, live, (text, shown) => void send(text, shown)));
  if (response.handoff)
    nodes.push(el('p', { className: 'divider', text: 'Handed over to a member of the team' }));
  if (response.ends && (channel === 'alexa' || channel === 'google'))
    nodes.push(el('p', { className: 'divider', text: ENDED[channel] }));
  return nodes;
}

function render() {
  const view = byId('view');
  view.dataset.channel = state.channel;
  view.setAttribute('aria-labelledby', `tab-${state.channel}`);
  byId('view-title').textContent = `${LABELS[state.channel]} conversation`;
  for (const tab of document.querySelectorAll('[role="tab"]')) {
    const selected = tab.getAttribute('data-channel') === state.channel;
    tab.setAttribute('aria-selected', String(selected));
    tab.setAttribute('tabindex', selected ? '0' : '-1');
  }
  const turns = conversation(state.channel).turns;
  const transcript = byId('transcript');
  transcript.replaceChildren(
    ...turns.map((turn, index) =>
      el(
        'div',
        { className: 'turn', attrs: { 'data-turn': String(index) } },
        turnNodes(turn, index === turns.length - 1),
      ),
    ),
  );
  transcript.scrollTop = transcript.scrollHeight;
  renderDetails(byId('details'), state.selected);
}

/**
 * Sends one message on the current view.
 * @param {string} text what the bot receives (a tapped quick reply's payload)
 * @param {string} [shown] what the thread shows (its title)
 */
async function send(text, shown = text) {
  if (state.busy || !text.trim() || !state.customer) return;
  const channel = state.channel;
  const current = conversation(channel);
  /** @type {Turn} */
  const turn = { said: shown };
  current.turns.push(turn);
  state.busy = true;
  byId('send').setAttribute('disabled', '');
  setStatus('Waiting for the bot…');
  render();
  try {
    const answer = await fetch('/playground/api/turn', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        channel,
        customer: state.customer,
        text,
        ...(current.conversationId ? { conversationId: current.conversationId } : {}),
      }),
    });
    const body = await answer.json().catch(() => ({}));
    if (answer.ok) {
      const response = /** @type {TurnResponse} */ (body);
      turn.response = response;
      current.conversationId = response.ends ? undefined : response.conversationId;
      state.selected = turn;
      setStatus('');
      announce(`${LABELS[channel]}: ${replyText(response.view)}`);
    } else {
      const error = /** @type {{ error?: { code?: string, message?: string } }} */ (body).error;
      turn.error = `${error?.message ?? 'The request failed.'} (${error?.code ?? `HTTP ${answer.status}`})`;
      setStatus(turn.error);
    }
  } catch {
    turn.error = 'The bot cannot be reached. Is it still running?';
    setStatus(turn.error);
  } finally {
    state.busy = false;
    byId('send').removeAttribute('disabled');
    render();
    if (!document.activeElement || document.activeElement === document.body) byId('message').focus();
  }
}

/** @param {Channel} channel @param {boolean} [focus] */
function selectChannel(channel, focus = false) {
  state.channel = channel;
  state.selected = conversation(channel).turns.at(-1);
  if (location.hash !== `#${channel}`) history.replaceState(null, '', `#${channel}`);
  render();
  if (focus) byId(`tab-${channel}`).focus();
}

function restart() {
  state.conversations.delete(state.channel);
  state.selected = undefined;
  render();
  setStatus(`New ${LABELS[state.channel]} conversation.`);
}

async function loadCustomers() {
  const select = /** @type {HTMLSelectElement} */ (byId('customer'));
  try {
    const answer = await fetch('/playground/api/customers');
    const body = /** @type {{ customers: { id: string, firstName?: string, locale?: string }[] }} */ (
      await answer.json()
    );
    select.replaceChildren(
      ...body.customers.map((c) =>
        el('option', {
          text: c.firstName ? `${c.firstName} (${c.id}, ${c.locale})` : c.id,
          attrs: { value: c.id },
        }),
      ),
    );
    state.customer = select.value;
    select.removeAttribute('disabled');
  } catch {
    setStatus('The sandbox customers could not be loaded. Is the bot running?');
  }
}

function wire() {
  for (const tab of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[role="tab"]'))) {
    tab.addEventListener('click', () => selectChannel(/** @type {Channel} */ (tab.dataset.channel)));
    tab.addEventListener('keydown', (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (!step) return;
      const index = CHANNELS.indexOf(state.channel);
      selectChannel(CHANNELS[(index + step + CHANNELS.length) % CHANNELS.length] ?? 'messenger', true);
    });
  }
  byId('composer').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = /** @type {HTMLInputElement} */ (byId('message'));
    const text = input.value;
    input.value = '';
    void send(text);
  });
  byId('restart').addEventListener('click', restart);
  byId('customer').addEventListener('change', (event) => {
    state.customer = /** @type {HTMLSelectElement} */ (event.target).value;
    state.conversations.clear();
    state.selected = undefined;
    render();
    setStatus(`Chatting as ${state.customer}: every channel view starts a new conversation.`);
  });
}

const initial = location.hash.slice(1);
wire();
selectChannel(CHANNELS.find((channel) => channel === initial) ?? 'messenger');
void loadCustomers().then(() => document.body.setAttribute('data-ready', 'true'));
