import { inMaintenance } from '../../../src/domain/alerts/suppression';
import {
  DEFAULT_ALERT_POLICY,
  type AlertPolicy,
  type MaintenanceWindow,
} from '../../../src/domain/alerts/types';
import { at, HOUR, kinds, record, Sweep } from './fixtures';

const snoozedUntil = (hours: number) => record({ snoozedUntil: at(hours).toISOString() });
const windowed = (...maintenance: MaintenanceWindow[]): AlertPolicy => ({
  ...DEFAULT_ALERT_POLICY,
  maintenance,
});
const once = (from: number, to: number): MaintenanceWindow => ({
  kind: 'once',
  start: at(from).toISOString(),
  end: at(to).toISOString(),
});

describe('snooze', () => {
  it('holds the opening of an incident back, then sends it once the snooze ends', () => {
    const sweep = new Sweep(snoozedUntil(30));
    const [held] = sweep.check('rejected', at(0));
    expect(held).toMatchObject({ kind: 'failure', suppressed: 'snoozed' });
    for (let h = 1; h < 30; h += 1) sweep.check('rejected', at(h));
    expect(sweep.sent()).toEqual([]);
    const [sent] = sweep.check('rejected', at(30));
    expect(sent).toMatchObject({ kind: 'failure', idempotencyKey: held!.idempotencyKey });
    expect(sent!.suppressed).toBeUndefined();
    expect(sweep.check('rejected', at(31))).toEqual([]);
  });

  it('drops the reminders due during the snooze instead of sending them later', () => {
    const sweep = new Sweep(snoozedUntil(60));
    sweep.check('rejected', at(-1));
    for (let h = 0; h <= 72; h += 1) sweep.check('rejected', at(h));
    expect(sweep.log.map((a) => [a.kind, a.at, a.suppressed])).toEqual([
      ['failure', at(-1).toISOString(), 'snoozed'],
      ['reminder', at(23).toISOString(), 'snoozed'],
      ['reminder', at(47).toISOString(), 'snoozed'],
      ['failure', at(60).toISOString(), undefined],
    ]);
  });

  it('closes an incident nobody was told of without a recovery notice', () => {
    const sweep = new Sweep(snoozedUntil(30));
    sweep.check('rejected', at(0));
    expect(sweep.check('healthy', at(5))).toEqual([]);
    expect(sweep.state?.incident).toBeNull();
  });

  it('still sends the recovery of an incident people were told of', () => {
    const sweep = new Sweep();
    sweep.check('rejected', at(0));
    sweep.rec = snoozedUntil(30);
    expect(sweep.check('rejected', at(24))).toMatchObject([
      { kind: 'reminder', suppressed: 'snoozed' },
    ]);
    const [recovery] = sweep.check('healthy', at(25));
    expect(recovery).toMatchObject({ kind: 'recovery' });
    expect(recovery!.suppressed).toBeUndefined();
  });

  it('holds an escalation due during the snooze until it ends', () => {
    const sweep = new Sweep(snoozedUntil(10), { ...DEFAULT_ALERT_POLICY, escalateAfterHours: 4 });
    for (let h = 0; h <= 11; h += 1) sweep.check('rejected', at(h));
    expect(sweep.log.map((a) => [a.kind, a.channels, a.suppressed])).toEqual([
      ['failure', 'primary', 'snoozed'],
      ['escalation', 'escalation', 'snoozed'],
      ['failure', 'primary', undefined],
      ['escalation', 'escalation', undefined],
    ]);
    expect(sweep.log[3]!.idempotencyKey).toBe(sweep.log[1]!.idempotencyKey);
  });

  it('holds an expiry warning, then sends only the latest one crossed', () => {
    const expiresAt = at(20 * 24).toISOString();
    const sweep = new Sweep(snoozedUntil(10 * 24));
    for (let h = 0; h <= 14 * 24; h += 12) sweep.check('expiring', at(h), { expiresAt });
    expect(sweep.log.map((a) => [a.threshold, a.suppressed])).toEqual([
      [30, 'snoozed'],
      [14, 'snoozed'],
      [14, undefined],
      [7, undefined],
    ]);
    expect(sweep.log[2]!.at).toBe(at(10 * 24).toISOString());
  });
});

