import type { StatePropertyAccessor, Storage, StoreItem, StoreItems, TurnContext } from 'botbuilder-core';
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
    const stored = (await this.read(context, key)) as StoreItem | undefined;
    const { eTag, ...state } = stored ?? {};
    const loaded: Loaded = {
      key,
      state,
      eTag: typeof eTag === 'string' ? eTag : FIRST_WRITE,
      // The storage's own text of the fields, when it has it, is what JSON.stringify would give.
      hash: (stored && storedJson.read.get(stored)) ?? JSON.stringify(state),
    };
    context.turnState.set(this.cacheKey, loaded);
  }

  /**
   * Writes the state if the turn changed it (once per turn); rejects with the storage's conflict
   * error if another turn wrote first.
   */
  async save(context: TurnContext): Promise<void> {
    const loaded = this.loaded(context);
    const hash = JSON.stringify(loaded.state);
    if (hash === loaded.hash || loaded.discarded) return;
    const item = withFields(loaded.state, { eTag: loaded.eTag });
    // The change check's text is the write's payload, unless a state field named eTag moved it.
    if (!('eTag' in loaded.state)) storedJson.write.set(item, hash);
    await this.storage.write({ [loaded.key]: item });
    // The new eTag is not known without another round trip: a later save in this turn must load again.
    context.turnState.delete(this.cacheKey);
  }

  /**
   * The stored state; on a turn that carries a REQUEST_CLAIM and a storage that can claim (Redis),
   * the request id is claimed in the same round trip, once per turn: another instance that already
   * ran this request makes it a ReplayedRequestError.
   */
  private async read(context: TurnContext, key: string): Promise<unknown> {
    const claim = context.turnState.get(REQUEST_CLAIM) as RequestClaim | undefined;
    if (!claim || !canClaim(this.storage)) return (await this.storage.read([key]))[key];
    context.turnState.delete(REQUEST_CLAIM);
    const { items, claimed } = await this.storage.readClaiming([key], {
      id: `${context.activity.channelId}:${claim.id}`,
      ttlMs: Math.max(1, Math.ceil(claim.ttlMs)),
    });
    if (!claimed) throw new ReplayedRequestError();
    return items[key];
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
  discarded?: boolean;
}

/**
 * A storage that claims an id in the same round trip as a read: taken only if no one holds it,
 * for `ttlMs`. The claim is kept where the read keys are (one Redis Cluster slot) and names
 * nothing but the id's hash.
 */
export interface ClaimingStorage extends Storage {
  readClaiming(
    keys: string[],
    claim: { readonly id: string; readonly ttlMs: number },
  ): Promise<{ readonly items: StoreItems; readonly claimed: boolean }>;
}

const canClaim = (storage: Storage): storage is ClaimingStorage =>
  typeof (storage as Partial<ClaimingStorage>).readClaiming === 'function';

/** Sent with the first write of a conversation: creates the key, conflicts if another turn created it first. */
const FIRST_WRITE = 'bankbot:new';
