import { DEFAULT_ALERT_POLICY } from '../../../src/domain/alerts/types';
import type { Verdict } from '../../../src/domain/verdict';
import { at, kinds, record, Sweep } from './fixtures';

const CREDENTIAL_VERDICTS: Verdict[] = [
  'rejected',
  'anonymous',
  'identity-changed',
  'locked',
  'insufficient-scope',
  'unexpected-response',
  'expired',
  'not-allowed',
];

/** Checks every hour from `from` to `to` (hours after T0), all with the same verdict. */
function hourly(sweep: Sweep, verdict: Verdict, from: number, to: number) {
  for (let h = from; h <= to; h += 1) sweep.check(verdict, at(h));
}

describe('failures', () => {
  it.each(CREDENTIAL_VERDICTS)('alert at once on the first %s result', (verdict) => {
    const sweep = new Sweep();
    sweep.check('healthy', at(-1));
    expect(sweep.check(verdict, at(0))).toEqual([
      {
        kind: 'failure',
        integrationId: 'int-1',
        idempotencyKey: `int-1:after:${at(-1).toISOString()}:failure:0`,
        severity: 'critical',
        channels: 'primary',
        at: at(0).toISOString(),
        verdict,
        incident: {
          id: `int-1:after:${at(-1).toISOString()}`,
          verdict,
          openedAt: at(0).toISOString(),
        },
      },
    ]);
  });

  it.each<Verdict>(['unreachable', 'rate-limited'])(
    'wait for a second %s result in a row before alerting',
    (verdict) => {
      const sweep = new Sweep();
      expect(sweep.check(verdict, at(0))).toEqual([]);
      expect(sweep.state?.incident).toBeNull();
      expect(sweep.check(verdict, at(0.1))).toMatchObject([
        { kind: 'failure', verdict, incident: { openedAt: at(0.1).toISOString() } },
      ]);
    },
  );

  it('forgets a transient result that a success follows', () => {
    const sweep = new Sweep();
    sweep.check('unreachable', at(0));
    sweep.check('healthy', at(0.1));
    sweep.check('unreachable', at(0.2));
    expect(sweep.log).toEqual([]);
  });

  it('alerts once per incident however many failing checks follow', () => {
    const sweep = new Sweep();
    hourly(sweep, 'rejected', 0, 23);
    expect(kinds(sweep.log)).toEqual(['failure']);
  });

  it('tells of a change in what is wrong as a new notice on the same incident', () => {
    const sweep = new Sweep();
    sweep.check('anonymous', at(0));
    const [change] = sweep.check('rejected', at(1));
    expect(change).toMatchObject({
      kind: 'failure',
      verdict: 'rejected',
      idempotencyKey: 'int-1:after:never:failure:1',
      incident: { id: sweep.log[0]!.incident!.id, verdict: 'rejected' },
    });
  });

  it('keeps the incident through one transient result, without a recovery or a notice', () => {
    const sweep = new Sweep();
    sweep.check('rejected', at(0));
    expect(sweep.check('unreachable', at(1))).toEqual([]);
    expect(sweep.state?.incident?.verdict).toBe('rejected');
    expect(sweep.check('rejected', at(2))).toEqual([]);
  });
});

describe('reminders', () => {
  it('remind every 24 hours after the last notice while still failing', () => {
    const sweep = new Sweep();
    hourly(sweep, 'rejected', 0, 72);
    const reminders = sweep.log.filter((a) => a.kind === 'reminder');
    expect(reminders.map((a) => a.at)).toEqual(
      [at(24), at(48), at(72)].map((d) => d.toISOString()),
    );
    expect(reminders.map((a) => a.idempotencyKey)).toEqual(
      [1, 2, 3].map((n) => `int-1:after:never:reminder:${n}`),
    );
  });

  it('follow the configured interval, counted from the last notice of any kind', () => {
    const sweep = new Sweep(record(), { ...DEFAULT_ALERT_POLICY, reminderHours: 6 });
    hourly(sweep, 'anonymous', 0, 4);
    sweep.check('rejected', at(5)); // a change is a notice: the next reminder counts from it
    hourly(sweep, 'rejected', 6, 17);
    expect(sweep.log.map((a) => [a.kind, a.at])).toEqual([
      ['failure', at(0).toISOString()],
      ['failure', at(5).toISOString()],
      ['reminder', at(11).toISOString()],
      ['reminder', at(17).toISOString()],
    ]);
  });

  it('come from the clock alone: a decision without a new check still reminds', () => {
    const sweep = new Sweep();
    sweep.check('rejected', at(0));
    expect(sweep.decide(at(23.9))).toEqual([]);
    expect(kinds(sweep.decide(at(24)))).toEqual(['reminder']);
    expect(sweep.decide(at(24))).toEqual([]);
  });

  it('never come in a burst after a long silence', () => {
    const sweep = new Sweep();
    sweep.check('rejected', at(0));
    expect(kinds(sweep.decide(at(24 * 5)))).toEqual(['reminder']);
  });

  it('pause while the failure is unconfirmed', () => {
    const sweep = new Sweep();
    sweep.check('rejected', at(0));
    expect(sweep.check('unreachable', at(30))).toEqual([]);
  });
});