describe('maintenance windows', () => {
  it('hold sends back inside the window and release what still applies after it', () => {
    const sweep = new Sweep(record(), windowed(once(0, 2)));
    sweep.check('unreachable', at(0));
    expect(sweep.check('unreachable', at(0.1))).toMatchObject([{ suppressed: 'maintenance' }]);
    expect(sweep.check('unreachable', at(1))).toEqual([]);
    expect(sweep.check('unreachable', at(2))).toMatchObject([{ kind: 'failure' }]);
    expect(sweep.sent()).toHaveLength(1);
  });

  it('let a failure that ends inside the window pass without a word', () => {
    const sweep = new Sweep(record(), windowed(once(0, 2)));
    sweep.check('unreachable', at(0));
    sweep.check('unreachable', at(0.1));
    sweep.check('healthy', at(1));
    sweep.decide(at(3));
    expect(sweep.sent()).toEqual([]);
  });

  it('are named second when a snooze also applies', () => {
    const sweep = new Sweep(snoozedUntil(5), windowed(once(0, 2)));
    expect(sweep.check('rejected', at(1))).toMatchObject([{ suppressed: 'snoozed' }]);
  });

  it('keep decisions idempotent while suppressed', () => {
    const sweep = new Sweep(record(), windowed(once(0, 48)));
    sweep.check('rejected', at(0));
    expect(sweep.decide(at(0))).toEqual([]);
    expect(kinds(sweep.decide(at(24)))).toEqual(['reminder']);
    expect(sweep.decide(at(24))).toEqual([]);
  });
});

describe('inMaintenance()', () => {
  // 2026-11-23 is a Monday.
  const monday = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00Z`);
  const weekly = (days: number[], from: string, to: string): MaintenanceWindow => ({
    kind: 'weekly',
    days,
    from,
    to,
  });

  it('covers a one-off window from its start up to its end', () => {
    const w = [once(0, 2)];
    expect(inMaintenance(w, new Date(at(0).getTime() - 1))).toBe(false);
    expect(inMaintenance(w, at(0))).toBe(true);
    expect(inMaintenance(w, new Date(at(2).getTime() - 1))).toBe(true);
    expect(inMaintenance(w, at(2))).toBe(false);
  });

  it('covers a weekly window on its days only, in UTC', () => {
    const w = [weekly([1], '02:00', '04:00')];
    expect(inMaintenance(w, monday('01:59'))).toBe(false);
    expect(inMaintenance(w, monday('02:00'))).toBe(true);
    expect(inMaintenance(w, monday('03:59'))).toBe(true);
    expect(inMaintenance(w, monday('04:00'))).toBe(false);
    expect(inMaintenance(w, new Date(monday('03:00').getTime() + 24 * HOUR))).toBe(false);
  });

  it('carries a window past midnight into the next day', () => {
    const w = [weekly([1], '22:00', '02:00')];
    expect(inMaintenance(w, monday('23:00'))).toBe(true);
    expect(inMaintenance(w, new Date('2026-11-24T01:30:00Z'))).toBe(true);
    expect(inMaintenance(w, new Date('2026-11-24T02:00:00Z'))).toBe(false);
    expect(inMaintenance(w, monday('01:30'))).toBe(false);
  });

  it('carries a Saturday night window into Sunday morning', () => {
    const w = [weekly([6], '23:00', '01:00')];
    expect(inMaintenance(w, new Date('2026-11-29T00:30:00Z'))).toBe(true);
  });

  it('reads equal times as a whole day', () => {
    const w = [weekly([1], '00:00', '00:00')];
    expect(inMaintenance(w, monday('13:00'))).toBe(true);
    expect(inMaintenance(w, new Date('2026-11-24T00:00:00Z'))).toBe(false);
  });
});
