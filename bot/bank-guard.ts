import { BankError, isBankError, type BankPort } from './ports/bank.port.js';

/** One call in flight, in a list ordered by deadline (calls start in order and share one timeout). */
interface Pending {
  readonly deadline: number;
  readonly reject: (error: BankError) => void;
  prev: Pending | undefined;
  next: Pending | undefined;
}

/**
 * Wraps any bank so that no call waits longer than `timeoutMs` and nothing but a BankError ever
 * escapes: a hung bank becomes BANK_ERR_TIMEOUT, an unexpected failure BANK_ERR_UNAVAILABLE.
 *
 * One timer serves every call (a timer per call cost more than the rest of the guard): calls in
 * flight wait in a list in deadline order; the timer is armed for the oldest, and when it fires,
 * every call past its deadline fails with BANK_ERR_TIMEOUT and the timer is armed for the next.
 * The timer holds the process open only while a call is in flight, as a timer per call would.
 */
export function guardBank(bank: BankPort, timeoutMs: number): BankPort {
  let head: Pending | undefined;
  let tail: Pending | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The deadline the timer was armed for: "now" when it fires, even if the (monotonic) clock says less. */
  let armedFor = 0;

  /** Takes a call off the list; a call already taken off (timed out, then settled) is left alone. */
  const remove = (call: Pending): void => {
    if (call.prev === undefined && call !== head) return;
    if (call.prev) call.prev.next = call.next;
    else head = call.next;
    if (call.next) call.next.prev = call.prev;
    else tail = call.prev;
    call.prev = call.next = undefined;
    if (head === undefined) timer?.unref();
  };

  const arm = (delay: number, deadline: number): void => {
    armedFor = deadline;
    timer = setTimeout(expire, Math.ceil(delay));
  };

  function expire(): void {
    timer = undefined;
    const now = Math.max(performance.now(), armedFor);
    while (head !== undefined && head.deadline <= now) {
      const late = head;
      remove(late);
      late.reject(new BankError('BANK_ERR_TIMEOUT'));
    }
    if (head !== undefined) arm(head.deadline - now, head.deadline);
  }

  const call = <T>(work: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const pending: Pending = {
        deadline: performance.now() + timeoutMs,
        reject,
        prev: tail,
        next: undefined,
      };
      if (tail) tail.next = pending;
      else head = pending;
      tail = pending;
      if (timer === undefined) arm(timeoutMs, pending.deadline);
      else if (head === pending) timer.ref();
      work().then(
        (value) => {
          remove(pending);
          resolve(value);
        },
        (error: unknown) => {
          remove(pending);
          reject(isBankError(error) ? error : new BankError('BANK_ERR_UNAVAILABLE'));
        },
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
