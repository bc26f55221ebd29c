import type { GraphClient } from './graph-client.js';

/** Messenger's user profile gives `locale` as `es_ES`; BCP 47 wants `es-ES`. */
export function toBcp47(locale: unknown): string | undefined {
  if (typeof locale !== 'string') return undefined;
  const match = /^([a-z]{2,3})(?:[_-]([A-Z]{2}|\d{3}))?$/.exec(locale.trim());
  if (!match) return undefined;
  return match[2] ? `${match[1]}-${match[2]}` : match[1];
}

export interface UserLocaleOptions {
  /** How long an answer (or its absence) is kept before Graph is asked again. */
  readonly ttlMs: number;
  /** At most this many PSIDs are remembered; the oldest goes first. */
  readonly maxEntries: number;
  readonly now?: () => number;
}

/**
 * The customer's Messenger locale (User Profile API, field `locale`), asked once per PSID and kept
 * in memory for a while. Messenger's webhook carries no locale; without the profile permission the
 * lookup fails and the bank profile's locale is used instead, as before. The locale is not
 * financial data and never leaves this process.
 */
export class UserLocales {
  readonly #entries = new Map<string, { locale: string | undefined; expiresAt: number }>();
  readonly #now: () => number;

  constructor(
    private readonly graph: Pick<GraphClient, 'lookup'>,
    private readonly options: UserLocaleOptions,
  ) {
    this.#now = options.now ?? Date.now;
  }

  async of(psid: string): Promise<string | undefined> {
    const now = this.#now();
    const known = this.#entries.get(psid);
    if (known && known.expiresAt > now) return known.locale;
    const profile = await this.graph.lookup(`/${encodeURIComponent(psid)}`, { fields: 'locale' });
    const locale = toBcp47(profile?.locale);
    this.#entries.delete(psid);
    this.#entries.set(psid, { locale, expiresAt: now + this.options.ttlMs });
    while (this.#entries.size > this.options.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return locale;
  }
}
