import { isRecord } from './json-guards.js';

/**
 * Models keep their weights in Float32Arrays. In the cache file each becomes { "float32": base64 }:
 * compact, and exact to reload. Use as JSON.stringify's replacer and JSON.parse's reviver.
 */
export function floatReplacer(_key: string, value: unknown): unknown {
  if (!(value instanceof Float32Array)) return value;
  return { float32: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
}

export function floatReviver(_key: string, value: unknown): unknown {
  if (!isRecord(value) || typeof value.float32 !== 'string' || Object.keys(value).length !== 1) return value;
  const bytes = Buffer.from(value.float32, 'base64');
  if (bytes.length % 4 !== 0) return value;
  // Copied into a fresh, aligned buffer: Buffer.from may hand out a slice of a shared pool.
  const floats = new Float32Array(bytes.length / 4);
  new Uint8Array(floats.buffer).set(bytes);
  return floats;
}

/** True when `value` holds exactly `length` floats. */
export function isFloats(value: unknown, length: number): value is Float32Array {
  return value instanceof Float32Array && value.length === length;
}
