import { randomBytes } from 'node:crypto';
import type { StoreItem } from 'botbuilder-core';
import { storedJson } from '../../bot/stored-json.js';
import { withFields } from '../../bot/objects.js';

/**
 * Parses a stored item; when its text ends with its eTag, as {@link serializeItem} writes it, the
 * text of its other fields is recorded in `storedJson.read` (no second serialisation needed).
 */
export function parseItem(value: string): StoreItem {
  let item: StoreItem;
  try {
    item = JSON.parse(value);
  } catch {
    // The stored text may hold customer data, so it stays out of the message.
    throw new Error('Storage: stored item is not valid JSON.');
  }
  // serializeItem() puts the eTag last: what precedes it is the rest of the item as JSON.stringify writes it.
  if (item !== null && typeof item === 'object' && typeof item.eTag === 'string') {
    const suffix = eTagSuffix(item.eTag);
    const before = value.length - suffix.length - 1;
    if (before >= 0 && value.endsWith(suffix)) {
      if (before === 0 && value[0] === '{') storedJson.read.set(item, '{}');
      else if (before > 0 && value[before] === ',') storedJson.read.set(item, `${value.slice(0, before)}}`);
    }
  }
  return item;
}

/** How an item's JSON ends with its eTag, after the `,` (or the `{` when it is alone). */
const eTagSuffix = (eTag: string): string => `"eTag":${JSON.stringify(eTag)}}`;

/**
 * The item as stored: its fields, then its new eTag (`{ ...item, eTag }` as JSON). A writer that
 * already has the fields as JSON (see {@link storedJson}) spares the second serialisation.
 */
export function serializeItem(item: StoreItem, eTag: string): string {
  const fields = storedJson.write.get(item);
  if (fields === undefined) return JSON.stringify(withFields(item, { eTag }));
  return fields === '{}'
    ? `{"eTag":${JSON.stringify(eTag)}}`
    : `${fields.slice(0, -1)},"eTag":${JSON.stringify(eTag)}}`;
}

// eTags only have to differ from every eTag this key had before: a random prefix per process
// (128 bits, as a UUID has) and a counter do that without drawing random bytes per write.
const ETAG_PREFIX = `${randomBytes(16).toString('base64url')}.`;
let eTagCounter = 0;
export const newETag = (): string => ETAG_PREFIX + (eTagCounter++).toString(36);
