import { errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { CodedError, type ErrorCode } from '../../../bot/errors.js';

/** Issuers of the Google-signed ID token in `google-assistant-signature`. */
export const GOOGLE_ISSUERS = ['https://accounts.google.com', 'accounts.google.com'];
/** Google signs these tokens with RS256; anything else (including `none`) is refused. */
const ALGORITHMS = ['RS256'];
const CLOCK_TOLERANCE_SECONDS = 30;
/** Google's ID tokens live one hour; an older `iat` is stale whatever `exp` says. */
const MAX_TOKEN_AGE_SECONDS = 3600;

export interface AssistantTokenOptions {
  /** The Actions project id: the token's audience. */
  readonly projectId: string;
  /** Google's signing keys (a remote JWKS in production). */
  readonly keys: JWTVerifyGetKey;
  readonly now: () => Date;
}

/** Verifies a token; resolves with its expiry (ms) or throws a CodedError. */
export type AssistantTokenVerifier = (token: string) => Promise<{ readonly expiresAt: number }>;

/** Which catalog code a failed verification earns. Key-fetch trouble is ours (503), not the caller's. */
export function tokenErrorCode(error: unknown): ErrorCode {
  if (error instanceof errors.JWTExpired) return 'CHANNEL_ERR_STALE';
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud')
    return 'CHANNEL_ERR_FORBIDDEN';
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid)
    return 'CHANNEL_ERR_UNAVAILABLE';
  // A plain JOSEError only comes from fetching the key set (non-200 or not JSON).
  if (error instanceof errors.JOSEError)
    return error.code === 'ERR_JOSE_GENERIC' ? 'CHANNEL_ERR_UNAVAILABLE' : 'CHANNEL_ERR_BAD_SIGNATURE';
  // Anything else is the network failing under fetch.
  return 'CHANNEL_ERR_UNAVAILABLE';
}

/**
 * The Actions Builder request check: a Google-signed JWT (signature, issuer, audience = project id,
 * `exp`, `iat`) verified with jose.
 */
export function createAssistantTokenVerifier(options: AssistantTokenOptions): AssistantTokenVerifier {
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, options.keys, {
        issuer: GOOGLE_ISSUERS,
        audience: options.projectId,
        algorithms: ALGORITHMS,
        currentDate: options.now(),
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        maxTokenAge: MAX_TOKEN_AGE_SECONDS,
        requiredClaims: ['iat', 'exp'],
      });
      return { expiresAt: (payload.exp ?? 0) * 1000 };
    } catch (error) {
      throw new CodedError(tokenErrorCode(error));
    }
  };
}
