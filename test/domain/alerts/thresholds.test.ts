import { DEFAULT_ALERT_POLICY } from '../../../src/domain/alerts/types';
import { at, DAY, HOUR, kinds, record, Sweep } from './fixtures';

const expiry = at(40 * 24).toISOString();
const hoursLeft = (h: number) => new Date(Date.parse(expiry) - h * HOUR);

/** A working credential checked every `every` hours while its expiry date comes closer. */
function walk(sweep: Sweep, expiresAt: string, fromHours: number, toHours: number, every = 6) {
  for (let left = fromHours; left > toHours; left -= every) {
    const when = new Date(Date.parse(expiresAt) - left * HOUR);
    const verdict = left > 30 * 24 ? 'healthy' : 'expiring';
    sweep.check(verdict, when, { expiresAt });
    // A second sweep with nothing new must add nothing: redelivered events, overlapping sweeps.
    expect(sweep.decide(when)).toEqual([]);
  }
}

describe('expiry thresholds', () => {
  it('fires 30, 14, 7 and 1 days ahead, each exactly once, as the days pass', () => {
    const sweep = new Sweep();
    walk(sweep, expiry, 40 * 24, 1);
    expect(sweep.log.map((a) => [a.kind, a.threshold])).toEqual([
      ['expiring', 30],
      ['expiring', 14],
      ['expiring', 7],
      ['expiring', 1],
    ]);
    expect(sweep.log.map((a) => a.severity)).toEqual(['warning', 'warning', 'warning', 'critical']);
    expect(sweep.log.every((a) => a.channels === 'primary' && a.expiresAt === expiry)).toBe(true);
  });

  it('fires each threshold on the first check at or past it', () => {
    const sweep = new Sweep();
    sweep.check('healthy', hoursLeft(30 * 24 + 1), { expiresAt: expiry });
    expect(sweep.check('expiring', hoursLeft(30 * 24), { expiresAt: expiry })).toMatchObject([
      { kind: 'expiring', threshold: 30 },
    ]);
  });

  it('fires only the smallest threshold crossed when first seen late, and marks the larger ones', () => {
    const sweep = new Sweep();
    expect(sweep.check('expiring', hoursLeft(5 * 24), { expiresAt: expiry })).toMatchObject([
      { threshold: 7 },
    ]);
    expect(sweep.state?.expiry?.fired).toEqual([30, 14, 7]);
    walk(sweep, expiry, 5 * 24 - 6, 1);
    expect(sweep.log.map((a) => a.threshold)).toEqual([7, 1]);
  });

  it('says once that a warned credential was renewed, then starts over for its new expiry date', () => {
    const sweep = new Sweep();
    walk(sweep, expiry, 10 * 24, 5 * 24);
    expect(sweep.log.map((a) => a.threshold)).toEqual([14, 7]);
    const renewed = new Date(Date.parse(expiry) + 60 * DAY).toISOString();
    const now = hoursLeft(5 * 24 - 6);
    expect(sweep.check('healthy', now, { expiresAt: renewed })).toEqual([
      expect.objectContaining({
        kind: 'renewed',
        severity: 'ok',
        expiresAt: renewed,
        idempotencyKey: `${sweep.rec.id}:renewed:${expiry.slice(0, 10)}`,
      }),
    ]);
    expect(sweep.check('healthy', hoursLeft(5 * 24 - 7), { expiresAt: renewed })).toEqual([]);
    expect(sweep.state?.expiry).toEqual({ day: renewed.slice(0, 10), fired: [], held: null });
    walk(sweep, renewed, 31 * 24, 29 * 24);
    const last = sweep.log[sweep.log.length - 1]!;
    expect(last).toMatchObject({ threshold: 30, expiresAt: renewed });
    expect(last.idempotencyKey).not.toBe(sweep.log[0]!.idempotencyKey);
  });

  it('treats an expiry that moves within the same UTC day as the same date', () => {
    const sweep = new Sweep();
    sweep.check('expiring', hoursLeft(20 * 24), { expiresAt: expiry });
    const jittered = new Date(Date.parse(expiry) + 1000).toISOString();
    expect(sweep.check('expiring', hoursLeft(20 * 24 - 6), { expiresAt: jittered })).toEqual([]);
  });

  it('keeps what fired while a check cannot read the expiry date', () => {
    const sweep = new Sweep();
    sweep.check('expiring', hoursLeft(20 * 24), { expiresAt: expiry });
    sweep.check('unreachable', hoursLeft(20 * 24 - 1), { expiresAt: null });
    expect(sweep.state?.expiry?.fired).toEqual([30]);
    expect(sweep.check('expiring', hoursLeft(20 * 24 - 2), { expiresAt: expiry })).toEqual([]);
  });

  it("uses the integration's own warning days over the policy's", () => {
    const sweep = new Sweep(record({ config: { kind: 'github-token', warnDays: [10, 3] } }));
    walk(sweep, expiry, 40 * 24, 1);
    expect(sweep.log.map((a) => a.threshold)).toEqual([10, 3]);
  });

  it("uses the policy's warning days when the integration has none", () => {
    const sweep = new Sweep(record(), { ...DEFAULT_ALERT_POLICY, warnDays: [21] });
    walk(sweep, expiry, 40 * 24, 1);
    expect(sweep.log.map((a) => a.threshold)).toEqual([21]);
  });

  it('says nothing about expiry while an incident is open, and resumes after recovery', () => {
    const sweep = new Sweep();
    sweep.check('rejected', hoursLeft(20 * 24), { expiresAt: expiry });
    expect(kinds(sweep.log)).toEqual(['failure']);
    expect(kinds(sweep.check('expiring', hoursLeft(20 * 24 - 1), { expiresAt: expiry }))).toEqual([
      'recovery',
      'expiring',
    ]);
  });

  it('says nothing for a credential without an expiry date', () => {
    const sweep = new Sweep();
    expect(sweep.check('healthy', at(0))).toEqual([]);
    expect(sweep.state).toEqual({ expiry: null, incident: null });
  });
});
