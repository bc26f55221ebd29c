import { objectMemo } from './object-memo.js';

/**
 * The JSON text of a storage item's fields (all but `eTag`, in the item's key order, exactly as
 * `JSON.stringify` writes them), when a storage or a writer already has it: a turn then
 * serialises its conversation state once instead of three times.
 *
 * @remarks
 * Two memos ({@link objectMemo}), by direction, kept on the item object (never copied along with
 * it):
 * - `read`: set by a storage on an item it returns, from the text it read. Whoever changes the
 *   item must not trust it any more; only {@link ConversationStore} uses it, for its change check.
 * - `write`: set by a writer on a fresh item it passes to `Storage.write` right away; a storage
 *   that knows it may write that text (plus the new eTag) instead of serialising the item again.
 * Storages that know neither (botbuilder's MemoryStorage) just serialise, as before.
 */
export const storedJson = {
  read: objectMemo<object, string>('bankbot.storedJson.read'),
  write: objectMemo<object, string>('bankbot.storedJson.write'),
} as const;
