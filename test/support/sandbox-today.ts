import { createSandboxBank } from '../../adapters/banks/sandbox.bank.js';
import { shortDayFormat } from '../../bot/intl-cache.js';
import { money } from '../../bot/money.js';

/**
 * What the sandbox bank holds today for its customer alex, read from an in-process sandbox: the
 * demo history is generated up to the day before now, so tests that drive a separate bankbot
 * process (real clock) compare with today's figures instead of one day's hard-coded ones.
 */
const alex = { customerId: 'alex' };

/** The Everyday Checking balance as Alexa says it: "6,967 dollars and 37 cents". */
export async function alexCheckingSpoken(): Promise<string> {
  const bank = createSandboxBank();
  const checking = (await bank.listAccounts(alex)).find((account) => account.name === 'Everyday Checking');
  if (!checking) throw new Error('sandbox: alex has no Everyday Checking');
  const [balance] = await bank.getBalances(alex, [checking.id]);
  const minor = balance!.current.minor;
  const dollars = Math.trunc(minor / 100).toLocaleString('en-US');
  return `${dollars} dollars and ${Math.abs(minor % 100)} cents`;
}

/** The day of alex's $42.10 charge at Joe's Pizza as the bot writes it ("Nov 18"), in alex's zone. */
export async function alexJoesPizzaDay(): Promise<string> {
  const bank = createSandboxBank();
  const [charge] = (await bank.listTransactions(alex, { amount: money(4210, 'USD') })).filter(
    (tx) => tx.merchant.name === "Joe's Pizza",
  );
  if (!charge) throw new Error("sandbox: no $42.10 at Joe's Pizza for alex");
  const profile = await bank.getProfile(alex);
  return shortDayFormat('en-US', profile.timeZone).format(new Date(charge.date));
}
