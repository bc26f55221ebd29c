import { errorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { CustomerDataEraser, CustomerDataRegistry, CustomerIndex } from '../ports/customer-data.port.js';

/** What an erasure deleted, per registered kind of data. */
export interface ErasureReport {
  readonly deleted: Readonly<Record<string, number>>;
  readonly total: number;
}

/** The registry every feature adds its eraser to, and the one call that runs them all. */
export interface Eraser extends CustomerDataRegistry {
  /**
   * Erases everything registered for the customer, then the customer's index. When an eraser
   * fails, the index is kept (so running it again finds what is left) and the first failure is thrown.
   */
  eraseCustomer(customerId: string, at: Date): Promise<ErasureReport>;
}

export interface EraserOptions {
  readonly index: CustomerIndex;
  readonly logger: Logger;
  /** Keyed hash of a customer id: what the erasure log line carries instead of the id. */
  readonly pseudonym: (customerId: string) => string;
}

export function createEraser(options: EraserOptions): Eraser {
  const erasers = new Map<string, CustomerDataEraser>();
  return {
    registerCustomerData(name, erase) {
      if (erasers.has(name)) throw new Error(`bankbot: customer data "${name}" is registered twice`);
      erasers.set(name, erase);
    },
    async eraseCustomer(customerId, at) {
      const subject = { customerId, at, ...(await options.index.list(customerId)) };
      const names = [...erasers.keys()];
      const results = await Promise.allSettled(names.map((name) => erasers.get(name)!(subject)));
      const deleted: Record<string, number> = {};
      const failures: unknown[] = [];
      results.forEach((result, i) => {
        const name = names[i] ?? '';
        if (result.status === 'fulfilled') deleted[name] = result.value;
        else {
          failures.push(result.reason);
          options.logger.warn({ event: 'privacy.erase_failed', data: name, code: errorCode(result.reason) });
        }
      });
      if (failures.length > 0) throw failures[0];
      deleted.index = await options.index.erase(customerId);
      const total = Object.values(deleted).reduce((sum, n) => sum + n, 0);
      const subjectId = options.pseudonym(customerId).slice(0, 16);
      options.logger.info({ event: 'privacy.erased', subject: subjectId, deleted, total });
      return { deleted, total };
    },
  };
}
