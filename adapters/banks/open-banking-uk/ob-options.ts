import type { CustomerRef } from '../../../bot/ports/bank.port.js';
import type { BankHttpOptions } from '../http/bank-http.js';
import type { ObVersion } from './ob-codes.js';
import type { ObParty, ObTransaction } from './ob-payloads.js';

/** How to reach one ASPSP's Account and Transaction API and read its customers. */
export interface OpenBankingUkOptions {
  /** The ASPSP's Account and Transaction API root, e.g. https://api.bank.example/open-banking/v4.0/aisp */
  readonly baseUrl: string;
  /** Which code lists the ASPSP speaks: v3.1.x ('InterimAvailable', 'Booked') or v4.0 ('ITAV', 'BOOK'). */
  readonly version: ObVersion;
  /** Timeout, 429 policy, circuit breaker, and `fetch` (bind it to an mTLS agent in production). */
  readonly http?: Omit<BankHttpOptions, 'baseUrl' | 'name' | 'interactionIdHeader' | 'codeFor'>;
  /** The PSU's bearer token for a customer (default: the account-linking token on the CustomerRef). */
  readonly accessTokenOf?: (customer: CustomerRef) => string | undefined;
  /** Locale and time zone of a PSU: UK OB carries neither, so derive them from the party (e.g. its address). */
  readonly settingsOf?: (party: ObParty) => { locale: string; timeZone: string } | undefined;
  readonly defaultLocale?: string;
  readonly defaultTimeZone?: string;
  /** For accounts that state no currency (the field is optional in the standard). */
  readonly defaultCurrency?: string;
  /** The bank's own categories, e.g. from its proprietary transaction codes; default: MCC / ISO codes. */
  readonly categoryOf?: (tx: ObTransaction) => string | undefined;
}
