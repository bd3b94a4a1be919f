import type { InventoryPolicy, OrgToken } from '../../src/domain/inventory';
import {
  countFlags,
  csvCell,
  csvFilename,
  csvPart,
  matches,
  pageOf,
  PAGE_SIZE,
  revokeUrl,
  rowsOf,
  toCsv,
  toRow,
} from '../../src/domain/inventory-view';

const NOW = new Date('2026-11-23T12:00:00.000Z');
const ORG = '0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const POLICY: InventoryPolicy = { warnDays: [30, 7], maxLifetimeDays: 365, unusedDays: 90 };

function token(over: Partial<OrgToken> & { id: string }): OrgToken {
  return {
    kind: 'api-token',
    label: `token ${over.id}`,
    owner: { id: `acc-${over.id}`, name: 'Ada Lovelace', email: 'ada@example.com' },
    createdAt: '2026-10-01T00:00:00.000Z',
    expiresAt: '2027-06-01T00:00:00.000Z',
    lastActiveAt: '2026-11-20T00:00:00.000Z',
    status: 'ALLOWED',
    revokedNoticedAt: null,
    alerted: null,
    ...over,
  };
}

const rows = (tokens: OrgToken[]) => rowsOf(tokens, POLICY, ORG, NOW);
const ids = (list: { id: string }[]) => list.map((t) => t.id);

describe('an org token as a row', () => {
  it('carries its flags, days left and the admin page to revoke it, and not its alert memory', () => {
    const row = toRow(
      token({ id: 't1', expiresAt: '2026-11-30T12:00:00.000Z', alerted: { day: 'x', fired: [7] } }),
      POLICY,
      ORG,
      NOW,
    );
    expect(row.flags).toEqual(['expiring']);
    expect(row.daysLeft).toBe(7);
    expect(row.revokeUrl).toBe(`https://admin.atlassian.com/o/${ORG}/user-api-tokens`);
    expect(row).not.toHaveProperty('alerted');
  });

  it('counts days left negative once expired and null without expiry', () => {
    const [expired, forever] = rows([
      token({ id: 'a', expiresAt: '2026-11-20T12:00:00.000Z' }),
      token({ id: 'b', expiresAt: null }),
    ]);
    expect(expired?.daysLeft).toBe(-3);
    expect(forever?.daysLeft).toBeNull();
  });

  it('links user API tokens and API keys to their own admin pages', () => {
    expect(revokeUrl(ORG, 'api-token')).toBe(
      `https://admin.atlassian.com/o/${ORG}/user-api-tokens`,
    );
    expect(revokeUrl(ORG, 'api-key')).toBe(`https://admin.atlassian.com/o/${ORG}/admin-api`);
  });
});

describe('the order of the rows', () => {
  it('puts expired first, then the soonest expiry, never-expiring and revoked last', () => {
    const sorted = rows([
      token({ id: 'forever', expiresAt: null }),
      token({ id: 'later', expiresAt: '2027-03-01T00:00:00.000Z' }),
      token({ id: 'revoked', expiresAt: '2026-01-01T00:00:00.000Z', revokedNoticedAt: 'x' }),
      token({ id: 'soon', expiresAt: '2026-12-01T00:00:00.000Z' }),
      token({ id: 'expired', expiresAt: '2026-11-01T00:00:00.000Z' }),
    ]);
    expect(ids(sorted)).toEqual(['expired', 'soon', 'later', 'forever', 'revoked']);
  });

  it('orders tokens expiring at the same time by label', () => {
    const sorted = rows([
      token({ id: '1', label: 'zeta', expiresAt: null }),
      token({ id: '2', label: 'alpha', expiresAt: null }),
    ]);
    expect(sorted.map((r) => r.label)).toEqual(['alpha', 'zeta']);
  });
});

describe('filtering the rows', () => {
  const all = rows([
    token({ id: 'old', createdAt: '2024-01-01T00:00:00.000Z', lastActiveAt: null }),
    token({ id: 'forever', expiresAt: null, kind: 'api-key' }),
    token({
      id: 'grace',
      owner: { id: 'acc-g', name: 'Grace Hopper', email: 'GRACE@navy.example' },
    }),
  ]);

  it('keeps only rows holding every given flag', () => {
    expect(ids(all.filter((r) => matches(r, { flags: ['long-lifetime'] })))).toEqual([
      'old',
      'forever',
    ]);
    expect(ids(all.filter((r) => matches(r, { flags: ['long-lifetime', 'unused'] })))).toEqual([
      'old',
    ]);
  });

  it('matches the owner name or email as a case-insensitive substring', () => {
    expect(ids(all.filter((r) => matches(r, { owner: 'hopper' })))).toEqual(['grace']);
    expect(ids(all.filter((r) => matches(r, { owner: 'Navy.EX' })))).toEqual(['grace']);
    expect(all.filter((r) => matches(r, { owner: '  ' }))).toHaveLength(3);
  });

  it('matches the kind', () => {
    expect(ids(all.filter((r) => matches(r, { kind: 'api-key' })))).toEqual(['forever']);
  });
});

