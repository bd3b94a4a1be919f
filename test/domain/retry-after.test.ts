import {
  MAX_RETRY_AFTER_SECONDS,
  parseRateLimitReset,
  parseRetryAfter,
} from '../../src/domain/retry-after';

const now = new Date();
const httpDate = (msFromNow: number) => new Date(now.getTime() + msFromNow).toUTCString();
const epoch = (secondsFromNow: number) => String(Math.floor(now.getTime() / 1000) + secondsFromNow);

describe('Retry-After (RFC 9110 10.2.3: delay-seconds or an HTTP date)', () => {
  it('reads delay-seconds and an HTTP date', () => {
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter(httpDate(90_000), now)).toBeGreaterThanOrEqual(89);
    expect(parseRetryAfter(httpDate(90_000), now)).toBeLessThanOrEqual(90);
  });

  it.each([
    ['a huge number of seconds', '99999999999'],
    ['a number too long for a date', '9'.repeat(40)],
    ['a date at the end of time', 'Fri, 31 Dec 9999 23:59:59 GMT'],
  ])('caps %s at a day', (_what, value) => {
    expect(parseRetryAfter(value, now)).toBe(MAX_RETRY_AFTER_SECONDS);
  });

  it.each([
    ['negative', '-5'],
    ['NaN', 'NaN'],
    ['a float', '1.5e3'],
    ['words', 'tomorrow'],
    ['empty', ''],
    ['absent', undefined],
  ])('ignores a %s value', (_what, value) => {
    expect(parseRetryAfter(value, now)).toBeNull();
  });

  it('treats a date in the past as "now"', () => {
    expect(parseRetryAfter(httpDate(-3_600_000), now)).toBe(0);
  });
});

describe('X-RateLimit-Reset (Unix epoch seconds, as GitHub and the Admin API send it)', () => {
  it('reads epoch seconds as the wait until then', () => {
    expect(parseRateLimitReset(epoch(120), now)).toBeGreaterThanOrEqual(119);
    expect(parseRateLimitReset(epoch(120), now)).toBeLessThanOrEqual(120);
  });

  it.each([['1e308'], ['-1'], ['soon'], ['']])('ignores the malformed value %j', (value) => {
    expect(parseRateLimitReset(value, now)).toBeNull();
  });

  it('caps a reset years ahead at a day', () => {
    expect(parseRateLimitReset(epoch(10 * 365 * 86_400), now)).toBe(MAX_RETRY_AFTER_SECONDS);
    expect(parseRateLimitReset('9'.repeat(30), now)).toBe(MAX_RETRY_AFTER_SECONDS);
  });
});
