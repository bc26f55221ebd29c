import { z } from 'zod';
import type { ObCodes } from './ob-codes.js';

// The parts of the Account and Transaction API payloads the adapter reads, checked before use.
// Unknown fields are dropped; codes must belong to the configured version's code lists.

const AMOUNT = /^\d{1,13}$|^\d{1,13}\.\d{1,5}$/;
const CURRENCY = /^[A-Z]{3}$/;

const amount = z.object({ Amount: z.string().regex(AMOUNT), Currency: z.string().regex(CURRENCY) });
const instant = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date-time');
const indicator = z.enum(['Credit', 'Debit']);
const named = z.object({ Name: z.string().optional() }).optional();
const links = z.object({ Next: z.string().optional() }).optional();

const code = (list: readonly string[]) => z.string().refine((value) => list.includes(value), 'unknown code');

export function obPayloads(codes: ObCodes) {
  const account = z
    .object({
      AccountId: z.string().min(1),
      Currency: z.string().regex(CURRENCY).optional(),
      AccountSubType: z.string().optional(),
      AccountTypeCode: z.string().optional(),
      Nickname: z.string().optional(),
      Description: z.string().optional(),
      Account: z.array(z.object({ SchemeName: z.string(), Identification: z.string() })).optional(),
    })
    .refine((value) => {
      const type = value[codes.accountTypeField];
      return type === undefined || codes.accountTypes.includes(type);
    }, 'unknown account type');
  const balance = z.object({
    AccountId: z.string().min(1),
    CreditDebitIndicator: indicator,
    Type: code(codes.balanceTypes),
    Amount: amount,
    CreditLine: z
      .array(z.object({ Included: z.boolean(), Type: z.string().optional(), Amount: amount.optional() }))
      .optional(),
  });
  const transaction = z.object({
    AccountId: z.string().min(1),
    TransactionId: z.string().min(1).optional(),
    TransactionReference: z.string().optional(),
    CreditDebitIndicator: indicator,
    Status: code(codes.transactionStatuses),
    BookingDateTime: instant,
    TransactionInformation: z.string().optional(),
    Amount: amount,
    MerchantDetails: z
      .object({ MerchantName: z.string().optional(), MerchantCategoryCode: z.string().optional() })
      .optional(),
    CreditorAccount: named,
    DebtorAccount: named,
    BankTransactionCode: z.object({ Code: z.string(), SubCode: z.string() }).optional(),
    ProprietaryBankTransactionCode: z.object({ Code: z.string(), Issuer: z.string().optional() }).optional(),
    CardInstrument: z
      .object({ CardSchemeName: z.string(), Identification: z.string().optional() })
      .optional(),
  });
  const party = z.object({
    PartyId: z.string().min(1),
    Name: z.string().optional(),
    FullLegalName: z.string().optional(),
    Address: z.array(z.object({ Country: z.string(), CountrySubDivision: z.string().optional() })).optional(),
  });
  return {
    accounts: z.object({ Data: z.object({ Account: z.array(account).default([]) }), Links: links }),
    balances: z.object({ Data: z.object({ Balance: z.array(balance) }), Links: links }),
    transactions: z.object({
      Data: z.object({ Transaction: z.array(transaction).default([]) }),
      Links: links,
    }),
    party: z.object({ Data: z.object({ Party: party.optional() }) }),
  };
}

type Payloads = ReturnType<typeof obPayloads>;
export type ObAccount = z.infer<Payloads['accounts']>['Data']['Account'][number];
export type ObBalance = z.infer<Payloads['balances']>['Data']['Balance'][number];
export type ObTransaction = z.infer<Payloads['transactions']>['Data']['Transaction'][number];
export type ObParty = NonNullable<z.infer<Payloads['party']>['Data']['Party']>;
export type ObAmount = z.infer<typeof amount>;
