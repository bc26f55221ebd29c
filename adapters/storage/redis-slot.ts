/**
 * Redis Cluster key slots (CRC16/XMODEM of the key or its hash tag, modulo 16384), and short tags
 * that name nothing but a slot: a key `{<slotTag(n)>}…` lives in slot n whatever else it says.
 */
const SLOTS = 16384;

const TABLE = (() => {
  const table = new Uint16Array(256);
  for (let i = 0; i < 256; i += 1) {
    let crc = i << 8;
    for (let bit = 0; bit < 8; bit += 1)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    table[i] = crc;
  }
  return table;
})();

function crc16(text: string): number {
  let crc = 0;
  for (const byte of Buffer.from(text, 'utf8'))
    crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ byte) & 0xff]!;
  return crc;
}

/** The slot Redis Cluster puts `key` in: only the part between the first `{` and the next `}`, when not empty. */
export function keySlot(key: string): number {
  const open = key.indexOf('{');
  if (open >= 0) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) return crc16(key.slice(open + 1, close)) % SLOTS;
  }
  return crc16(key) % SLOTS;
}

const tags = new Map<number, string>();

/** The shortest base-36 number whose slot is `slot` (found once per slot, then remembered). */
export function slotTag(slot: number): string {
  if (!Number.isInteger(slot) || slot < 0 || slot >= SLOTS) throw new RangeError('slotTag: no such slot');
  let tag = tags.get(slot);
  if (tag === undefined) {
    for (let n = 0; tag === undefined; n += 1) {
      const candidate = n.toString(36);
      if (crc16(candidate) % SLOTS === slot) tag = candidate;
    }
    tags.set(slot, tag);
  }
  return tag;
}
