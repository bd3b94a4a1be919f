/** A check's evidence as sentences an admin can read without knowing HTTP tooling. */
import type { Evidence } from '../domain/result';

/** Headers that say something about the credential, worth a mention next to the status. */
const TELLING_HEADERS = [
  'x-ausername',
  'x-seraph-loginreason',
  'www-authenticate',
  'retry-after',
  'x-github-sso',
];

function telling(headers: Record<string, string>): string {
  const found = TELLING_HEADERS.flatMap((name) => {
    const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
    return entry ? [`${entry[0]}: ${entry[1]}`] : [];
  });
  return found.length > 0 ? ` (${found.join('; ')})` : '';
}

/** "GET https://acme.atlassian.net/rest/api/3/myself answered 401 in 120 ms". */
export function evidenceSentence(e: Evidence): string {
  const request = `${e.method} ${e.url}`;
  const took = `${Math.round(e.durationMs)} ms`;
  if (e.status === null) return `${request} got no answer after ${took}: ${e.error ?? 'no reply'}`;
  const sentence = `${request} answered ${e.status} in ${took}${telling(e.headers)}`;
  return e.error ? `${sentence}: ${e.error}` : sentence;
}
