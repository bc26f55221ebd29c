import { isBankError } from './ports/bank.port.js';

interface CatalogEntry {
  /** HTTP status when the error ends a request. */
  readonly status: number;
  /** What the customer is told. Plain, no codes, no blame. */
  readonly say: string;
}

/** Stable error codes: logs, HTTP bodies and customer sentences all derive from this one table. */
export const ERRORS = {
  BANK_ERR_UNAVAILABLE: {
    status: 503,
    say: "I can't reach your bank right now. Please try again in a few minutes.",
  },
  BANK_ERR_TIMEOUT: {
    status: 504,
    say: 'Your bank is taking too long to answer. Please try again in a moment.',
  },
  BANK_ERR_UNAUTHORIZED: {
    status: 401,
    say: 'I need you to link your bank account again before I can help with that.',
  },
  BANK_ERR_FORBIDDEN: {
    status: 403,
    say: 'Your permission for me to see this has expired. Please renew it in your banking app.',
  },
  BANK_ERR_RATE_LIMITED: { status: 429, say: 'Your bank is busy right now. Please try again in a minute.' },
  BANK_ERR_NOT_FOUND: { status: 404, say: "I couldn't find that at your bank." },
  BANK_ERR_INVALID: { status: 400, say: "Your bank couldn't process that request." },
  STORAGE_ERR_UNAVAILABLE: {
    status: 503,
    say: "I'm having trouble on my side right now, so I can't continue our conversation. Please try again in a few minutes.",
  },
  STORAGE_ERR_CONFLICT: {
    status: 409,
    say: 'You sent several messages at once and I lost track. Could you say that again?',
  },
  BOT_ERR_INTERNAL: { status: 500, say: 'Sorry, something went wrong on my side. Please try again.' },
  HTTP_ERR_NOT_FOUND: { status: 404, say: 'Not found.' },
  HTTP_ERR_METHOD: { status: 405, say: 'Method not allowed.' },
  HTTP_ERR_BAD_JSON: { status: 400, say: 'The request body is not valid JSON.' },
  HTTP_ERR_BAD_REQUEST: { status: 400, say: 'The request is not valid.' },
  HTTP_ERR_TOO_LARGE: { status: 413, say: 'The request body is too large.' },
  HTTP_ERR_UNSUPPORTED_TYPE: { status: 415, say: 'The request body must be JSON.' },
  CHANNEL_ERR_NOT_CONFIGURED: { status: 503, say: 'This channel is not configured.' },
  CHANNEL_ERR_BAD_SIGNATURE: { status: 401, say: 'The request signature is missing or invalid.' },
  CHANNEL_ERR_FORBIDDEN: { status: 403, say: 'The request is not allowed.' },
  CHANNEL_ERR_BAD_PAYLOAD: { status: 400, say: 'The request body does not have the expected shape.' },
  CHANNEL_ERR_SEND_FAILED: { status: 502, say: "I couldn't deliver my answer. Please try again." },
  CHANNEL_ERR_STALE: { status: 401, say: 'The request has expired or was already received.' },
  CHANNEL_ERR_UNAVAILABLE: { status: 503, say: "The platform's signing keys can't be reached." },
  PLAYGROUND_ERR_UNKNOWN_CUSTOMER: { status: 400, say: 'There is no sandbox customer with that id.' },
  PLAYGROUND_ERR_CROSS_ORIGIN: { status: 403, say: 'The playground answers its own page only.' },
  PLAYGROUND_ERR_BUSY: { status: 429, say: 'The playground is busy. Please try again in a moment.' },
  HTTP_ERR_HEADERS_TOO_LARGE: { status: 431, say: 'The request headers are too large.' },
  HTTP_ERR_TIMEOUT: { status: 408, say: 'The request took too long to arrive.' },
  HTTP_ERR_EXPECTATION: { status: 417, say: 'The Expect header is not supported.' },
  HTTP_ERR_RATE_LIMITED: { status: 429, say: 'Too many requests. Please wait a moment and try again.' },
  CUSTOMER_ERR_RATE_LIMITED: {
    status: 429,
    say: "You're sending messages faster than I can keep up with. Please wait a moment, then try again.",
  },
  ALERT_ERR_BAD_SIGNATURE: { status: 401, say: 'The event signature is missing or invalid.' },
  ALERT_ERR_STALE: { status: 401, say: 'The event timestamp is outside the five-minute window.' },
  ALERT_ERR_REPLAYED: { status: 409, say: 'An event with this id was already received.' },
  ALERT_ERR_BAD_EVENT: { status: 422, say: 'The event does not match the bank-event schema.' },
  ALERT_ERR_UNAUTHORIZED: { status: 401, say: 'A valid bearer token is required.' },
  ALERT_ERR_NOT_FOUND: { status: 404, say: 'There is no alert with that id.' },
  ALERT_ERR_NOT_CONFIGURED: { status: 503, say: 'Fraud alerts are not configured.' },
  ALERT_ERR_QUEUE_UNAVAILABLE: { status: 503, say: 'The alert could not be queued. Please retry.' },
  ALERT_ERR_NO_CHANNEL: { status: 422, say: 'The customer has no channel that accepts alerts.' },
  ALERT_ERR_PUSH_FAILED: { status: 502, say: 'The alert could not be delivered on the channel.' },
  TOKEN_ERR_UNREADABLE: {
    status: 401,
    say: 'I need you to link your bank account again before I can help with that.',
  },
} as const satisfies Record<string, CatalogEntry>;

export type ErrorCode = keyof typeof ERRORS;

/** An error that carries a catalog code. Its message is for logs and never holds personal data. */
export class CodedError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = code,
  ) {
    super(message);
    this.name = 'CodedError';
  }
}

/** A request the conversation already answered (its mark is in the state): refused as a request, a 401. */
export class ReplayedRequestError extends CodedError {
  constructor() {
    super('CHANNEL_ERR_STALE', 'replayed request id');
    this.name = 'ReplayedRequestError';
  }
}

function hasCode(error: unknown): error is { code: string } {
  return (
    typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
  );
}

/** botbuilder-dialogs wraps what a dialog throws in a DialogContextError (`.error`); others use `cause`. */
function unwrap(error: unknown): unknown {
  for (let depth = 0; depth < 5 && typeof error === 'object' && error !== null; depth += 1) {
    const inner = (error as { error?: unknown }).error ?? (error as { cause?: unknown }).cause;
    if (hasCode(error) || inner === undefined) break;
    error = inner;
  }
  return error;
}

/** The catalog code for any thrown value, looking through wrappers; unknown errors are BOT_ERR_INTERNAL. */
export function errorCode(thrown: unknown): ErrorCode {
  const error = unwrap(thrown);
  if (isBankError(error) || error instanceof CodedError || hasCode(error)) {
    const code = (error as { code: string }).code;
    if (code in ERRORS) return code as ErrorCode;
  }
  return 'BOT_ERR_INTERNAL';
}

/** The sentence the customer hears for a failure. */
export function customerSentence(error: unknown): string {
  return ERRORS[errorCode(error)].say;
}
