// TOKEN_HEALTH_NOW_OFFSET_DAYS=N moves this process's clock N days ahead: `Date.now()` and
// `new Date()` answer N days later, everything else about Date is unchanged. CI runs the tests and
// the benchmarks this way (400 days ahead) to find dates that only work this month. Loaded with
// `node --require` (NODE_OPTIONS reaches child processes too) and from jest's setupFiles, since
// each jest test file has a Date of its own.
'use strict';

const DAY_MS = 86_400_000;

function shiftDate(scope) {
  const days = Number(process.env.TOKEN_HEALTH_NOW_OFFSET_DAYS || 0);
  const RealDate = scope.Date;
  if (!Number.isFinite(days) || days === 0 || RealDate.tokenHealthOffsetMs !== undefined) return;
  const offset = days * DAY_MS;
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  ShiftedDate.tokenHealthOffsetMs = offset;
  scope.Date = ShiftedDate;
}

shiftDate(globalThis);

module.exports = { shiftDate };
