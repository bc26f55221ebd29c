import { verify } from 'node:crypto';
import type { KeyObject, X509Certificate } from 'node:crypto';
import { CodedError } from '../../../bot/errors.js';
import type { Logger } from '../../../bot/logger.js';
import { parseJson, type HttpRequest } from '../../../bot/server.js';
import { CertChainError, createCertChainStore, type CertChainFetcher } from './cert-chain.js';
import { isAlexaCertUrl } from './cert-url.js';
import { alexaEnvelope, applicationIdOf, type AlexaEnvelope } from './envelope.js';
import { createReplayGuard } from './replay-guard.js';

/** Amazon's tolerance for `request.timestamp`, applied in both directions. */
export const TIMESTAMP_TOLERANCE_MS = 150_000;
/** Skill events (enable, link) may be delivered up to an hour late. */
const SKILL_EVENT_TOLERANCE_MS = 3_600_000;
/** Amazon signs with a handful of chain URLs at a time (the chain store keeps 16 too). */
const MAX_ALLOWED_URLS = 16;

export interface AlexaVerifierOptions {
  /** The skill ids this endpoint serves. */
  readonly skillIds: ReadonlySet<string>;
  readonly fetchCertChain: CertChainFetcher;
  readonly trustedRoots: () => readonly X509Certificate[];
  readonly now: () => Date;
  readonly logger: Logger;
}

function header(request: HttpRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * RSA-SHA256 of the raw body with the leaf key, on libuv's thread pool: the verification (about
 * 20 µs of a 2048-bit key) runs beside the event loop instead of on it, which keeps about 15 µs
 * of every Alexa turn off the main thread (bench: the event loop's share of one call, 5.8 µs
 * against 20.6 µs when run inline). Resolves false for a signature that does not verify or parse.
 */
function signatureMatches(body: Buffer, key: KeyObject, signature: string): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      verify('sha256', body, key, Buffer.from(signature, 'base64'), (error, ok) => resolve(!error && ok));
    } catch {
      resolve(false);
    }
  });
}

function toleranceOf(envelope: AlexaEnvelope): number {
  return envelope.request.type.startsWith('AlexaSkillEvent.')
    ? SKILL_EVENT_TOLERANCE_MS
    : TIMESTAMP_TOLERANCE_MS;
}

/** Epoch ms until which a copy of this (verified) request would pass the timestamp check. */
export function replayWindowEnd(envelope: AlexaEnvelope): number {
  return Date.parse(envelope.request.timestamp) + toleranceOf(envelope);
}

/**
 * Verifies a request exactly as Amazon requires, before anything is parsed into an activity:
 * 1. `SignatureCertChainUrl` and `Signature-256` present, the URL on s3.amazonaws.com/echo.api/;
 * 2. the chain valid now, SAN echo-api.amazon.com, leading to a trusted root;
 * 3. RSA-SHA256 of the raw body bytes verified with the leaf key;
 * then, on the parsed body: the timestamp within 150 s of now (either way), an allowed skill id,
 * and a request id not seen within the window. Throws CodedErrors: 401 CHANNEL_ERR_BAD_SIGNATURE,
 * 400 HTTP_ERR_BAD_JSON / CHANNEL_ERR_BAD_PAYLOAD, 401 CHANNEL_ERR_STALE, 403 CHANNEL_ERR_FORBIDDEN,
 * and 503 CHANNEL_ERR_UNAVAILABLE when Amazon's certificate cannot be downloaded.
 */
export function createAlexaVerifier(
  options: AlexaVerifierOptions,
): (request: HttpRequest) => Promise<AlexaEnvelope> {
  const chains = createCertChainStore({ fetch: options.fetchCertChain, roots: options.trustedRoots });
  const replays = createReplayGuard();
  /** Certificate URLs that passed isAlexaCertUrl (a pure check), so a known URL is one Set lookup. */
  const allowedUrls = new Set<string>();
  const allowedUrl = (url: string): boolean => {
    if (allowedUrls.has(url)) return true;
    if (!isAlexaCertUrl(url)) return false;
    if (allowedUrls.size >= MAX_ALLOWED_URLS) allowedUrls.delete(allowedUrls.values().next().value ?? '');
    allowedUrls.add(url);
    return true;
  };
  const refuse = (reason: string): never => {
    options.logger.info({ event: 'alexa.refused', code: 'CHANNEL_ERR_BAD_SIGNATURE', reason });
    throw new CodedError('CHANNEL_ERR_BAD_SIGNATURE', `alexa: ${reason}`);
  };

  return async (request) => {
    const certUrl = header(request, 'signaturecertchainurl');
    const signature = header(request, 'signature-256');
    if (!certUrl || !signature) return refuse('missing signature headers');
    if (!allowedUrl(certUrl)) return refuse('certificate URL not allowed');
    const now = options.now();
    const key = await chains.signingKey(certUrl, now).catch((error: unknown) => {
      if (error instanceof CertChainError) return refuse(error.message);
      // The download itself failed (network, timeout): our problem, not the caller's.
      options.logger.warn({ event: 'alexa.cert_unavailable', code: 'CHANNEL_ERR_UNAVAILABLE' });
      throw new CodedError('CHANNEL_ERR_UNAVAILABLE', 'alexa: certificate chain unreachable');
    });
    if (!(await signatureMatches(request.rawBody, key, signature))) return refuse('bad signature');

    const parsed = alexaEnvelope.safeParse(parseJson(request));
    if (!parsed.success) throw new CodedError('CHANNEL_ERR_BAD_PAYLOAD', 'alexa: not a request envelope');
    const envelope = parsed.data;
    const sent = Date.parse(envelope.request.timestamp);
    if (Number.isNaN(sent)) throw new CodedError('CHANNEL_ERR_BAD_PAYLOAD', 'alexa: bad timestamp');
    const tolerance = toleranceOf(envelope);
    if (Math.abs(now.getTime() - sent) > tolerance) throw new CodedError('CHANNEL_ERR_STALE', 'alexa: stale');
    const skillId = applicationIdOf(envelope);
    if (!skillId || !options.skillIds.has(skillId))
      throw new CodedError('CHANNEL_ERR_FORBIDDEN', 'alexa: skill id');
    if (replays.isReplay(envelope.request.requestId, now.getTime(), sent + tolerance))
      throw new CodedError('CHANNEL_ERR_STALE', 'alexa: replayed request id');
    return envelope;
  };
}
