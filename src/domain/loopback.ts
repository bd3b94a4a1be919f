/** Pure, with no schema library: the page imports it to check a URL the way the resolvers do. */
const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

export const NOT_A_URL = 'is not a valid URL: enter a full https:// address';
export const NOT_HTTPS = 'must use https:// (http:// is accepted only for 127.0.0.1 and localhost)';
