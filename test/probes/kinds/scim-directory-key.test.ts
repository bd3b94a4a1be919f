import { check, daysFromNow, serialised } from '../../support/probe';
import { answering } from '../../support/server';
import {
  DIRECTORY,
  SCIM_KEY,
  startScimDirectory,
  type ScimDirectoryDouble,
} from '../../support/scim-directory';

describe('scim-directory-key probe', () => {
  let scim: ScimDirectoryDouble;
  beforeAll(async () => {
    scim = await startScimDirectory();
  });
  afterAll(() => scim.close());
  beforeEach(() => {
    scim.answer = 'list';
    scim.refusal = 401;
    scim.requests.length = 0;
  });
  afterEach(() => {
    // A check reads and never writes: the key administers the whole directory.
    expect(scim.requests.map((r) => r.method)).toEqual(scim.requests.map(() => 'GET'));
  });

  const config = (extra: Record<string, unknown> = {}) => ({
    kind: 'scim-directory-key',
    baseUrl: scim.url,
    directoryId: DIRECTORY,
    expiresAt: daysFromNow(200).toISOString(),
    ...extra,
  });

  it('proves the key by reading one user, and judges the expiry date the admin typed', async () => {
    const result = await check(config(), SCIM_KEY);
    expect(result.verdict).toBe('healthy');
    expect(result.identity).toEqual({ id: DIRECTORY });
    expect(result.expiresAt).toBe(daysFromNow(200).toISOString());
    expect(result.expirySource).toBe('admin');
    expect(scim.requests).toHaveLength(1);
    expect(scim.requests[0]?.path).toBe(`/scim/directory/${DIRECTORY}/Users?count=1`);
    expect(serialised(result)).not.toContain(SCIM_KEY);
  });

  it('reads the directory id from the SCIM base URL pasted as Atlassian shows it', async () => {
    const pasted = { baseUrl: `${scim.url}/scim/directory/${DIRECTORY}`, directoryId: undefined };
    const result = await check(config(pasted), SCIM_KEY);
    expect(result.verdict).toBe('healthy');
    expect(scim.requests[0]?.path).toBe(`/scim/directory/${DIRECTORY}/Users?count=1`);
  });

  it('warns as the typed expiry date comes near, and says expired once refused after it', async () => {
    const soon = await check(config({ expiresAt: daysFromNow(5).toISOString() }), SCIM_KEY);
    expect(soon.verdict).toBe('expiring');
    const past = await check(config({ expiresAt: daysFromNow(-1).toISOString() }), 'old-key-0001');
    expect(past.verdict).toBe('expired');
  });

  it.each([401, 403] as const)(
    'calls the key rejected when Atlassian answers %i',
    async (status) => {
      scim.refusal = status;
      const result = await check(config(), 'ATCTT3xFfGN0-another-key-0002');
      expect(result.verdict).toBe('rejected');
      expect(result.severity).toBe('critical');
      expect(result.message).toContain(`answered ${status}`);
      expect(result.message).toContain('provisioning and de-provisioning have stopped');
    },
  );

  it('answers unexpected-response to an HTML page with 200', async () => {
    scim.answer = 'html';
    const result = await check(config(), SCIM_KEY);
    expect(result.verdict).toBe('unexpected-response');
    expect(result.message).toContain('an HTML page');
  });

  it('answers unexpected-response to JSON that is no SCIM ListResponse', async () => {
    const other = await answering(200, { data: [] });
    try {
      const result = await check(config({ baseUrl: other.url }), SCIM_KEY);
      expect(result.verdict).toBe('unexpected-response');
      expect(result.message).toContain('without a SCIM ListResponse');
    } finally {
      await other.close();
    }
  });

  it('answers unexpected-response naming the directory when it is not there', async () => {
    const result = await check(config({ directoryId: 'no-such-directory' }), SCIM_KEY);
    expect(result.verdict).toBe('unexpected-response');
    expect(result.message).toContain('404 for directory no-such-directory');
  });

  it('is rate-limited on 429, with the wait Atlassian asks for', async () => {
    scim.answer = 'rate-limited';
    const result = await check(config(), SCIM_KEY);
    expect(result.verdict).toBe('rate-limited');
    expect(result.retryAfterSeconds).toBe(60);
  });
});
