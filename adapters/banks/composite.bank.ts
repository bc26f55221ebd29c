import {
  BankError,
  type BankPort,
  type Card,
  type CardStatus,
  type CustomerRef,
  type Dispute,
  type DisputeReason,
  type Transaction,
} from '../../bot/ports/bank.port.js';
import { withFields } from '../../bot/objects.js';

/**
 * Card operations from a card issuer or processor (e.g. `createStripeIssuingBank`), keyed by the
 * transaction ids the account side reports.
 */
export interface CardBank {
  listCards(customer: CustomerRef): Promise<readonly Card[]>;
  setCardStatus(customer: CustomerRef, cardId: string, status: CardStatus): Promise<Card>;
  confirmTransaction(customer: CustomerRef, transactionId: string): Promise<void>;
  openDispute(customer: CustomerRef, transactionId: string, reason: DisputeReason): Promise<Dispute>;
  /** The customer's reviews of card transactions, by transaction id. */
  reviews(customer: CustomerRef): Promise<ReadonlyMap<string, 'confirmed' | 'disputed'>>;
}

export interface CompositeBankParts {
  /** Identity, profile, accounts, balances and transactions (e.g. UK Open Banking). */
  readonly accounts: BankPort;
  /** Cards, card status, and reviews and disputes of card transactions. */
  readonly cards: CardBank;
}

/** "••5556" from a card id that is a masked number, or undefined for an ordinary id. */
const maskedTail = (cardId: string) => /^\D*(\d{4})$/.exec(cardId)?.[1];

/**
 * One BankPort from two: accounts from one adapter, cards from another. A transaction's card, as
 * the account side names it (UK OB only knows "••5556"), becomes the card issuer's card on the
 * same account with the same last four digits; reviews of card transactions come from the issuer;
 * confirming or disputing goes to the issuer for card transactions, to the account side otherwise.
 *
 * @example
 * const bank = createCompositeBank({ accounts: createOpenBankingUkBank(ob), cards: createStripeIssuingBank(stripe) });
 */
export function createCompositeBank({ accounts, cards }: CompositeBankParts): BankPort {
  /** The account side's transactions with the issuer's card ids and reviews. */
  async function joined(customer: CustomerRef, list: readonly Transaction[]): Promise<Transaction[]> {
    if (!list.some((tx) => tx.cardId !== undefined)) return [...list];
    const [known, reviews] = await Promise.all([cards.listCards(customer), cards.reviews(customer)]);
    return list.map((tx) => {
      if (tx.cardId === undefined) return tx;
      const tail = maskedTail(tx.cardId);
      const card =
        known.find((c) => c.id === tx.cardId) ??
        known.find(
          (c) => c.accountId === tx.accountId && tail !== undefined && c.maskedNumber.endsWith(tail),
        );
      const { cardId: _named, review: ownReview, ...rest } = tx;
      const review = reviews.get(tx.id) ?? ownReview;
      return withFields(rest, card ? { cardId: card.id } : {}, review ? { review } : {});
    });
  }

  async function transaction(customer: CustomerRef, id: string): Promise<Transaction> {
    const [tx] = await joined(customer, [await accounts.getTransaction(customer, id)]);
    if (!tx) throw new BankError('BANK_ERR_NOT_FOUND', 'composite: unknown transaction');
    return tx;
  }

  return {
    resolveCustomer: (token) => accounts.resolveCustomer(token),
    getProfile: (customer) => accounts.getProfile(customer),
    listAccounts: (customer) => accounts.listAccounts(customer),
    getBalances: (customer, ids) => accounts.getBalances(customer, ids),
    // The customer's PIN, codes and app belong to the bank that holds the accounts.
    startStepUp: (customer) => accounts.startStepUp(customer),
    verifyStepUp: (customer, attempt) => accounts.verifyStepUp(customer, attempt),
    sendToApp: (customer, message) => accounts.sendToApp(customer, message),
    listMerchants: (customer) => accounts.listMerchants(customer),
    listTransactions: async (customer, query) =>
      joined(customer, await accounts.listTransactions(customer, query)),
    getTransaction: transaction,
    listCards: (customer) => cards.listCards(customer),
    setCardStatus: (customer, cardId, status) => cards.setCardStatus(customer, cardId, status),
    async confirmTransaction(customer, transactionId) {
      const tx = await transaction(customer, transactionId);
      return tx.cardId === undefined
        ? accounts.confirmTransaction(customer, transactionId)
        : cards.confirmTransaction(customer, transactionId);
    },
    async openDispute(customer, transactionId, reason) {
      const tx = await transaction(customer, transactionId);
      return tx.cardId === undefined
        ? accounts.openDispute(customer, transactionId, reason)
        : cards.openDispute(customer, transactionId, reason);
    },
  };
}
