import type { SandboxBank } from '../../../adapters/banks/sandbox.bank.js';
import { BankError, type CustomerRef } from '../../../bot/ports/bank.port.js';

export const missing = (what: string) => new BankError('BANK_ERR_NOT_FOUND', `no such ${what}`);

async function load(sandbox: SandboxBank, customerId: string | undefined) {
  if (customerId === undefined || !sandbox.customerIds().includes(customerId)) throw missing('cardholder');
  const ref: CustomerRef = { customerId };
  const [profile, accounts, cards, transactions] = await Promise.all([
    sandbox.getProfile(ref),
    sandbox.listAccounts(ref),
    sandbox.listCards(ref),
    sandbox.listTransactions(ref),
  ]);
  const currencyOf = (accountId: string) => accounts.find((a) => a.id === accountId)?.currency ?? 'USD';
  const charges = transactions.filter((tx) => tx.cardId !== undefined);
  return { ref, profile, cards, charges, currencyOf, disputes: sandbox.disputes(customerId) };
}

/** A sandbox customer as a Stripe cardholder: cards, card payments (`charges`) and disputes, read now. */
export type Holder = Awaited<ReturnType<typeof load>>;

/** Stripe has one platform-wide namespace: objects are found by id across all sandbox customers. */
export function sandboxCardholders(sandbox: SandboxBank) {
  return {
    customer: (customerId: string | undefined) => load(sandbox, customerId),
    async owner(find: (holder: Holder) => boolean, what: string): Promise<Holder> {
      for (const id of sandbox.customerIds()) {
        const holder = await load(sandbox, id);
        if (find(holder)) return holder;
      }
      throw missing(what);
    },
  };
}
