import { isIP } from 'node:net';

/** One address as proxies write it: bare, `[v6]:port` or `v4:port`. Undefined when it is no IP. */
function addressOf(entry: string): string | undefined {
  const text = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text)?.[1];
  const candidate = bracketed ?? (/^[\d.]+:\d+$/.test(text) ? text.slice(0, text.lastIndexOf(':')) : text);
  return isIP(candidate) ? candidate : undefined;
}

/** Expands an IPv6 address to its eight groups. */
function groupsOf(v6: string): string[] {
  const [head = '', tail] = v6.split('::');
  const part = (s: string): string[] => (s ? s.split(':') : []);
  const left = part(head);
  const right = part(tail ?? '');
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right];
}

/**
 * What one client is counted as: an IPv4 address, or the /64 network of an IPv6 address (one
 * subscriber usually holds a whole /64). IPv4-mapped IPv6 counts as the IPv4 address.
 */
export function rateBucket(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return mapped;
  if (isIP(address) !== 6) return address || 'unknown';
  const zoneless = address.split('%')[0] ?? '';
  if (zoneless.includes('.')) return zoneless.toLowerCase();
  const prefix = groupsOf(zoneless.toLowerCase())
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''));
  return `${prefix.join(':')}::/64`;
}

/**
 * The client's address. With `trustedProxies` = 0 it is the socket's peer. Behind n proxies that
 * each append the address they received from to X-Forwarded-For, the client is the n-th address
 * from the right; entries further left were written by the client and are never believed.
 */
export function clientAddress(
  socketAddress: string,
  forwardedFor: string | readonly string[] | undefined,
  trustedProxies: number,
): string {
  if (trustedProxies <= 0 || forwardedFor === undefined) return socketAddress;
  const header = typeof forwardedFor === 'string' ? forwardedFor : forwardedFor.join(',');
  const hops = header.split(',').filter((entry) => entry.trim() !== '');
  const chosen = hops[Math.max(0, hops.length - trustedProxies)];
  return (chosen === undefined ? undefined : addressOf(chosen)) ?? socketAddress;
}
