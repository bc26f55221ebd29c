import {
  BankError,
  type Account,
  type BankPort,
  type CustomerProfile,
  type CustomerRef,
  type Merchant,
  type Transaction,
  type TransactionQuery,
} from '../../bot/ports/bank.port.js';
import { createBankHttp } from './http/bank-http.js';
import { createObClient } from './open-banking-uk/ob-client.js';
import { obErrorCode } from './open-banking-uk/ob-errors.js';
import { bookingWindow } from './open-banking-uk/ob-window.js';
import { defaultCategory } from './open-banking-uk/ob-category.js';
import { obCodes } from './open-banking-uk/ob-codes.js';
import type { OpenBankingUkOptions } from './open-banking-uk/ob-options.js';
import { toAccount, toBalance, toTransaction } from './open-banking-uk/ob-mapping.js';
import { obPayloads, type ObParty, type ObTransaction } from './open-banking-uk/ob-payloads.js';
import { isDay } from './sandbox/calendar.js';
import { applyQuery } from './sandbox/query.js';
import { withFields } from '../../bot/objects.js';

export type { ObVersion } from './open-banking-uk/ob-codes.js';
export type { ObParty, ObTransaction } from './open-banking-uk/ob-payloads.js';
export type { OpenBankingUkOptions } from './open-banking-uk/ob-options.js';

const NAME = 'open-banking-uk';

const newestFirst = (a: Transaction, b: Transaction) =>
  b.date.localeCompare(a.date) || b.id.localeCompare(a.id);

/**
 * UK Open Banking Account and Transaction API (v3.1.x or v4.0) as a BankPort: accounts, balances,
 * transactions and the PSU's party. The standard has no cards, card controls or disputes, so
 * `listCards` is empty and those operations are refused; put a card issuer beside it with
 * `createCompositeBank`.
 *
 * @example
 * const bank = createOpenBankingUkBank({ baseUrl: 'https://ob.bank.example/open-banking/v4.0/aisp', version: '4.0' });
 */
