import { BankError, isBankError, type BankPort } from './ports/bank.port.js';

/**
 * Wraps any bank so that no call waits longer than `timeoutMs` and nothing but a BankError ever
 * escapes: a hung bank becomes BANK_ERR_TIMEOUT, an unexpected failure BANK_ERR_UNAVAILABLE.
 */
export function guardBank(bank: BankPort, timeoutMs: number): BankPort {
  const call = <T>(work: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new BankError('BANK_ERR_TIMEOUT')), timeoutMs);
      work().then(
        (value) => (clearTimeout(timer), resolve(value)),
        (error: unknown) => (
          clearTimeout(timer),
          reject(isBankError(error) ? error : new BankError('BANK_ERR_UNAVAILABLE'))
        ),
      );
    });
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
