import { endianness } from 'node:os';
import { isRecord } from './json-guards.js';

/**
 * Models keep their weights in Float32Arrays. A model file is a small JSON header in which each
 * array is `{ "float32": [start, length] }`, followed by every array's raw bytes: reading it parses
 * a few hundred kilobytes of JSON and copies the floats once, where the 14.6 MB all-JSON file
 * (base64 arrays through a JSON.parse reviver) took 115-167 ms of every cold start.
 *
 * Layout: MAGIC, the header's byte length (uint32 LE), the header (UTF-8 JSON), zero padding to a
 * multiple of 4, the floats. The bytes are the platform's own; the magic names the byte order, so a
 * file from a machine of the other order is just not a model file here.
 */
const MAGIC = Buffer.from(`bankbot-floats-${endianness()}\n`, 'latin1');

const align4 = (n: number): number => Math.ceil(n / 4) * 4;

/** `value` (any JSON-able tree holding Float32Arrays) as a model file. */
export function encodeFloatFile(value: unknown): Buffer {
  const arrays: Float32Array[] = [];
  let floats = 0;
  const header = Buffer.from(
    JSON.stringify(value, (_key, item: unknown) => {
      if (!(item instanceof Float32Array)) return item;
      arrays.push(item);
      floats += item.length;
      return { float32: [floats - item.length, item.length] };
    }),
    'utf8',
  );
  const start = align4(MAGIC.length + 4 + header.length);
  const file = Buffer.alloc(start + floats * 4);
  MAGIC.copy(file, 0);
  file.writeUInt32LE(header.length, MAGIC.length);
  header.copy(file, MAGIC.length + 4);
  let at = start;
  for (const array of arrays) {
    file.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at += array.byteLength;
  }
  return file;
}

/**
 * The tree encodeFloatFile wrote, its arrays views of the file's floats. Throws on
 * anything else: another format, a truncated file, a reference outside the floats.
 */
export function decodeFloatFile(file: Buffer): unknown {
  const headerStart = MAGIC.length + 4;
  if (file.length < headerStart || !file.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new Error('float file: not a model file of this platform');
  }
  const headerEnd = headerStart + file.readUInt32LE(MAGIC.length);
  const start = align4(headerEnd);
  if (start > file.length || (file.length - start) % 4 !== 0) throw new Error('float file: truncated');
  const count = (file.length - start) / 4;
  const at = file.byteOffset + start;
  // A view of the file's own bytes when they are aligned for floats (a file read whole is), else a copy.
  const floats =
    at % 4 === 0
      ? new Float32Array(file.buffer, at, count)
      : new Float32Array(file.buffer.slice(at, at + count * 4));
  return revive(JSON.parse(file.toString('utf8', headerStart, headerEnd)), floats);
}

/** The parsed header with each `{ float32: [start, length] }` replaced by its view of `floats`. */
function revive(node: unknown, floats: Float32Array): unknown {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i += 1) {
      if (typeof node[i] === 'object' && node[i] !== null) node[i] = revive(node[i], floats);
    }
    return node;
  }
  if (!isRecord(node)) return node;
  const ref = node.float32;
  if (Array.isArray(ref) && Object.keys(node).length === 1) {
    const [from, length] = ref as unknown[];
    if (
      typeof from !== 'number' ||
      typeof length !== 'number' ||
      !Number.isInteger(from) ||
      !Number.isInteger(length) ||
      from < 0 ||
      length < 0 ||
      from + length > floats.length
    ) {
      throw new Error('float file: an array outside the floats');
    }
    return floats.subarray(from, from + length);
  }
  for (const key of Object.keys(node)) {
    if (typeof node[key] === 'object' && node[key] !== null) node[key] = revive(node[key], floats);
  }
  return node;
}

/** True when `value` holds exactly `length` floats. */
export function isFloats(value: unknown, length: number): value is Float32Array {
  return value instanceof Float32Array && value.length === length;
}
