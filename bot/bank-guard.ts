import { Deadlines } from './deadlines.js';
import { BankError, isBankError, type BankPort } from './ports/bank.port.js';

/**
 * Wraps any bank so that no call waits longer than `timeoutMs` and nothing but a BankError ever
 * escapes: a hung bank becomes BANK_ERR_TIMEOUT, an unexpected failure BANK_ERR_UNAVAILABLE.
 *
 * One timer serves every call ({@link Deadlines}: a timer per call cost more than the rest of the
 * guard).
 */
export function guardBank(bank: BankPort, timeoutMs: number): BankPort {
  const deadlines = new Deadlines(timeoutMs, () => new BankError('BANK_ERR_TIMEOUT'));
  const unexpected = (error: unknown): unknown =>
    isBankError(error) ? error : new BankError('BANK_ERR_UNAVAILABLE');
  const call = <T>(work: () => Promise<T>): Promise<T> => {
    let started: Promise<T>;
    try {
      started = work();
    } catch (error) {
      started = Promise.reject(error as Error);
    }
    return deadlines.bound(started, unexpected);
  };

  return {
    resolveCustomer: (token) => call(() => bank.resolveCustomer(token)),
    getProfile: (c) => call(() => bank.getProfile(c)),
    listAccounts: (c) => call(() => bank.listAccounts(c)),
    getBalances: (c, ids) => call(() => bank.getBalances(c, ids)),
    listTransactions: (c, q) => call(() => bank.listTransactions(c, q)),
    getTransaction: (c, id) => call(() => bank.getTransaction(c, id)),
    listMerchants: (c) => call(() => bank.listMerchants(c)),
    listCards: (c) => call(() => bank.listCards(c)),
    setCardStatus: (c, id, status) => call(() => bank.setCardStatus(c, id, status)),
    confirmTransaction: (c, id) => call(() => bank.confirmTransaction(c, id)),
    openDispute: (c, id, reason) => call(() => bank.openDispute(c, id, reason)),
    startStepUp: (c) => call(() => bank.startStepUp(c)),
    verifyStepUp: (c, attempt) => call(() => bank.verifyStepUp(c, attempt)),
    sendToApp: (c, message) => call(() => bank.sendToApp(c, message)),
  };
}
