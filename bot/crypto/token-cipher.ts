import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { CodedError } from '../errors.js';
import type { TokenKeyring } from './token-keys.js';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A stored token that cannot be read: malformed, under an unknown key id, or altered. */
export class TokenCipherError extends CodedError {
  constructor(reason: 'malformed' | 'unknown key id' | 'authentication failed') {
    super('TOKEN_ERR_UNREADABLE', `token cipher: ${reason}`);
    this.name = 'TokenCipherError';
  }
}

/**
 * Seals tokens that must be stored (a bank access token behind a Messenger link): AES-256-GCM,
 * a random 96-bit IV per token, `v1.<kid>.<iv>.<ciphertext>.<tag>` in base64url. `context` (the
 * record's storage key) is authenticated with it, so a sealed token copied into another record
 * does not open.
 *
 * @example
 * const sealed = cipher.seal(token, 'links/messenger/123');
 * const { plaintext, stale } = cipher.open(sealed, 'links/messenger/123'); // stale: re-seal it
 */
export interface TokenCipher {
  seal(plaintext: string, context: string): string;
  /** Throws TokenCipherError. `stale` is true when the token is under an older key than the current one. */
  open(sealed: string, context: string): { plaintext: string; stale: boolean };
}

const associated = (kid: string, context: string): Buffer => Buffer.from(`${VERSION}.${kid}\n${context}`);
const b64 = (bytes: Buffer): string => bytes.toString('base64url');
/** Strict base64url: Node's decoder skips stray characters, so the text must round-trip exactly. */
const unb64 = (text: string): Buffer | undefined => {
  const bytes = Buffer.from(text, 'base64url');
  return b64(bytes) === text ? bytes : undefined;
};

export function createTokenCipher(keyring: TokenKeyring): TokenCipher {
  return {
    seal(plaintext, context) {
      const kid = keyring.current;
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, keyring.keys.get(kid)!, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(associated(kid, context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, kid, b64(iv), b64(body), b64(cipher.getAuthTag())].join('.');
    },
    open(sealed, context) {
      const [version, kid = '', iv, body, tag, ...rest] = sealed.split('.');
      if (version !== VERSION || iv === undefined || body === undefined || tag === undefined || rest.length)
        throw new TokenCipherError('malformed');
      const key = keyring.keys.get(kid);
      if (!key) throw new TokenCipherError('unknown key id');
      const [ivBytes, bodyBytes, tagBytes] = [unb64(iv), unb64(body), unb64(tag)];
      if (ivBytes?.length !== IV_BYTES || tagBytes?.length !== TAG_BYTES || !bodyBytes)
        throw new TokenCipherError('malformed');
      try {
        const decipher = createDecipheriv(ALGORITHM, key, ivBytes, { authTagLength: TAG_BYTES });
        decipher.setAAD(associated(kid, context));
        decipher.setAuthTag(tagBytes);
        const plain = Buffer.concat([decipher.update(bodyBytes), decipher.final()]);
        return { plaintext: plain.toString('utf8'), stale: kid !== keyring.current };
      } catch {
        throw new TokenCipherError('authentication failed');
      }
    },
  };
}
