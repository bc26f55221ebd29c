/** AES-256 keys by key id; `current` encrypts, every key decrypts. */
export interface TokenKeyring {
  readonly current: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

const KEY_BYTES = 32;
/** Key ids go into every ciphertext between dots, so they are short and dot-free. */
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]+={0,2}|[A-Za-z0-9_-]+)$/;

/**
 * Parses `TOKEN_ENCRYPTION_KEYS`: `kid:base64key[,kid:base64key...]`, the first key current. Keys
 * are 32 random bytes in base64 or base64url (`openssl rand -base64 32`). To rotate, put the new
 * key first and keep the old ones until every stored token has been read once (re-encrypted).
 * Messages name the problem, never a key.
 *
 * @example
 * parseTokenKeys('k2:Vb4...=,k1:q9Z...='); // { current: 'k2', keys: Map { k2 => ..., k1 => ... } }
 */
export function parseTokenKeys(spec: string): TokenKeyring {
  const keys = new Map<string, Buffer>();
  const entries = spec.split(',').map((entry) => entry.trim());
  entries.forEach((entry, index) => {
    const separator = entry.indexOf(':');
    const kid = separator < 0 ? '' : entry.slice(0, separator);
    const encoded = separator < 0 ? '' : entry.slice(separator + 1);
    const where = `key ${index + 1}`;
    if (!KEY_ID.test(kid))
      throw new Error(`${where}: expected "<key id>:<base64 key>" with a key id of A-Z a-z 0-9 _ -`);
    if (keys.has(kid)) throw new Error(`${where}: key id "${kid}" appears twice`);
    const key = BASE64.test(encoded) ? Buffer.from(encoded, 'base64') : Buffer.alloc(0);
    if (key.length !== KEY_BYTES) throw new Error(`key "${kid}": must be ${KEY_BYTES} bytes of base64`);
    keys.set(kid, key);
  });
  const current = [...keys.keys()][0];
  if (current === undefined) throw new Error('no key given');
  return { current, keys };
}