describe('counting flags', () => {
  it('counts every flag and all rows, flags not present as zero', () => {
    const counts = countFlags(
      rows([
        token({ id: 'a', expiresAt: null }),
        token({ id: 'b', expiresAt: null, status: 'BLOCKED' }),
        token({ id: 'c', revokedNoticedAt: '2026-11-22T00:00:00.000Z' }),
      ]),
    );
    expect(counts).toEqual({
      all: 3,
      expiring: 0,
      expired: 0,
      'no-expiry': 2,
      'long-lifetime': 2,
      unused: 0,
      blocked: 1,
      revoked: 1,
    });
  });
});

describe('paging', () => {
  it('gives at most one page of rows from the offset', () => {
    const list = Array.from({ length: 120 }, (_, i) => i);
    expect(pageOf(list, 0)).toHaveLength(PAGE_SIZE);
    expect(pageOf(list, 100)).toEqual(list.slice(100));
    expect(pageOf(list, 500)).toEqual([]);
  });
});

describe('the CSV export', () => {
  it('starts with the header and ends every record with CRLF', () => {
    const csv = toCsv(rows([token({ id: 't1', expiresAt: null, lastActiveAt: null })]));
    expect(csv.split('\r\n')).toEqual([
      'kind,label,owner name,owner email,owner id,created,expires,last active,status,flags,revoked noticed,revoke url',
      `api-token,token t1,Ada Lovelace,ada@example.com,acc-t1,2026-10-01T00:00:00.000Z,,,ALLOWED,no-expiry long-lifetime,,https://admin.atlassian.com/o/${ORG}/user-api-tokens`,
      '',
    ]);
  });

  it('quotes fields holding commas, quotes or line breaks, doubling the quotes', () => {
    expect(csvCell('Lovelace, Ada')).toBe('"Lovelace, Ada"');
    expect(csvCell('the "CI" bot')).toBe('"the ""CI"" bot"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(null)).toBe('');
  });

  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
  ])('neutralises a cell starting like a formula: %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it.each([
    [
      'after a comma',
      'ok,=HYPERLINK("https://phish.example")',
      `"ok,'=HYPERLINK(""https://phish.example"")"`,
    ],
    ['after a semicolon', 'ok;=1+1', "ok;'=1+1"],
    ['after a tab', 'ok\t@SUM(A1)', "ok\t'@SUM(A1)"],
    ['after a separator and spaces', 'ok;  -2+3', "ok;  '-2+3"],
    ['at every start at once', '=a;+b,@c', `"'=a;'+b,'@c"`],
  ])(
    'neutralises a formula that starts %s, where an import may split the cell',
    (_where, value, cell) => {
      expect(csvCell(value)).toBe(cell);
    },
  );

  it('leaves dashes and signs inside words alone', () => {
    expect(csvCell('ci-bot token-2')).toBe('ci-bot token-2');
  });

  it('neutralises a formula in a label and still quotes it', () => {
    const csv = toCsv(rows([token({ id: 't1', label: '=cmd|" /C calc"!A0,x' })]));
    expect(csv).toContain(`,"'=cmd|"" /C calc""!A0,x",`);
  });

  it('is named by the UTC day', () => {
    expect(csvFilename(new Date('2026-11-23T23:59:00Z'))).toBe('org-tokens-2026-11-23.csv');
  });
});

describe('a long CSV export in parts', () => {
  const many = rows(Array.from({ length: 40 }, (_, i) => token({ id: `t${i}` })));
  const whole = toCsv(many);
  const [header = '', ...records] = whole.split('\r\n').slice(0, -1);
  const bytes = (text: string) => new TextEncoder().encode(text).length;
  const limit = Math.ceil(bytes(whole) / 3.5);

  it('cuts it into whole CSV files of at most the limit, each with the header, rows in order', () => {
    const first = csvPart(many, 1, limit);
    expect(first.parts).toBe(4);
    const parts = Array.from({ length: first.parts }, (_, i) => csvPart(many, i + 1, limit));
    for (const part of parts) {
      expect(bytes(part.csv)).toBeLessThanOrEqual(limit);
      expect(part.csv.startsWith(`${header}\r\n`)).toBe(true);
    }
    const joined = parts.flatMap((p) => p.csv.split('\r\n').slice(1, -1));
    expect(joined).toEqual(records);
    expect(parts.map((p) => [p.firstRow, p.lastRow])).toEqual(
      parts.map((p, i) => {
        const before = parts.slice(0, i).reduce((n, q) => n + q.csv.split('\r\n').length - 2, 0);
        return [before + 1, before + p.csv.split('\r\n').length - 2];
      }),
    );
    expect(parts[parts.length - 1]?.lastRow).toBe(40);
  });

  it('is one part, the whole CSV, when it fits', () => {
    expect(csvPart(many, 1)).toEqual({ csv: whole, part: 1, parts: 1, firstRow: 1, lastRow: 40 });
  });

  it('puts a row longer than the limit in a part of its own rather than dropping it', () => {
    const part = csvPart(many.slice(0, 2), 2, bytes(header) + 10);
    expect(part).toMatchObject({ parts: 2, firstRow: 2, lastRow: 2 });
    expect(part.csv.split('\r\n')[1]).toBe(records[1]);
  });

  it('names each part of a long export, and a short one by its day alone', () => {
    const day = new Date('2026-11-23T23:59:00Z');
    expect(csvFilename(day, 2, 5)).toBe('org-tokens-2026-11-23-part-2-of-5.csv');
    expect(csvFilename(day, 1, 1)).toBe('org-tokens-2026-11-23.csv');
  });
});
