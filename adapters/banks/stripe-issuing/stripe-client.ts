import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { BankError, isBankError } from '../../../bot/ports/bank.port.js';
import type { BankHttp } from '../http/bank-http.js';
import { toForm, type FormValue } from './stripe-form.js';
import { stripeList } from './stripe-payloads.js';
import { withFields } from '../../../bot/objects.js';

type Query = Readonly<Record<string, string | undefined>>;

/** Stripe guarantees at most 100 objects per list page. */
const PAGE_SIZE = '100';
const MAX_PAGES = 200;

/** Calls to the Stripe API with the platform key, the pinned API version and checked payloads. */
export interface StripeClient {
  get<T>(path: string, schema: z.ZodType<T>, query?: Query): Promise<T>;
  /** The object, or undefined when Stripe answers 404. */
  find<T>(path: string, schema: z.ZodType<T>): Promise<T | undefined>;
  /** Every object of a list endpoint, page by page (`starting_after`). */
  list<T extends { id: string }>(path: string, item: z.ZodType<T>, query: Query): Promise<T[]>;
  post<T>(
    path: string,
    schema: z.ZodType<T>,
    fields: { readonly [key: string]: FormValue | undefined },
  ): Promise<T>;
}

export function createStripeClient(http: BankHttp, apiKey: string, apiVersion: string): StripeClient {
  const headers = { authorization: `Bearer ${apiKey}`, 'stripe-version': apiVersion };
  const parse = <T>(schema: z.ZodType<T>, body: unknown): T => {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new BankError('BANK_ERR_UNAVAILABLE', 'stripe-issuing: payload does not match the API');
    }
    return parsed.data;
  };
  const get = async <T>(path: string, schema: z.ZodType<T>, query: Query = {}): Promise<T> =>
    parse(schema, (await http.send({ method: 'GET', url: path, query, headers })).body);

  return {
    get,
    async find(path, schema) {
      try {
        return await get(path, schema);
      } catch (error) {
        if (isBankError(error) && error.code === 'BANK_ERR_NOT_FOUND') return undefined;
        throw error;
      }
    },
    async list(path, item, query) {
      const all = [];
      const page = stripeList(item);
      let after: string | undefined;
      for (let count = 0; count < MAX_PAGES; count++) {
        const { data, has_more } = await get(
          path,
          page,
          withFields(query, { limit: PAGE_SIZE, starting_after: after }),
        );
        all.push(...data);
        after = data.at(-1)?.id;
        if (!has_more || after === undefined) return all;
      }
      throw new BankError('BANK_ERR_UNAVAILABLE', 'stripe-issuing: paging does not end');
    },
    async post(path, schema, fields) {
      // One key per logical call: a 429 retry of the same POST cannot apply it twice.
      const response = await http.send({
        method: 'POST',
        url: path,
        headers: withFields(headers, {
          'content-type': 'application/x-www-form-urlencoded',
          'idempotency-key': randomUUID(),
        }),
        body: toForm(fields),
      });
      return parse(schema, response.body);
    },
  };
}
