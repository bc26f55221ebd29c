import { toObAmount } from '../../../adapters/banks/open-banking-uk/ob-money.js';
import type { ObVersion } from '../../../adapters/banks/open-banking-uk/ob-codes.js';
import type {
  Account,
  AccountKind,
  Balance,
  Card,
  CustomerProfile,
  Transaction,
} from '../../../bot/ports/bank.port.js';

/** Merchant category codes the fake ASPSP puts on card payments of each sandbox category. */
const MCC: Readonly<Record<string, string>> = {
  groceries: '5411',
  coffee: '5814',
  restaurants: '5812',
  fuel: '5541',
  transport: '4121',
  shopping: '5311',
  health: '5912',
  electronics: '5732',
  subscriptions: '4899',
};

const CODES = {
  '3.1': {
    kind: { checking: 'CurrentAccount', savings: 'Savings', credit: 'CreditCard' },
    categoryField: 'AccountType',
    typeField: 'AccountSubType',
    booked: 'InterimBooked',
    available: 'InterimAvailable',
    status: { booked: 'Booked', pending: 'Pending' },
    home: 'Residential',
  },
  '4.0': {
    kind: { checking: 'CACC', savings: 'SVGS', credit: 'CARD' },
    categoryField: 'AccountCategory',
    typeField: 'AccountTypeCode',
    booked: 'ITBD',
    available: 'ITAV',
    status: { booked: 'BOOK', pending: 'PDNG' },
    home: 'HOME',
  },
} as const satisfies Record<ObVersion, unknown>;

export type ObErrorKind = 'not-found' | 'invalid' | 'consent' | 'unexpected';

/**
 * The sandbox's data as an ASPSP implementing Account and Transaction API v3.1.11 or v4.0 writes
 * it: decimal strings with a Credit/Debit indicator, the version's code lists, account numbers as
 * the bank holds them (full when the test knows them, else the sandbox's masked form).
 */
export function obDocuments(version: ObVersion) {
  const codes = CODES[version];
  return {
    party: (profile: CustomerProfile) => ({
      PartyId: profile.id,
      PartyType: 'Sole',
      Name: profile.firstName,
      Address: [{ AddressType: codes.home, Country: profile.locale.slice(-2).toUpperCase() }],
    }),

    account: (account: Account, number?: string) => ({
      AccountId: account.id,
      Status: 'Enabled',
      Currency: account.currency,
      [codes.categoryField]: 'Personal',
      [codes.typeField]: codes.kind[account.kind satisfies AccountKind],
      Nickname: account.name,
      Account: [
        {
          SchemeName: account.kind === 'credit' ? 'UK.OBIE.PAN' : 'UK.OBIE.SortCodeAccountNumber',
          Identification: number ?? account.maskedNumber,
        },
      ],
    }),

    balances(balance: Balance, at: string) {
      const entry = (value: Balance['current'], type: string, included: boolean) => {
        const { Amount, CreditDebitIndicator } = toObAmount(value);
        const limit = balance.creditLimit && toObAmount(balance.creditLimit).Amount;
        return {
          AccountId: balance.accountId,
          CreditDebitIndicator,
          Type: type,
          DateTime: at,
          Amount,
          ...(limit ? { CreditLine: [{ Included: included, Type: 'Credit', Amount: limit }] } : {}),
        };
      };
      return [entry(balance.current, codes.booked, false), entry(balance.available, codes.available, true)];
    },

    transaction(tx: Transaction, cards: readonly Card[]) {
      const { Amount, CreditDebitIndicator } = toObAmount(tx.amount);
      const card = cards.find((c) => c.id === tx.cardId);
      const mcc = MCC[tx.merchant.category];
      const party = { Name: tx.merchant.name };
      return {
        AccountId: tx.accountId,
        TransactionId: tx.id,
        CreditDebitIndicator,
        Status: codes.status[tx.status],
        TransactionMutability: tx.status === 'pending' ? 'Mutable' : 'Immutable',
        BookingDateTime: tx.date,
        TransactionInformation: tx.merchant.descriptor,
        Amount,
        ProprietaryBankTransactionCode: { Code: tx.merchant.category, Issuer: 'Sandbox' },
        ...(card
          ? {
              MerchantDetails: {
                MerchantName: tx.merchant.name,
                ...(mcc ? { MerchantCategoryCode: mcc } : {}),
              },
              CardInstrument: {
                CardSchemeName: 'VISA',
                AuthorisationType: 'ConsumerDevice',
                Identification: card.maskedNumber,
              },
            }
          : CreditDebitIndicator === 'Debit'
            ? { CreditorAccount: party }
            : { DebtorAccount: party }),
      };
    },

    error(kind: ObErrorKind) {
      const v3 = {
        'not-found': 'UK.OBIE.Resource.NotFound',
        invalid: 'UK.OBIE.Field.Invalid',
        consent: 'UK.OBIE.Resource.InvalidConsentStatus',
        unexpected: 'UK.OBIE.UnexpectedError',
      }[kind];
      const message = `Sandbox ASPSP: ${kind}`;
      // v4 takes a four-character code from the OB internal code set; v3.1 its namespaced enumeration.
      return version === '4.0'
        ? { Errors: [{ ErrorCode: 'U000', Message: message }] }
        : { Code: kind, Message: message, Errors: [{ ErrorCode: v3, Message: message }] };
    },
  };
}
