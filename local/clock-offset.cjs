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
  const now = () => RealDate.now() + offset;
  // A function, not a class: `Date()` without `new` must still answer a string.
  function ShiftedDate(...args) {
    if (!new.target) return new RealDate(now()).toString();
    return Reflect.construct(RealDate, args.length > 0 ? args : [now()], new.target);
  }
  // Same prototype, so `instanceof Date` and every method keep working; statics come from Date.
  ShiftedDate.prototype = RealDate.prototype;
  Object.setPrototypeOf(ShiftedDate, RealDate);
  Object.defineProperty(ShiftedDate, 'now', { value: now, writable: true, configurable: true });
  ShiftedDate.tokenHealthOffsetMs = offset;
  scope.Date = ShiftedDate;
}

shiftDate(globalThis);

module.exports = { shiftDate };
