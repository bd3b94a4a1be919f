import { lookUpOwners, OWNERS_PER_REQUEST } from '../../src/inventory/owners';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `acc-${i}`);

describe('lookUpOwners()', () => {
  it('asks once per 100 distinct owners and keeps those Jira knows', async () => {
    const batches: string[][] = [];
    const result = await lookUpOwners(
      [...ids(250), 'acc-0', ''],
      async (batch) => {
        batches.push(batch);
        return new Set(batch.filter((id) => id.endsWith('7')));
      },
      10,
    );
    expect(batches.map((b) => b.length)).toEqual([OWNERS_PER_REQUEST, OWNERS_PER_REQUEST, 50]);
    expect(result).toMatchObject({ requests: 3, unresolved: 0, failure: null });
    expect(result.known.size).toBe(25);
  });

  it('stops at its request budget and counts the owners it could not look up', async () => {
    const result = await lookUpOwners(ids(250), async (batch) => new Set(batch), 2);
    expect(result).toMatchObject({ requests: 2, unresolved: 50 });
    expect(result.failure).toMatch(/no requests left/);
    expect(result.known.size).toBe(200);
  });

  it('keeps what it learnt before a lookup failed and never throws', async () => {
    let calls = 0;
    const result = await lookUpOwners(
      ids(150),
      async (batch) => {
        calls += 1;
        if (calls === 2) throw new Error('Jira answered 503 to the user lookup');
        return new Set(batch);
      },
      10,
    );
    expect(result).toMatchObject({
      unresolved: 50,
      failure: 'Jira answered 503 to the user lookup',
    });
    expect(result.known.size).toBe(100);
  });
});
