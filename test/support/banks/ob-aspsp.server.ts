import { randomUUID } from 'node:crypto';
import type { ObVersion } from '../../../adapters/banks/open-banking-uk/ob-codes.js';
import type { SandboxBank } from '../../../adapters/banks/sandbox.bank.js';
import { BankError, isBankError, type CustomerRef } from '../../../bot/ports/bank.port.js';
import type { BankFault } from './bank-fault.js';
import { obDocuments, type ObErrorKind } from './ob-documents.js';
import { loadSpec } from './openapi-spec.js';
import { startSpecServer, type SpecReply, type SpecServer } from './spec-server.js';
import { SpecValidator, type SpecRequest } from './spec-validator.js';

export interface ObAspspOptions {
  readonly sandbox: SandboxBank;
  readonly version: ObVersion;
  /** Transactions per page, small so that paging through Links.Next is exercised (default 25). */
  readonly pageSize?: number;
  /** Full account numbers by account id, sent as a real ASPSP would (default: the masked ones). */
  readonly numbers?: Readonly<Record<string, string>>;
}

export interface ObAspsp extends SpecServer {
  /** The Account and Transaction API root, e.g. http://127.0.0.1:4711/open-banking/v4.0/aisp */
  readonly baseUrl: string;
  setFault(fault: BankFault): void;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * A fake ASPSP serving the sandbox bank's data as UK Open Banking v3.1.11 or v4.0, checked
 * against the official specification on every exchange. `Bearer sandbox-token-<id>` is the PSU
 * <id>; the consent covers the party, accounts, balances and transactions.
 */
export async function startObAspsp(options: ObAspspOptions): Promise<ObAspsp> {
  const { sandbox, version, pageSize = 25 } = options;
  const spec = await loadSpec(version === '4.0' ? 'ob-4.0' : 'ob-3.1');
  const documents = obDocuments(version);
  let fault: BankFault = { kind: 'none' };
  let origin = '';

  const fail = (kind: ObErrorKind, why: string) =>
    new BankError(kind === 'not-found' ? 'BANK_ERR_NOT_FOUND' : 'BANK_ERR_INVALID', why);

  function errorReply(error: unknown, headers: Record<string, string>): SpecReply {
    const code = isBankError(error) ? error.code : 'BANK_ERR_UNAVAILABLE';
    if (code === 'BANK_ERR_UNAUTHORIZED') return { status: 401, headers };
    const [status, kind]: [number, ObErrorKind] =
      code === 'BANK_ERR_FORBIDDEN'
        ? [403, 'consent']
        : code === 'BANK_ERR_NOT_FOUND'
          ? [400, 'not-found']
          : code === 'BANK_ERR_INVALID'
            ? [400, 'invalid']
            : [500, 'unexpected'];
    return { status, headers: { ...headers, 'content-type': JSON_TYPE }, body: documents.error(kind) };
  }

  async function route(
    request: SpecRequest,
    template: string,
    params: Record<string, string>,
    customer: CustomerRef,
  ) {
    const self = `${origin}${request.path}`;
    const accounts = await sandbox.listAccounts(customer);
    const account = () => {
      const found = accounts.find((a) => a.id === params.AccountId);
      if (!found) throw fail('not-found', 'unknown account');
      return found;
    };
    const at = new Date().toISOString();
    switch (template) {
      case '/party':
        return {
          Data: { Party: documents.party(await sandbox.getProfile(customer)) },
          Links: { Self: self },
        };
      case '/accounts':
        return {
          Data: { Account: accounts.map((a) => documents.account(a, options.numbers?.[a.id])) },
          Links: { Self: self },
          Meta: { TotalPages: 1 },
        };
      case '/balances':
      case '/accounts/{AccountId}/balances': {
        const ids = template === '/balances' ? undefined : [account().id];
        const balances = await sandbox.getBalances(customer, ids);
        return {
          Data: { Balance: balances.flatMap((b) => documents.balances(b, at)) },
          Links: { Self: self },
        };
      }
      case '/accounts/{AccountId}/transactions':
        return transactions(request, account().id, customer, self);
      default:
        throw new BankError('BANK_ERR_FORBIDDEN', 'outside the consent');
    }
  }

  async function transactions(request: SpecRequest, accountId: string, customer: CustomerRef, self: string) {
    // The standard has the ASPSP ignore any time zone in these filters.
    const bound = (value: string | undefined) =>
      value === undefined ? undefined : `${value.replace(/(Z|[+-]\d{2}:?\d{2})$/i, '')}Z`;
    const from = bound(request.query.fromBookingDateTime);
    const to = bound(request.query.toBookingDateTime);
    const all = await sandbox.listTransactions(customer, {
      accountId,
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    });
    const cards = await sandbox.listCards(customer);
    const pages = Math.max(1, Math.ceil(all.length / pageSize));
    const page = Number(request.query.page ?? '1');
    if (!(Number.isInteger(page) && page >= 1 && page <= pages)) throw fail('invalid', 'bad page');
    const link = (n: number) => {
      const url = new URL(self);
      for (const [key, value] of Object.entries(request.query)) url.searchParams.set(key, value);
      url.searchParams.set('page', String(n));
      return url.toString();
    };
    return {
      Data: {
        Transaction: all
          .slice((page - 1) * pageSize, page * pageSize)
          .map((tx) => documents.transaction(tx, cards)),
      },
      Links: {
        Self: link(page),
        First: link(1),
        Last: link(pages),
        ...(page < pages ? { Next: link(page + 1) } : {}),
      },
      Meta: { TotalPages: pages },
    };
  }

  const validator = new SpecValidator(spec, ['page']);
  validator.prepare([
    '/party',
    '/accounts',
    '/balances',
    '/accounts/{AccountId}/balances',
    '/accounts/{AccountId}/transactions',
  ]);
  const server = await startSpecServer(validator, async (request, operation, params) => {
    const id = request.headers['x-fapi-interaction-id'] ?? randomUUID();
    const headers = { 'x-fapi-interaction-id': fault.kind === 'wrong-interaction-id' ? randomUUID() : id };
    if (fault.kind === 'hang') return 'hang';
    if (fault.kind === 'rate-limit') {
      const { retryAfterSeconds, times } = fault;
      if (times !== undefined) fault = times > 1 ? { ...fault, times: times - 1 } : { kind: 'none' };
      return { status: 429, headers: { ...headers, 'retry-after': String(retryAfterSeconds) } };
    }
    if (fault.kind === 'status') {
      const code = {
        401: 'BANK_ERR_UNAUTHORIZED',
        403: 'BANK_ERR_FORBIDDEN',
        500: 'BANK_ERR_UNAVAILABLE',
      } as const;
      return errorReply(new BankError(code[fault.status]), headers);
    }
    try {
      const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      const customer = await sandbox.resolveCustomer(token);
      const body = await route(request, operation.template, params, customer);
      return { status: 200, headers: { ...headers, 'content-type': JSON_TYPE }, body };
    } catch (error) {
      return errorReply(error, headers);
    }
  });
  origin = server.origin;
  return { ...server, baseUrl: `${server.origin}${spec.basePath}`, setFault: (next) => (fault = next) };
}
