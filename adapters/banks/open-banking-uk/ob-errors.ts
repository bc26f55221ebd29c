import type { BankErrorCode } from '../../../bot/ports/bank.port.js';

const BY_STATUS: Readonly<Record<number, BankErrorCode>> = {
  401: 'BANK_ERR_UNAUTHORIZED', // the token is no good: the customer links again
  403: 'BANK_ERR_FORBIDDEN', // the consent expired or was revoked: the customer renews it
  404: 'BANK_ERR_NOT_FOUND',
};

/** The code of a 4xx answer other than 429; a 400 naming a missing resource is a not-found. */
export function obErrorCode(status: number, body: unknown): BankErrorCode {
  if (status === 400 && JSON.stringify(body ?? null).includes('UK.OBIE.Resource.NotFound')) {
    return 'BANK_ERR_NOT_FOUND';
  }
  return BY_STATUS[status] ?? 'BANK_ERR_INVALID';
}
