import { createCompositeBank } from '../../../adapters/banks/composite.bank.js';
import type { BankHttpOptions } from '../../../adapters/banks/http/bank-http.js';
import {
  createOpenBankingUkBank,
  type ObParty,
  type ObVersion,
} from '../../../adapters/banks/open-banking-uk.bank.js';
import { sandboxAccessToken, type SandboxBank } from '../../../adapters/banks/sandbox.bank.js';
import { createStripeIssuingBank } from '../../../adapters/banks/stripe-issuing.bank.js';
import type { BankPort } from '../../../bot/ports/bank.port.js';
import { startObAspsp, type ObAspsp } from './ob-aspsp.server.js';
import type { SpecValidator } from './spec-validator.js';
import { startStripeIssuing, STRIPE_TEST_KEY, type StripeIssuingFake } from './stripe-issuing.server.js';

/** Which adapters face the bot: UK OB (one version) plus Stripe cards, or the sandbox's accounts plus Stripe cards. */
export type BankSetup =
  { readonly accounts: 'open-banking-uk'; readonly version: ObVersion } | { readonly accounts: 'sandbox' };

export const SETUP_NAMES = {
  '3.1': 'UK Open Banking v3.1.11',
  '4.0': 'UK Open Banking v4.0',
  stripe: 'Stripe Issuing 2023-08-16',
} as const;

/**
 * Where a customer lives, from the party's address: UK OB has no locale or zone, so a bank
 * configures this (the demo customers are in New York, London and Madrid).
 */
export function demoSettings(party: ObParty): { locale: string; timeZone: string } | undefined {
  const country = party.Address?.[0]?.Country;
  const table: Record<string, { locale: string; timeZone: string }> = {
    US: { locale: 'en-US', timeZone: 'America/New_York' },
    GB: { locale: 'en-GB', timeZone: 'Europe/London' },
    ES: { locale: 'es-ES', timeZone: 'Europe/Madrid' },
  };
  return country === undefined ? undefined : table[country];
}

/** Exchanges and violations summed over many servers of one specification. */
export class SpecTally {
  private readonly totals = new Map<string, { exchanges: number; violations: string[] }>();

  add(label: string, validator: SpecValidator): void {
    const total = this.totals.get(label) ?? { exchanges: 0, violations: [] };
    total.exchanges += validator.exchanges;
    total.violations.push(...validator.violations);
    this.totals.set(label, total);
  }

  /** One line per specification: "<name>: spec violations: N over M exchanges". */
  lines(): string[] {
    return [...this.totals].map(
      ([label, { exchanges, violations }]) =>
        `${label}: spec violations: ${violations.length} over ${exchanges} exchanges`,
    );
  }

  violations(): string[] {
    return [...this.totals.values()].flatMap((total) => total.violations);
  }

  exchanges(label: string): number {
    return this.totals.get(label)?.exchanges ?? 0;
  }
}

export interface BankServers {
  /** The composite bank the bot talks to. */
  readonly bank: BankPort;
  readonly aspsp?: ObAspsp;
  readonly stripe: StripeIssuingFake;
  close(): Promise<void>;
}

export interface BankServerOptions {
  readonly tally?: SpecTally;
  /** The tally line Stripe's exchanges count under (default "Stripe Issuing 2023-08-16"). */
  readonly stripeLabel?: string;
  /** Full account numbers the fake ASPSP sends (the adapter must mask them). */
  readonly numbers?: Readonly<Record<string, string>>;
  /** Timeout, 429 and breaker policy for both adapters (each gets its own breaker). */
  readonly http?: Omit<BankHttpOptions, 'baseUrl' | 'name' | 'interactionIdHeader' | 'codeFor'>;
}

/**
 * Starts the fake bank servers over a sandbox and the adapters that talk to them. The bearer
 * token is the CustomerRef's own, or the sandbox's token for the customer: a console customer on
 * the sandbox config arrives without one, as if already linked.
 */
export async function startBankServers(
  sandbox: SandboxBank,
  setup: BankSetup,
  options: BankServerOptions = {},
): Promise<BankServers> {
  const stripe = await startStripeIssuing(sandbox);
  const aspsp =
    setup.accounts === 'open-banking-uk'
      ? await startObAspsp({
          sandbox,
          version: setup.version,
          ...(options.numbers ? { numbers: options.numbers } : {}),
        })
      : undefined;
  const cards = createStripeIssuingBank({
    apiKey: STRIPE_TEST_KEY,
    baseUrl: stripe.origin,
    ...(options.http ? { http: options.http } : {}),
  });
  const accounts = aspsp
    ? createOpenBankingUkBank({
        baseUrl: aspsp.baseUrl,
        version: setup.accounts === 'open-banking-uk' ? setup.version : '4.0',
        accessTokenOf: (customer) => customer.accessToken ?? sandboxAccessToken(customer.customerId),
        settingsOf: demoSettings,
        categoryOf: (tx) => tx.ProprietaryBankTransactionCode?.Code,
        ...(options.http ? { http: options.http } : {}),
      })
    : sandbox;
  return {
    bank: createCompositeBank({ accounts, cards }),
    ...(aspsp ? { aspsp } : {}),
    stripe,
    async close() {
      await Promise.all([stripe.close(), aspsp?.close()]);
      if (aspsp && setup.accounts === 'open-banking-uk')
        options.tally?.add(SETUP_NAMES[setup.version], aspsp.validator);
      options.tally?.add(options.stripeLabel ?? SETUP_NAMES.stripe, stripe.validator);
    },
  };
}
