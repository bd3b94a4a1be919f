import { isNonEmpty, parsePointer, resolvePointer } from '../../src/probes/json-pointer';

// The example document of RFC 6901 §5.
const RFC_DOC = {
  foo: ['bar', 'baz'],
  '': 0,
  'a/b': 1,
  'c%d': 2,
  'e^f': 3,
  'g|h': 4,
  'i\\j': 5,
  'k"l': 6,
  ' ': 7,
  'm~n': 8,
};

describe('resolvePointer', () => {
  it.each([
    ['', RFC_DOC],
    ['/foo', ['bar', 'baz']],
    ['/foo/0', 'bar'],
    ['/', 0],
    ['/a~1b', 1],
    ['/c%d', 2],
    ['/e^f', 3],
    ['/g|h', 4],
    ['/i\\j', 5],
    ['/k"l', 6],
    ['/ ', 7],
    ['/m~0n', 8],
  ])('resolves the RFC 6901 example %j', (pointer, expected) => {
    expect(resolvePointer(RFC_DOC, pointer)).toEqual(expected);
  });

  it('unescapes ~1 before ~0, so "~01" names the key "~1"', () => {
    expect(resolvePointer({ '~1': 'tilde-one', '/': 'slash' }, '/~01')).toBe('tilde-one');
  });

  it('returns undefined for a missing key, an index past the end, "-" and a leading zero', () => {
    const doc = { data: [{ id: 'a' }] };
    expect(resolvePointer(doc, '/data/0/name')).toBeUndefined();
    expect(resolvePointer(doc, '/data/1')).toBeUndefined();
    expect(resolvePointer(doc, '/data/-')).toBeUndefined();
    expect(resolvePointer(doc, '/data/00')).toBeUndefined();
    expect(resolvePointer(doc, '/data/0/id/x')).toBeUndefined();
  });

  it('does not reach inherited properties such as constructor', () => {
    expect(resolvePointer({}, '/constructor')).toBeUndefined();
    expect(resolvePointer([], '/length')).toBeUndefined();
  });

  it('keeps a present null apart from a missing value', () => {
    expect(resolvePointer({ expires_at: null }, '/expires_at')).toBeNull();
    expect(resolvePointer({}, '/expires_at')).toBeUndefined();
  });
});

describe('parsePointer', () => {
  it('refuses a pointer that does not start with "/" and a "~" not followed by 0 or 1', () => {
    expect(parsePointer('data/id')).toEqual({ ok: false, error: expect.stringMatching(/start/) });
    expect(parsePointer('/a~2b')).toEqual({ ok: false, error: expect.stringMatching(/~/) });
    expect(parsePointer('/a~')).toMatchObject({ ok: false });
    expect(resolvePointer({ 'a~2b': 1 }, '/a~2b')).toBeUndefined();
  });

  it('splits into unescaped tokens, keeping empty ones', () => {
    expect(parsePointer('/a~1b//c~0')).toEqual({ ok: true, tokens: ['a/b', '', 'c~'] });
  });
});

describe('isNonEmpty', () => {
  it('counts null, "", [] and {} as empty and false, 0 and strings as data', () => {
    expect([undefined, null, '', [], {}].map(isNonEmpty)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect([false, 0, 'x', [0], { a: null }].map(isNonEmpty)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
  });
});
