/**
 * Amazon's rules for the `SignatureCertChainUrl` header: https, host s3.amazonaws.com (any case),
 * port 443 when one is given, and a path that starts with `/echo.api/` (case-sensitive) once `..`
 * segments are resolved. Anything else is refused before a byte is downloaded.
 *
 * @example
 * isAlexaCertUrl('https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem'); // true
 * isAlexaCertUrl('https://s3.amazonaws.com/invalid.path/echo-api-cert.pem'); // false
 */
export function isAlexaCertUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  // WHATWG URL parsing lower-cases scheme and host, drops a default :443, and resolves `..`.
  if (url.protocol !== 'https:' || url.hostname !== 's3.amazonaws.com') return false;
  if (url.port !== '' && url.port !== '443') return false;
  if (url.username !== '' || url.password !== '') return false;
  return url.pathname.startsWith('/echo.api/');
}
