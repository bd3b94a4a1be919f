import { z } from 'zod';
import { PLAIN } from '../../src/domain/plain-input';
import { ZOD_DEFAULT } from '../support/zod-default';

function messageOf(schema: z.ZodType, input: unknown): string {
  const result = schema.safeParse(input, PLAIN);
  if (result.success) throw new Error('accepted what it should refuse');
  return result.error.issues[0]!.message;
}

describe('plain words for an issue no schema chose words for', () => {
  it.each([
    ['text that is not text', z.string(), 42, 'must be text'],
    ['a missing field', z.object({ a: z.string() }), {}, 'is required'],
    ['a number that is not a number', z.number(), 'x', 'must be a number'],
    ['a fraction for a whole number', z.number().int(), 1.5, 'must be a whole number'],
    ['a flag that is not a flag', z.boolean(), 'yes', 'must be true or false'],
    ['a list that is not a list', z.array(z.string()), 'x', 'must be a list'],
    ['fields that are not fields', z.object({}), 'x', 'must be a set of fields'],
    ['text too long', z.string().max(3), 'abcd', 'must be at most 3 characters'],
    ['text too short', z.string().min(2), 'a', 'must be at least 2 characters'],
    ['empty text', z.string().min(1), '', 'must not be empty'],
    ['a list too long', z.array(z.number()).max(1), [1, 2], 'must be at most 1 item'],
    ['a number too large', z.number().max(5), 6, 'must be at most 5'],
    ['a number too small', z.number().min(1), 0, 'must be at least 1'],
    ['a choice not offered', z.enum(['a', 'b']), 'c', 'must be one of: a, b'],
    [
      'fields not taken',
      z.strictObject({}),
      { colour: 1 },
      'has fields it does not take: "colour"',
    ],
    ['a format not met', z.string().regex(/^a$/), 'b', 'is not in the right format'],
    ['an odd number for an even one', z.number().multipleOf(2), 3, 'must be a multiple of 2'],
    [
      'none of a union',
      z.union([z.string(), z.number()]),
      true,
      'is none of the forms it may take',
    ],
    ['a failed refinement', z.string().refine(() => false), 'x', 'is not valid'],
  ])('%s', (_what, schema, input, expected) => {
    const message = messageOf(schema as z.ZodType, input);
    expect(message).toBe(expected);
    expect(message).not.toMatch(ZOD_DEFAULT);
  });

  it('quotes a field it does not take short: the name is input and could be anything', () => {
    const message = messageOf(z.strictObject({}), { ['k'.repeat(10_000)]: 1 });
    expect(message.length).toBeLessThan(80);
  });

  it("recognises zod's own words, so the resolver test can look for them", () => {
    const defaults = [z.string().max(1), z.enum(['a']), z.strictObject({}), z.number()].map(
      (schema) => {
        const result = schema.safeParse('xy' as unknown);
        return result.success ? '' : result.error.issues[0]!.message;
      },
    );
    for (const message of defaults) expect(message).toMatch(ZOD_DEFAULT);
  });
});
