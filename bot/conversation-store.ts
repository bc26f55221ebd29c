import { createHash } from 'node:crypto';
import type { StatePropertyAccessor, Storage, TurnContext } from 'botbuilder-core';
import { ReplayedRequestError } from './errors.js';
import { REQUEST_CLAIM, type RequestClaim } from './ports/channel.port.js';
import { storedJson } from './stored-json.js';
import { withFields } from './objects.js';

/**
 * Conversation state on any botbuilder `Storage`, saved with compare-and-set.
 *
 * botbuilder's own `BotState.saveChanges` always writes with eTag '*' (last write wins), so two
 * turns of one conversation racing on two instances silently lose an update. This store writes
 * with the eTag it read (a sentinel for a conversation never saved), so the slower turn fails with
 * the storage's eTag-conflict error and the bot replays it on fresh state. It also skips the write
 * when the turn changed nothing.
 */
export class ConversationStore {
  private readonly cacheKey = Symbol('bankbot.conversationState');

  constructor(private readonly storage: Storage) {}

  /** The storage key: botbuilder's ConversationState layout, so storages can hash-tag it. */
  static keyOf(context: TurnContext): string {
    const { channelId, conversation } = context.activity;
    if (!channelId || !conversation?.id)
      throw new Error('bankbot: activity has no channelId or conversation.id');
    return `${channelId}/conversations/${conversation.id}/`;
  }

  /** Reads the conversation's state into the turn (again, when `force` is set). */
  async load(context: TurnContext, force = false): Promise<void> {
    if (!force && context.turnState.has(this.cacheKey)) return;
    const key = ConversationStore.keyOf(context);
    const stored = (await this.storage.read([key]))[key];
    const { eTag, ...state } = stored ?? {};
    const loaded: Loaded = {
      key,
      state,
      eTag: typeof eTag === 'string' ? eTag : FIRST_WRITE,
      // The storage's own text of the fields, when it has it, is what JSON.stringify would give.
      hash: (stored && storedJson.read.get(stored)) ?? JSON.stringify(state),
    };
    // A turn that changes nothing else does not write just for its mark: a copy of such a turn
    // (a read, or an action already done) runs again only on an instance that has not seen it.
    if (claimRequest(context, state)) loaded.markedHash = JSON.stringify(state);
    context.turnState.set(this.cacheKey, loaded);
  }

  /**
   * Writes the state if the turn changed it (once per turn); rejects with the storage's conflict
   * error if another turn wrote first.
   */
  async save(context: TurnContext): Promise<void> {
    const loaded = this.loaded(context);
    const hash = JSON.stringify(loaded.state);
    if (hash !== loaded.hash && hash !== loaded.markedHash && !loaded.discarded) {
      const item = withFields(loaded.state, { eTag: loaded.eTag });
      // The change check's text is the write's payload, unless a state field named eTag moved it.
      if (!('eTag' in loaded.state)) storedJson.write.set(item, hash);
      await this.storage.write({ [loaded.key]: item });
      // The new eTag is not known without another round trip: a later save in this turn must load again.
      context.turnState.delete(this.cacheKey);
    }
    // The request is this turn's now (a load after this save must not take it for a replay); a save
    // that lost the race threw above and keeps it, so the turn's replay checks it on fresh state.
    context.turnState.delete(REQUEST_CLAIM);
  }

  /** Drops this turn's changes and writes nothing at the end of it (the conversation was erased). */
  discard(context: TurnContext): void {
    this.loaded(context).discarded = true;
  }

  /** A named property of the conversation state, in the shape botbuilder dialogs expect. */
  property<T>(name: string): StatePropertyAccessor<T> {
    return {
      get: async (context: TurnContext, defaultValue?: T): Promise<T> => {
        const state = this.loaded(context).state;
        if (!(name in state) && defaultValue !== undefined) state[name] = structuredClone(defaultValue);
        return state[name] as T;
      },
      set: async (context: TurnContext, value: T): Promise<void> => {
        this.loaded(context).state[name] = value;
      },
      delete: async (context: TurnContext): Promise<void> => {
        delete this.loaded(context).state[name];
      },
    };
  }

  private loaded(context: TurnContext): Loaded {
    const loaded = context.turnState.get(this.cacheKey) as Loaded | undefined;
    if (!loaded) throw new Error('bankbot: conversation state used before load()');
    return loaded;
  }
}

interface Loaded {
  readonly key: string;
  readonly state: Record<string, unknown>;
  readonly eTag: string;
  readonly hash: string;
  /** The state's text with only this turn's request mark added (claimRequest). */
  markedHash?: string;
  discarded?: boolean;
}

/** The conversation-state property holding the requests it answered (see claimRequest). */
export const REQUESTS_PROPERTY = 'requests';
/** Requests kept per conversation: a person does not say more within a platform's replay window. */
const RECENT_REQUESTS = 8;
const MARK_CHARS = 12;

/**
 * A request a channel marked (REQUEST_CLAIM) is claimed in the conversation's own state: a copy
 * whose mark is there, unexpired, is a ReplayedRequestError before anything runs; otherwise the
 * mark joins the state and is written with the turn's compare-and-set. Two copies racing on two
 * instances cannot both win that write: the loser is replayed on fresh state, finds the mark and
 * is refused (its bank calls, like any replayed turn's, were idempotent; its replies never left).
 * The mark rides on the turn's own write: a turn that changes nothing else writes nothing.
 * A mark is 12 characters of SHA-256 of channel and request id plus its expiry (seconds, base 36):
 * no extra Redis command, no readable id, gone with the conversation (forget-me included).
 */
function claimRequest(context: TurnContext, state: Record<string, unknown>): boolean {
  const claim = context.turnState.get(REQUEST_CLAIM) as RequestClaim | undefined;
  if (!claim) return false;
  const nowSeconds = Date.now() / 1000;
  const mark = createHash('sha256')
    .update(`${context.activity.channelId ?? ''}:${claim.id}`)
    .digest('base64url')
    .slice(0, MARK_CHARS);
  const stored = state[REQUESTS_PROPERTY];
  const live = (Array.isArray(stored) ? stored : []).filter(
    (entry): entry is string =>
      typeof entry === 'string' && parseInt(entry.slice(MARK_CHARS), 36) > nowSeconds,
  );
  if (live.some((entry) => entry.startsWith(mark))) throw new ReplayedRequestError();
  const expiry = Math.ceil(nowSeconds + Math.max(1, claim.ttlMs) / 1000).toString(36);
  state[REQUESTS_PROPERTY] = [...live, `${mark}${expiry}`].slice(-RECENT_REQUESTS);
  return true;
}

/** Sent with the first write of a conversation: creates the key, conflicts if another turn created it first. */
const FIRST_WRITE = 'bankbot:new';
