import { migrateAlertSettings } from '../../../src/domain/alerts/settings';
import { inMaintenance } from '../../../src/domain/alerts/suppression';
import type { WeeklyWindow } from '../../../src/domain/alerts/types';

const officeHours: WeeklyWindow = {
  kind: 'weekly',
  days: [1, 2, 3, 4, 5],
  from: '09:00',
  to: '17:00',
  timeZone: 'Europe/Berlin',
};

describe('maintenance windows kept with their time zone', () => {
  it('holds 09:00–17:00 Berlin time in winter and in summer alike', () => {
    // Monday 2026-01-12: Berlin is UTC+1, so 09:00 there is 08:00 UTC.
    expect(inMaintenance([officeHours], new Date('2026-01-12T07:59:00Z'))).toBe(false);
    expect(inMaintenance([officeHours], new Date('2026-01-12T08:00:00Z'))).toBe(true);
    expect(inMaintenance([officeHours], new Date('2026-01-12T15:59:00Z'))).toBe(true);
    // Monday 2026-07-13: Berlin is UTC+2, so 09:00 there is 07:00 UTC.
    expect(inMaintenance([officeHours], new Date('2026-07-13T06:59:00Z'))).toBe(false);
    expect(inMaintenance([officeHours], new Date('2026-07-13T07:00:00Z'))).toBe(true);
    expect(inMaintenance([officeHours], new Date('2026-07-13T15:00:00Z'))).toBe(false);
  });

  it('takes the weekday from the zone: Saturday 00:30 in Berlin is still Friday in UTC', () => {
    const saturday: WeeklyWindow = { ...officeHours, days: [6], from: '00:00', to: '01:00' };
    expect(inMaintenance([saturday], new Date('2026-01-16T23:30:00Z'))).toBe(true);
  });

  it('reads a window saved before zones were kept in UTC, as it always meant', () => {
    const legacy: WeeklyWindow = { kind: 'weekly', days: [1], from: '09:00', to: '10:00' };
    expect(inMaintenance([legacy], new Date('2026-07-13T09:30:00Z'))).toBe(true);
    expect(inMaintenance([legacy], new Date('2026-07-13T07:30:00Z'))).toBe(false);
  });
});

describe('alert settings saved before zones were kept', () => {
  it('keep their UTC digest hour, now named as UTC', () => {
    const stored = {
      reminderHours: 6,
      escalateAfterHours: null,
      maintenance: [],
      digestHourUtc: 7,
    };
    expect(migrateAlertSettings(stored)).toEqual({
      reminderHours: 6,
      escalateAfterHours: null,
      maintenance: [],
      digestHour: 7,
      digestTimeZone: 'UTC',
    });
  });

  it('leave a zoned digest hour as it was saved', () => {
    const saved = migrateAlertSettings({ digestHour: 9, digestTimeZone: 'Asia/Tokyo' });
    expect(saved).toMatchObject({ digestHour: 9, digestTimeZone: 'Asia/Tokyo' });
  });
});
