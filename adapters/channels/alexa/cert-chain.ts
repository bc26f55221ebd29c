import { X509Certificate, type KeyObject } from 'node:crypto';
import { rootCertificates } from 'node:tls';

/** Downloads the PEM chain behind a validated SignatureCertChainUrl. */
export type CertChainFetcher = (url: string) => Promise<string>;

export const ECHO_API_SAN = 'echo-api.amazon.com';
const MAX_CACHED_CHAINS = 16;
const MAX_PEM_BYTES = 64 * 1024;
const FETCH_TIMEOUT_MS = 5000;
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Why a chain was refused, for logs (never the certificate itself). */
export class CertChainError extends Error {
  override name = 'CertChainError';
}

/** Production fetcher: no redirects, a timeout and a size cap. */
export const fetchCertChain: CertChainFetcher = async (url) => {
  const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  const text = await response.text();
  if (!response.ok) throw new CertChainError(`download answered ${response.status}`);
  if (Buffer.byteLength(text) > MAX_PEM_BYTES) throw new CertChainError('chain too large');
  return text;
};

/** The system's trusted roots (Mozilla's list bundled with Node). */
export function systemRoots(): readonly X509Certificate[] {
  return rootCertificates.map((pem) => new X509Certificate(pem));
}

function parseChain(pem: string): X509Certificate[] {
  const blocks = pem.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) throw new CertChainError('no certificate in the chain');
  try {
    return blocks.map((block) => new X509Certificate(block));
  } catch {
    throw new CertChainError('unreadable certificate');
  }
}

function withinValidity(cert: X509Certificate, now: Date): boolean {
  const time = now.getTime();
  return Date.parse(cert.validFrom) <= time && time <= Date.parse(cert.validTo);
}

function signedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  return issuer.ca && cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
}

function hasEchoSan(cert: X509Certificate): boolean {
  return (cert.subjectAltName ?? '')
    .split(/,\s*/)
    .some((entry) => entry.toLowerCase() === `dns:${ECHO_API_SAN}`);
}

/** Checks Amazon's certificate rules; throws CertChainError naming the first rule broken. */
export function checkChain(
  chain: readonly X509Certificate[],
  roots: readonly X509Certificate[],
  now: Date,
): void {
  const window = verifiedWindow(chain, roots, now);
  if (!within(window, now)) throw new CertChainError('certificate not valid now');
}

/** When a verified chain may be used: from the latest `validFrom` to the earliest `validTo` involved. */
interface Window {
  readonly from: number;
  readonly to: number;
}

const within = (window: Window, now: Date): boolean =>
  window.from <= now.getTime() && now.getTime() <= window.to;

/**
 * Checks everything about a chain that does not change with time (SAN, signatures, anchor), and
 * the dates at `now`; returns the period in which the dates hold, so a cached chain needs only a
 * date comparison per request.
 */
function verifiedWindow(
  chain: readonly X509Certificate[],
  roots: readonly X509Certificate[],
  now: Date,
): Window {
  const [leaf] = chain;
  if (!leaf) throw new CertChainError('empty chain');
  if (!chain.every((cert) => withinValidity(cert, now)))
    throw new CertChainError('certificate not valid now');
  if (!hasEchoSan(leaf)) throw new CertChainError(`leaf lacks the ${ECHO_API_SAN} SAN`);
  for (let i = 0; i + 1 < chain.length; i += 1) {
    if (!signedBy(chain[i]!, chain[i + 1]!)) throw new CertChainError('broken chain');
  }
  const top = chain.at(-1)!;
  const pinned = roots.some((root) => root.fingerprint256 === top.fingerprint256);
  const issuer = pinned ? undefined : roots.find((root) => withinValidity(root, now) && signedBy(top, root));
  if (!pinned && !issuer) throw new CertChainError('chain does not lead to a trusted root');
  const involved = issuer ? [...chain, issuer] : chain;
  return {
    from: Math.max(...involved.map((cert) => Date.parse(cert.validFrom))),
    to: Math.min(...involved.map((cert) => Date.parse(cert.validTo))),
  };
}

export interface CertChainStoreOptions {
  readonly fetch: CertChainFetcher;
  readonly roots: () => readonly X509Certificate[];
}

/**
 * Signing keys of Alexa's certificate chains. Chains are downloaded and verified once per URL and
 * kept (at most 16, oldest dropped) only when they lead to a trusted root; the dates are checked
 * on every request (a comparison against the verified chain's validity period).
 */
export function createCertChainStore(options: CertChainStoreOptions): {
  signingKey(url: string, now: Date): Promise<KeyObject>;
} {
  const cache = new Map<string, { readonly key: KeyObject; readonly window: Window }>();
  let roots: readonly X509Certificate[] | undefined;
  return {
    async signingKey(url, now) {
      roots ??= options.roots();
      const cached = cache.get(url);
      if (cached) {
        if (!within(cached.window, now)) throw new CertChainError('certificate not valid now');
        return cached.key;
      }
      const chain = parseChain(await options.fetch(url));
      const window = verifiedWindow(chain, roots, now);
      if (cache.size >= MAX_CACHED_CHAINS) cache.delete(cache.keys().next().value ?? '');
      const key = chain[0]!.publicKey;
      cache.set(url, { key, window });
      return key;
    },
  };
}
