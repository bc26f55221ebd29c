import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CLASSIFIER_VERSION } from './corpus.js';
import { decodeFloatFile, encodeFloatFile } from './float-codec.js';
import { isRecord } from './json-guards.js';
import { parseLanguageModelJson } from './language-model.js';
import type { LanguageModelJson } from './language-model.js';

/**
 * `<cacheDir>/<hash>.model`: the hash of the corpora names the model trained from them; the file is
 * a JSON header and the weights' raw floats (see float-codec.ts).
 */
export function cachedModelPath(cacheDir: string, hash: string): string {
  return join(cacheDir, `${hash}.model`);
}

/**
 * The models cached for these corpora, or undefined when there is no usable file: a missing,
 * truncated or foreign file only means training again.
 */
export async function readCachedModels(
  cacheDir: string,
  hash: string,
): Promise<LanguageModelJson[] | undefined> {
  let raw: unknown;
  try {
    raw = decodeFloatFile(await readFile(cachedModelPath(cacheDir, hash)));
  } catch {
    return undefined;
  }
  if (
    !isRecord(raw) ||
    raw.version !== CLASSIFIER_VERSION ||
    raw.hash !== hash ||
    !Array.isArray(raw.models)
  ) {
    return undefined;
  }
  try {
    return raw.models.map((model: unknown) => parseLanguageModelJson(model));
  } catch {
    return undefined;
  }
}

/** Writes through a temporary file and a rename, so a reader never sees half a model. */
export async function writeCachedModels(
  cacheDir: string,
  hash: string,
  models: readonly LanguageModelJson[],
): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  const target = cachedModelPath(cacheDir, hash);
  const temporary = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, encodeFloatFile({ version: CLASSIFIER_VERSION, hash, models }));
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
