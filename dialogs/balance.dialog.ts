import type { DialogModule } from '../bot/dialog-module.js';
import { matchAccounts } from '../bot/entities/account-match.js';
import { negate } from '../bot/money.js';
import { oneStep } from '../bot/one-step-dialog.js';
import type { Account, Balance } from '../bot/ports/bank.port.js';
import { amount, reply, say, sensitive, type Phrase } from '../bot/reply.js';

const label = (account: Account): Phrase =>
  say`${account.name} (${sensitive(account.maskedNumber, 'accountNumber')})`;

/** One account in one sentence; a credit card shows what is owed and the credit still available. */
function describe(account: Account, balance: Balance): Phrase {
  if (account.kind === 'credit') {
    const limit = balance.creditLimit ? say` of your ${amount(balance.creditLimit, 'balance')} limit` : [];
    return say`On your ${label(account)} you owe ${amount(negate(balance.current), 'balance')}, and ${amount(balance.available, 'balance')}${limit} is available.`;
  }
  return say`Your ${label(account)} balance is ${amount(balance.current, 'balance')}, with ${amount(balance.available, 'balance')} available.`;
}

/** "What's my balance": one account, or all of them; available vs current. */
export const balance: DialogModule = {
  id: 'balance',
  intents: ['balance.check'],
  needs: ['balances'],
  create: ({ bank }) =>
    oneStep('balance', async ({ customer, recognition }) => {
      const accounts = await bank.listAccounts(customer);
      const wanted = matchAccounts(recognition.entities.accountKind, recognition.text, accounts);
      const balances = await bank.getBalances(
        customer,
        wanted.map((account) => account.id),
      );
      const pairs = wanted.flatMap((account) => {
        const found = balances.find((b) => b.accountId === account.id);
        return found ? [{ account, balance: found }] : [];
      });
      const [only] = pairs;
      if (pairs.length === 1 && only) return reply(describe(only.account, only.balance));
      const items = pairs.map(({ account, balance: b }) => ({
        title: say`${label(account)}: ${amount(account.kind === 'credit' ? negate(b.current) : b.current, 'balance')}${account.kind === 'credit' ? ' owed' : ''}`,
        subtitle: say`${amount(b.available, 'balance')} available`,
      }));
      const speech = pairs.flatMap(({ account, balance: b }) => [...describe(account, b), ' ']);
      return reply('Here are your balances:', { items, speech });
    }),
};