export function createOpenBankingUkBank(options: OpenBankingUkOptions): BankPort {
  const codes = obCodes(options.version);
  const payloads = obPayloads(codes);
  const http = createBankHttp(
    withFields(options.http, {
      baseUrl: options.baseUrl,
      name: NAME,
      interactionIdHeader: 'x-fapi-interaction-id',
      codeFor: obErrorCode,
    }),
  );
  const client = createObClient(http);
  const { defaultLocale = 'en-GB', defaultTimeZone = 'Europe/London', defaultCurrency = 'GBP' } = options;
  const categoryOf = (tx: ObTransaction) => options.categoryOf?.(tx) ?? defaultCategory(tx);

  function tokenOf(customer: CustomerRef): string {
    const token = (options.accessTokenOf ?? ((c: CustomerRef) => c?.accessToken))(customer);
    if (!token) throw new BankError('BANK_ERR_UNAUTHORIZED', `${NAME}: no access token`);
    return token;
  }

  async function party(token: string): Promise<ObParty> {
    const page = await client.one(token, '/party', payloads.party);
    if (!page.Data.Party) throw new BankError('BANK_ERR_FORBIDDEN', `${NAME}: consent lacks the party`);
    return page.Data.Party;
  }

  async function profile(token: string): Promise<CustomerProfile> {
    const found = await party(token);
    const settings = options.settingsOf?.(found) ?? { locale: defaultLocale, timeZone: defaultTimeZone };
    const name = found.Name ?? found.FullLegalName ?? '';
    return { id: found.PartyId, firstName: name.trim().split(/\s+/)[0] ?? '', ...settings };
  }

  async function accounts(token: string): Promise<Account[]> {
    const raw = await client.collect(token, '/accounts', {}, payloads.accounts, (p) => p.Data.Account);
    return raw.flatMap((account) => toAccount(account, codes, defaultCurrency) ?? []);
  }

  function known(list: readonly Account[], id: string): Account {
    const account = list.find((a) => a.id === id);
    if (!account) throw new BankError('BANK_ERR_NOT_FOUND', `${NAME}: unknown account`);
    return account;
  }

  async function transactions(customer: CustomerRef, query: TransactionQuery = {}): Promise<Transaction[]> {
    applyQuery([], query, 'UTC'); // malformed queries fail before the bank is called
    const token = tokenOf(customer);
    const list = await accounts(token);
    const ids = query.accountId === undefined ? list.map((a) => a.id) : [known(list, query.accountId).id];
    const zoned = [query.from, query.to].some((bound) => bound !== undefined && isDay(bound));
    const timeZone = zoned ? (await profile(token)).timeZone : 'UTC';
    const window = bookingWindow(query);
    const pages = await Promise.all(
      ids.map((id) =>
        client.collect(
          token,
          `/accounts/${encodeURIComponent(id)}/transactions`,
          window,
          payloads.transactions,
          (p) => p.Data.Transaction.filter((tx) => tx.AccountId === id),
        ),
      ),
    );
    const mapped = pages.flat().flatMap((raw) => toTransaction(raw, codes, categoryOf) ?? []);
    return applyQuery(mapped.sort(newestFirst), query, timeZone);
  }

  async function transaction(customer: CustomerRef, id: string): Promise<Transaction> {
    const found = (await transactions(customer)).find((tx) => tx.id === id);
    if (!found) throw new BankError('BANK_ERR_NOT_FOUND', `${NAME}: unknown transaction`);
    return found;
  }

  const unsupported = async (customer: CustomerRef, transactionId: string): Promise<never> => {
    await transaction(customer, transactionId);
    throw new BankError('BANK_ERR_INVALID', `${NAME}: the standard has no reviews or disputes`);
  };

  return {
    async resolveCustomer(accessToken) {
      if (!accessToken) throw new BankError('BANK_ERR_UNAUTHORIZED', `${NAME}: empty token`);
      return { customerId: (await party(accessToken)).PartyId, accessToken };
    },
    getProfile: async (customer) => profile(tokenOf(customer)),
    listAccounts: async (customer) => accounts(tokenOf(customer)),
    async getBalances(customer, accountIds) {
      const token = tokenOf(customer);
      const list = await accounts(token);
      const wanted = accountIds === undefined ? list : accountIds.map((id) => known(list, id));
      const entries =
        accountIds === undefined
          ? await client.collect(token, '/balances', {}, payloads.balances, (p) => p.Data.Balance)
          : (
              await Promise.all(
                wanted.map((a) =>
                  client.collect(
                    token,
                    `/accounts/${encodeURIComponent(a.id)}/balances`,
                    {},
                    payloads.balances,
                    (p) => p.Data.Balance.filter((entry) => entry.AccountId === a.id),
                  ),
                ),
              )
            ).flat();
      return wanted.map((account) => toBalance(account, entries, codes));
    },
    listTransactions: transactions,
    getTransaction: transaction,
    async listMerchants(customer) {
      const merchants = new Map<string, Merchant>();
      for (const { merchant } of await transactions(customer)) {
        merchants.set(JSON.stringify([merchant.name, merchant.descriptor, merchant.category]), merchant);
      }
      return [...merchants.values()];
    },
    listCards: async (customer) => (await accounts(tokenOf(customer)), []),
    async setCardStatus(customer) {
      await accounts(tokenOf(customer));
      throw new BankError('BANK_ERR_NOT_FOUND', `${NAME}: cards are not part of the standard`);
    },
    confirmTransaction: unsupported,
    openDispute: unsupported,
    // The Account and Transaction API has no customer PIN, one-time code or app inbox: voice
    // channels fall back to their configured card or app delivery.
    startStepUp: async (customer) => (tokenOf(customer), { method: 'unsupported' }),
    verifyStepUp: async (customer) => (tokenOf(customer), 'unsupported'),
    sendToApp: async (customer) => (tokenOf(customer), 'unsupported'),
  };
}
