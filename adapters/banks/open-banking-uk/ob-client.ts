import type { z } from 'zod';
import { BankError } from '../../../bot/ports/bank.port.js';
import type { BankHttp } from '../http/bank-http.js';

/** A page of an Account and Transaction API collection. */
interface Paged {
  readonly Links?: { readonly Next?: string | undefined } | undefined;
}

/** Guards against an ASPSP whose Links.Next never ends. */
const MAX_PAGES = 500;

/**
 * GETs against the ASPSP with the PSU's bearer token, every payload checked against the adapter's
 * view of the standard, collections read to the end through `Links.Next`.
 */
export interface ObClient {
  one<P>(token: string, path: string, schema: z.ZodType<P>): Promise<P>;
  collect<P extends Paged, T>(
    token: string,
    path: string,
    query: Readonly<Record<string, string | undefined>>,
    schema: z.ZodType<P>,
    items: (page: P) => readonly T[],
  ): Promise<T[]>;
}

export function createObClient(http: BankHttp): ObClient {
  async function get<P>(token: string, url: string, schema: z.ZodType<P>, query = {}): Promise<P> {
    const response = await http.send({
      method: 'GET',
      url,
      query,
      headers: { authorization: `Bearer ${token}` },
    });
    const parsed = schema.safeParse(response.body);
    if (!parsed.success) {
      throw new BankError('BANK_ERR_UNAVAILABLE', 'open-banking-uk: payload does not match the standard');
    }
    return parsed.data;
  }

  return {
    one: (token, path, schema) => get(token, path, schema),
    async collect(token, path, query, schema, items) {
      const all = [];
      const seen = new Set<string>();
      let page = await get(token, path, schema, query);
      all.push(...items(page));
      for (let next = page.Links?.Next; next !== undefined; next = page.Links?.Next) {
        if (seen.has(next) || seen.size >= MAX_PAGES) {
          throw new BankError('BANK_ERR_UNAVAILABLE', 'open-banking-uk: paging does not end');
        }
        seen.add(next);
        // The link carries the filters already; it is followed as given (same origin only).
        page = await get(token, next, schema);
        all.push(...items(page));
      }
      return all;
    },
  };
}
