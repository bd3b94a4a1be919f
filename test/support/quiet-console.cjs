// The handlers log every sweep, check and delivery: useful in a terminal, noise in `npm test`.
// console.log, info and debug say nothing here unless TOKEN_HEALTH_TEST_LOGS=1; warnings and
// errors stay, and the reporter shows them with a test file that fails.
'use strict';

if (!process.env.TOKEN_HEALTH_TEST_LOGS) {
  for (const method of ['log', 'info', 'debug']) console[method] = () => undefined;
}
