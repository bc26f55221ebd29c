import { createHmac } from 'node:crypto';
import { memoizeString } from '../string-memo.js';

/**
 * A keyed hash (HMAC-SHA-256, hex) that stands for a customer where their id must not be kept: the
 * forget-me tombstone and the owner mark in conversation state. Without the key it cannot be turned
 * back into an id, even for short customer numbers; with it the bank can still answer "was this
 * customer erased?". Changing the key makes earlier tombstones unrecognisable. Remembered for the
 * customers seen lately: every turn asks for its customer's (the owner mark).
 */
export function createPseudonym(key: string): (customerId: string) => string {
  return memoizeString((customerId) => createHmac('sha256', key).update(customerId, 'utf8').digest('hex'));
}
