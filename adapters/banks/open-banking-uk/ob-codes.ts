import type { AccountKind, TransactionStatus } from '../../../bot/ports/bank.port.js';

/** The Account and Transaction API versions the adapter speaks. */
export type ObVersion = '3.1' | '4.0';

/**
 * What differs between versions: v4.0 renamed every code list to ISO 20022 codes and the account
 * type fields (AccountSubType -> AccountTypeCode). Everything else the adapter reads is shared.
 */
export interface ObCodes {
  readonly version: ObVersion;
  /** The API's base path at the ASPSP, as in the specification's `servers`. */
  readonly basePath: string;
  readonly balanceTypes: readonly [string, ...string[]];
  /** Balance types that give the ledger balance, most preferred first. */
  readonly bookedBalance: readonly string[];
  /** Balance types that give what can be spent now, most preferred first. */
  readonly availableBalance: readonly string[];
  readonly transactionStatuses: readonly [string, ...string[]];
  /** Statuses of money that moved or is held; the others (rejected, future, information) are left out. */
  readonly statusOf: Readonly<Record<string, TransactionStatus>>;
  /** The field holding the account type, and what each type is to the bot (absent: not shown). */
  readonly accountTypeField: 'AccountSubType' | 'AccountTypeCode';
  readonly accountTypes: readonly [string, ...string[]];
  readonly kindOf: Readonly<Record<string, AccountKind>>;
}

const v31: ObCodes = {
  version: '3.1',
  basePath: '/open-banking/v3.1/aisp',
  balanceTypes: [
    'ClosingAvailable',
    'ClosingBooked',
    'ClosingCleared',
    'Expected',
    'ForwardAvailable',
    'Information',
    'InterimAvailable',
    'InterimBooked',
    'InterimCleared',
    'OpeningAvailable',
    'OpeningBooked',
    'OpeningCleared',
    'PreviouslyClosedBooked',
  ],
  bookedBalance: ['InterimBooked', 'ClosingBooked', 'OpeningBooked'],
  availableBalance: ['InterimAvailable', 'ClosingAvailable', 'OpeningAvailable', 'Expected'],
  transactionStatuses: ['Booked', 'Pending', 'Rejected'],
  statusOf: { Booked: 'booked', Pending: 'pending' },
  accountTypeField: 'AccountSubType',
  accountTypes: [
    'ChargeCard',
    'CreditCard',
    'CurrentAccount',
    'EMoney',
    'Loan',
    'Mortgage',
    'PrePaidCard',
    'Savings',
  ],
  kindOf: {
    CurrentAccount: 'checking',
    EMoney: 'checking',
    PrePaidCard: 'checking',
    Savings: 'savings',
    CreditCard: 'credit',
    ChargeCard: 'credit',
  },
};

const v40: ObCodes = {
  version: '4.0',
  basePath: '/open-banking/v4.0/aisp',
  balanceTypes: ['CLAV', 'CLBD', 'FWAV', 'INFO', 'ITAV', 'ITBD', 'OPAV', 'OPBD', 'PRCD', 'XPCD'],
  bookedBalance: ['ITBD', 'CLBD', 'OPBD'],
  availableBalance: ['ITAV', 'CLAV', 'OPAV', 'XPCD'],
  transactionStatuses: ['BOOK', 'FUTR', 'INFO', 'PDNG', 'RJCT'],
  statusOf: { BOOK: 'booked', PDNG: 'pending' },
  accountTypeField: 'AccountTypeCode',
  accountTypes: [
    'CACC',
    'CARD',
    'CASH',
    'CHAR',
    'CISH',
    'COMM',
    'CPAC',
    'LLSV',
    'LOAN',
    'MGLD',
    'MOMA',
    'NREX',
    'ODFT',
    'ONDP',
    'OTHR',
    'SACC',
    'SLRY',
    'SVGS',
    'TAXE',
    'TRAN',
    'TRAS',
    'VACC',
    'NFCA',
    'MORT',
    'WALT',
  ],
  kindOf: {
    CACC: 'checking',
    TRAN: 'checking',
    SLRY: 'checking',
    NREX: 'checking',
    NFCA: 'checking',
    ODFT: 'checking',
    VACC: 'checking',
    WALT: 'checking',
    SVGS: 'savings',
    LLSV: 'savings',
    MOMA: 'savings',
    ONDP: 'savings',
    CARD: 'credit',
  },
};

export function obCodes(version: ObVersion): ObCodes {
  return version === '4.0' ? v40 : v31;
}