describe('escalation', () => {
  const policy = { ...DEFAULT_ALERT_POLICY, escalateAfterHours: 8 };

  it('escalates once, after the configured hours of an open incident', () => {
    const sweep = new Sweep(record(), policy);
    hourly(sweep, 'rejected', 0, 60);
    const escalations = sweep.log.filter((a) => a.kind === 'escalation');
    expect(escalations).toMatchObject([
      {
        at: at(8).toISOString(),
        channels: 'escalation',
        idempotencyKey: 'int-1:after:never:escalation',
      },
    ]);
  });

  it('sends what follows an escalation to every channel, its recovery included', () => {
    const sweep = new Sweep(record(), policy);
    hourly(sweep, 'rejected', 0, 24);
    sweep.check('healthy', at(25));
    expect(sweep.log.map((a) => [a.kind, a.channels])).toEqual([
      ['failure', 'primary'],
      ['escalation', 'escalation'],
      ['reminder', 'all'],
      ['recovery', 'all'],
    ]);
  });

  it('decided with a reminder, leaves the reminder to the primary channel', () => {
    const sweep = new Sweep(record(), { ...policy, escalateAfterHours: 24 });
    sweep.check('rejected', at(0));
    expect(sweep.decide(at(24)).map((a) => [a.kind, a.channels])).toEqual([
      ['reminder', 'primary'],
      ['escalation', 'escalation'],
    ]);
  });

  it('never escalates without an escalation channel', () => {
    const sweep = new Sweep();
    hourly(sweep, 'rejected', 0, 60);
    expect(kinds(sweep.log)).not.toContain('escalation');
  });
});

describe('recovery', () => {
  it('closes the incident with one recovery notice', () => {
    const sweep = new Sweep();
    sweep.check('rejected', at(0));
    const [recovery] = sweep.check('healthy', at(3));
    expect(recovery).toMatchObject({
      kind: 'recovery',
      severity: 'ok',
      channels: 'primary',
      verdict: 'healthy',
      idempotencyKey: 'int-1:after:never:recovery',
      incident: { id: 'int-1:after:never', verdict: 'rejected', openedAt: at(0).toISOString() },
    });
    expect(sweep.state?.incident).toBeNull();
    expect(sweep.check('healthy', at(4))).toEqual([]);
    expect(sweep.decide(at(40))).toEqual([]);
  });

  it('opens a new incident with a new id for the next failure', () => {
    const sweep = new Sweep();
    sweep.check('rejected', at(0));
    sweep.check('healthy', at(1));
    sweep.check('rejected', at(2));
    const [first, , second] = sweep.log;
    expect(second).toMatchObject({ kind: 'failure', incident: { openedAt: at(2).toISOString() } });
    expect(second!.incident!.id).not.toBe(first!.incident!.id);
    expect(second!.idempotencyKey).not.toBe(first!.idempotencyKey);
  });

  it('names an incident after the last success, so a check re-run after a failed store opens the same one', () => {
    const stored = new Sweep();
    stored.check('healthy', at(-1));
    const retried = new Sweep();
    retried.check('healthy', at(-1));
    const [first] = stored.check('rejected', at(0));
    const [again] = retried.check('rejected', at(0.5));
    expect(again!.incident!.id).toBe(first!.incident!.id);
    expect(again!.idempotencyKey).toBe(first!.idempotencyKey);
  });

  it('carries the Jira issue the caller attached to the incident', () => {
    const sweep = new Sweep();
    sweep.check('rejected', at(0));
    sweep.state = {
      ...sweep.state!,
      incident: { ...sweep.state!.incident!, jiraIssueKey: 'OPS-7' },
    };
    expect(sweep.decide(at(24))).toMatchObject([{ incident: { jiraIssueKey: 'OPS-7' } }]);
    expect(sweep.check('healthy', at(25))).toMatchObject([
      { kind: 'recovery', incident: { jiraIssueKey: 'OPS-7' } },
    ]);
  });
});

describe('decide()', () => {
  it('has nothing to say before the first check or while paused', () => {
    expect(new Sweep().decide(at(0))).toEqual([]);
    const paused = new Sweep(record({ paused: true }));
    expect(paused.check('rejected', at(0))).toEqual([]);
  });

  it('names the same events with the same keys when a decision is re-run on the old state', () => {
    const sweep = new Sweep();
    sweep.check('rejected', at(0));
    const before = sweep.state;
    const first = sweep.decide(at(24));
    sweep.state = before; // the state write was lost; the event is redelivered a minute later
    const again = sweep.decide(at(24 + 1 / 60));
    expect(again.map((a) => a.idempotencyKey)).toEqual(first.map((a) => a.idempotencyKey));
  });

  it('gives every event of a long story its own key', () => {
    const sweep = new Sweep(record(), { ...DEFAULT_ALERT_POLICY, escalateAfterHours: 4 });
    const expiresAt = at(40 * 24).toISOString();
    for (let h = 0; h < 40 * 24; h += 12) sweep.check('expiring', at(h), { expiresAt });
    hourly(sweep, 'expired', 40 * 24, 40 * 24 + 50);
    sweep.check('healthy', at(40 * 24 + 51));
    sweep.check('locked', at(40 * 24 + 52));
    const keys = sweep.log.map((a) => a.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(kinds(sweep.log)).toEqual([
      'expiring',
      'expiring',
      'expiring',
      'expiring',
      'failure',
      'escalation',
      'reminder',
      'reminder',
      'recovery',
      'failure',
    ]);
  });
});
